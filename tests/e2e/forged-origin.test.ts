import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, signInBrowser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** What a page heard on a raw Engine.IO WebSocket to the server, having asked to join the feed. */
interface Heard {
  opened: boolean;
  frames: string[];
  closed: boolean;
}

/**
 * Opens the WebSocket a page of any origin can open, speaks just enough Engine.IO / Socket.IO to ask for the
 * feed (`40` once the transport is open), and keeps the start of every frame for a few seconds.
 */
function listenFrom(page: Page, socketUrl: string): Promise<Heard> {
  return page.evaluate(
    (url) =>
      new Promise<Heard>((resolve) => {
        const heard: Heard = { opened: false, frames: [], closed: false };
        const ws = new WebSocket(url);
        ws.onopen = () => (heard.opened = true);
        ws.onmessage = (event) => {
          const frame = String(event.data);
          heard.frames.push(frame.slice(0, 120));
          if (frame.startsWith('0')) ws.send('40'); // the transport's open packet: connect to the namespace
        };
        ws.onclose = () => (heard.closed = true);
        setTimeout(() => {
          ws.close();
          resolve(heard);
        }, 3000);
      }),
    socketUrl,
  );
}

const snapshotIn = (heard: Heard) => heard.frames.some((f) => f.startsWith('42["snapshot"'));

describe('a page on another port of the same host cannot use the session over the socket', () => {
  let server: TestServer;
  let sibling: http.Server;
  let siblingUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    // the attacker's page: same host, another port — the same *site*, so the SameSite=Strict cookie goes along
    sibling = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>sibling</title><p>another app on this host</p>'),
    );
    await new Promise<void>((resolve) => sibling.listen(0, '127.0.0.1', resolve));
    siblingUrl = `http://127.0.0.1:${(sibling.address() as AddressInfo).port}`;
    browser = await openBrowser({ width: 800, height: 600 });
    // the victim is signed in, in this same browser
    await signInBrowser(browser.page, server.url, 'officer');
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => sibling?.close(resolve));
    await server?.close();
  });

  const socketUrl = () => `${server.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;

  it('sends our own page the snapshot (the cookie does reach the socket)', async () => {
    await browser.page.goto(`${server.url}/api/health`);
    const heard = await listenFrom(browser.page, socketUrl());
    expect(heard.opened).toBe(true);
    expect(snapshotIn(heard), heard.frames.join('\n')).toBe(true);
  });

  it('refuses the sibling page with a clear error and sends it no snapshot', async () => {
    await browser.page.goto(siblingUrl);
    const cookies = await browser.context.cookies(server.url);
    expect(cookies.length).toBeGreaterThan(0); // the session is there to be abused
    const heard = await listenFrom(browser.page, socketUrl());
    expect(snapshotIn(heard), heard.frames.join('\n')).toBe(false);
    expect(
      heard.frames.some((f) => f.startsWith('40{"sid"')),
      'joined the feed',
    ).toBe(false);
    expect(heard.frames).toContainEqual(expect.stringMatching(/^44\{"message":"forbidden origin/));
  });
});
