import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, waitForMapIdle } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** A LAN name for this machine: Chromium resolves it to loopback, but treats it as any host on the network. */
const LAN_HOST = 'zhihui-dating.lan';

describe('served over plain HTTP to the LAN', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '200', DEMO_FEED_INTERVAL_MS: '3600000', CLIENT_DIR });
    // 127.0.0.1 and localhost are "potentially trustworthy" to a browser; a LAN name is not, which is what
    // shows a page asking for its scripts over https
    browser = await openBrowser({ width: 1920, height: 1080 }, [`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in and draws the desk at a host name that is not localhost', async () => {
    const { page } = browser;
    const lanUrl = `http://${LAN_HOST}:${new URL(server.url).port}`;
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(lanUrl);
    await page.locator('[data-testid=sign-in]').waitFor({ timeout: 20_000 });
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'demo');
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user]').waitFor({ timeout: 20_000 });
    await waitForMapIdle(page);
    expect(failed.filter((url) => url.startsWith('https:'))).toEqual([]);
    await expect.poll(() => page.locator('[data-testid=connection]').getAttribute('data-status'), { timeout: 20_000 }).toBe('live');
    await screenshot(page, 'desk-over-lan');
  });
});
