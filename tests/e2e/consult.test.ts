import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRole } from '../../shared/auth.ts';
import { sessionCookie } from '../support/accounts.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, signInBrowser, waitForMapIdle } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const ROOM = 'drill-wuning';

type Followed = Window & { followedAt?: number };

/** Moves a presenter's map in one step, as a hand on the mouse would; answers when (Date.now() in the page). */
const pan = (page: Page, to: [number, number], zoom: number) =>
  page.evaluate(
    ({ to, zoom }) => {
      const at = Date.now();
      window.onemapMap!.jumpTo({ center: to, zoom });
      return at;
    },
    { to, zoom },
  );

/** Notes in the page when its map comes to be centred there (the pages share the machine's clock). */
const watchFor = (page: Page, to: [number, number]) =>
  page.evaluate((to) => {
    const map = window.onemapMap!;
    delete (window as Followed).followedAt;
    const check = () => {
      const c = map.getCenter();
      if (Math.abs(c.lng - to[0]) < 1e-3 && Math.abs(c.lat - to[1]) < 1e-3) {
        (window as Followed).followedAt = Date.now();
        map.off('move', check);
      }
    };
    map.on('move', check);
  }, to);

/** How long after the pan the page's map followed: its view matched the presenter's. */
async function followedAfter(page: Page, pannedAt: number): Promise<number> {
  await page.waitForFunction(() => (window as Followed).followedAt !== undefined, undefined, { timeout: 5000, polling: 20 });
  return (await page.evaluate(() => (window as Followed).followedAt!)) - pannedAt;
}

describe('a video consultation: three sites on one map', () => {
  let server: TestServer;
  const sites: Browser[] = [];
  const leader = () => sites[0]!.page;
  const field = () => sites[1]!.page;
  const agency = () => sites[2]!.page;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '200', DEMO_FEED_INTERVAL_MS: '3600000', CLIENT_DIR });
    for (const role of ['leader', 'officer', 'observer'] as PersonRole[]) {
      const site = await openBrowser({ width: 1280, height: 800 }, FAKE_MEDIA);
      sites.push(site);
      await signInBrowser(site.page, server.url, role);
      await site.page.goto(`${server.url}/consult/${ROOM}?incident=inc-drill`);
      // one after another: the first to arrive presents
      await site.page.waitForFunction((n) => document.querySelectorAll('[data-testid=participants] li').length === n, sites.length, { timeout: 20_000 });
      await site.page.waitForFunction(() => Boolean(window.onemapMap?.getSource('annotations')), undefined, { timeout: 30_000 });
    }
    // every map drawn and at rest before anyone pans
    for (const site of sites) await waitForMapIdle(site.page);
  });
  afterAll(async () => {
    for (const site of sites) await site.close();
    await server?.close();
  });

  it('has the leader present and the others follow a pan within 500 ms', async () => {
    expect(await leader().locator('[data-testid=consult]').getAttribute('data-presenting')).toBe('true');
    expect(await field().locator('[data-testid=consult]').getAttribute('data-presenting')).toBe('false');
    const to: [number, number] = [115.32, 29.31];
    await Promise.all([watchFor(field(), to), watchFor(agency(), to)]);
    const pannedAt = await pan(leader(), to, 10.5);
    const [fieldMs, agencyMs] = await Promise.all([followedAfter(field(), pannedAt), followedAfter(agency(), pannedAt)]);
    console.log(`followers matched the presenter's view ${fieldMs} ms and ${agencyMs} ms after the pan`);
    expect(fieldMs).toBeLessThan(500);
    expect(agencyMs).toBeLessThan(500);
    expect(await field().evaluate(() => window.onemapMap!.getZoom())).toBeCloseTo(10.5, 3);
  });

  it('shows an evacuation ring drawn at one site on every map', async () => {
    const page = field();
    await page.click('[data-tool=circle]');
    await page.fill('[data-testid=annotation-label]', '疏散范围');
    await page.fill('[data-testid=annotation-tools] input[type=number]', '3');
    const map = (await page.locator('.consult-map').boundingBox())!;
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    for (const site of [leader(), field(), agency()]) {
      await expect.poll(() => site.locator('[data-testid=annotation-list]').innerText(), { timeout: 3000 }).toContain('范围圈 疏散范围 3 km');
      await expect.poll(() => site.evaluate(() => window.onemapMap!.querySourceFeatures('annotations').length), { timeout: 3000 }).toBeGreaterThan(0);
    }
  });

  it('hands control to the site that asks, whose pans the others then follow', async () => {
    await field().click('[data-testid=request-control]');
    await leader().locator('[data-testid=participants] li', { hasText: 'test-officer' }).locator('[data-testid=hand-over]').click();
    await expect.poll(() => field().locator('[data-testid=consult]').getAttribute('data-presenting'), { timeout: 3000 }).toBe('true');
    await expect.poll(() => leader().locator('[data-testid=consult]').getAttribute('data-presenting'), { timeout: 3000 }).toBe('false');
    const to: [number, number] = [116.05, 29.45];
    await watchFor(leader(), to);
    const pannedAt = await pan(field(), to, 11);
    expect(await followedAfter(leader(), pannedAt)).toBeLessThan(500);
  });

  it('carries camera and microphone between two sites', async () => {
    await leader().click('[data-testid=share-media]');
    await field().click('[data-testid=share-media]');
    const playing = (page: Page) =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLVideoElement>('[data-testid=remote-video]')].some(
          (v) => v.videoWidth > 0 && (v.srcObject as MediaStream).getVideoTracks()[0]?.readyState === 'live',
        ),
      );
    await expect.poll(() => playing(leader()), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => playing(field()), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => agency().locator('[data-testid=participants]').innerText(), { timeout: 5000 }).toContain('📷');
    await screenshot(field(), 'consult-presenter');
    await screenshot(agency(), 'consult-follower');
  });

  it('keeps a record of who joined, hand-overs and the annotation', async () => {
    const text = await (
      await fetch(`${server.url}/api/consult/${ROOM}/record?format=text`, { headers: { cookie: await sessionCookie(server.url, 'observer') } })
    ).text();
    expect(text).toContain('关联事件 inc-drill');
    for (const who of ['test-leader', 'test-officer', 'test-observer']) expect(text).toContain(`${who} 加入`);
    expect(text).toContain('主持权交给 test-officer');
    expect(text).toContain('范围圈「疏散范围」，半径 3 km');
  });
});
