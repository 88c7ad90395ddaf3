import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/errors.ts';
import { OUTDATED, PROTOCOL_VERSION } from '../../shared/events.ts';
import { sessionCookie, signInCookie, socketAs, TEST_PASSWORD, testUsername } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const PROXY_ORIGIN = 'https://onemap.example.org';
const HOUR_MS = 3600_000;
/** How long a session lasts (server/auth/service.ts). */
const SESSION_MS = 24 * HOUR_MS;

/** Connects and says how it went: connected (and whether a snapshot came), or the refusal's message. */
async function attempt(socket: Socket): Promise<{ connected: true; snapshot: boolean } | { connected: false; refusal: string }> {
  const snapshot = new Promise<boolean>((resolve) => {
    socket.once('snapshot', () => resolve(true));
    setTimeout(() => resolve(false), 3000);
  });
  const outcome = await new Promise<{ connected: true } | { connected: false; refusal: string }>((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err) => resolve({ connected: false, refusal: err.message }));
  });
  if (!outcome.connected) return outcome;
  return { connected: true, snapshot: await snapshot };
}

describe('the socket handshake checks the Origin', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { ALLOWED_ORIGINS: PROXY_ORIGIN });
  });
  afterAll(() => server.close());

  const withOrigin = async (origin: string | undefined) => {
    const cookie = await sessionCookie(server.url, 'officer');
    const headers: Record<string, string> = origin === undefined ? { cookie } : { cookie, origin };
    const socket = await socketAs(server.url, { extraHeaders: headers, reconnection: false }, null);
    try {
      return await attempt(socket);
    } finally {
      socket.close();
    }
  };

  it('refuses a page of another port of this host, though it carries the session cookie', async () => {
    expect(await withOrigin('http://127.0.0.1:1')).toEqual({ connected: false, refusal: expect.stringMatching(/^forbidden origin/) });
    expect(await withOrigin('null')).toEqual({ connected: false, refusal: expect.stringMatching(/^forbidden origin/) });
  });

  it('accepts no Origin (not a browser page), its own origin, and a configured proxy origin', async () => {
    expect(await withOrigin(undefined)).toEqual({ connected: true, snapshot: true });
    expect(await withOrigin(server.url)).toEqual({ connected: true, snapshot: true });
    expect(await withOrigin(PROXY_ORIGIN)).toEqual({ connected: true, snapshot: true });
  });
});

describe('a socket does not outlive its session', () => {
  let server: TestServer;
  /** The server's clock runs this far ahead of the real one; a test moves it. */
  let aheadMs = 0;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, () => new Date(Date.now() + aheadMs));
  });
  afterAll(() => server.close());

  /** A fresh session of its own (opened at aheadMs = 0: it expires SESSION_MS from now) and a socket on it. */
  const freshSession = async () => {
    aheadMs = 0;
    return signInCookie(server.url, '/api/auth/login', { username: testUsername('observer'), password: TEST_PASSWORD });
  };
  const connect = async (cookie: string) => {
    const socket = await socketAs(server.url, { extraHeaders: { cookie }, reconnection: false }, null);
    const outcome = await attempt(socket);
    return { socket, outcome };
  };

  it('closes the connection when the session expires, with no command needed', async () => {
    const cookie = await freshSession();
    aheadMs = SESSION_MS - 1500; // the session has 1.5 s left
    const { socket, outcome } = await connect(cookie);
    expect(outcome).toMatchObject({ connected: true });
    const started = performance.now();
    const closed = await new Promise<string>((resolve) => {
      socket.once('disconnect', resolve);
      setTimeout(() => resolve('still connected'), 5000);
    });
    expect(closed).toBe('io server disconnect');
    expect(performance.now() - started).toBeLessThan(3000);
    // nor does it come back
    expect((await connect(cookie)).outcome).toEqual({ connected: false, refusal: 'unauthorized' });
  });

  it('answers a command after the expiry with unauthorized, and closes the connection', async () => {
    const cookie = await freshSession();
    const { socket } = await connect(cookie);
    expect(socket.connected).toBe(true);
    aheadMs = SESSION_MS + HOUR_MS; // its timer still waits a day of real time: the command finds out first
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const ack = (await socket.timeout(5000).emitWithAck('resume', { lastSeq: 0 })) as Ack<unknown>;
    expect(ack).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await closed).toBe('io server disconnect');
  });
});

describe('the socket handshake checks the protocol version', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  const withProtocol = async (protocol: number | undefined) => {
    const socket = await socketAs(server.url, { reconnection: false, auth: protocol === undefined ? {} : { protocol } });
    try {
      return await attempt(socket);
    } finally {
      socket.close();
    }
  };

  it('tells a screen built for another version to reload, and takes the current one and clients that say none', async () => {
    expect(await withProtocol(PROTOCOL_VERSION - 1)).toEqual({ connected: false, refusal: OUTDATED });
    expect(await withProtocol(PROTOCOL_VERSION + 1)).toEqual({ connected: false, refusal: OUTDATED });
    expect(await withProtocol(PROTOCOL_VERSION)).toEqual({ connected: true, snapshot: true });
    expect(await withProtocol(undefined)).toEqual({ connected: true, snapshot: true });
  });
});
