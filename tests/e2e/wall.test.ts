import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { TEST_WALL_TOKEN } from '../support/accounts.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot } from '../support/browser.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const WUNING_FOREST = { lon: 115.1, lat: 29.26 };

/** Nothing scrolls: the page is exactly the screen. */
const scrolls = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth);

/** The smallest font size, as seen on the screen (magnified parts counted), of any visible element holding text of its own. */
const smallestText = (page: Page) =>
  page.evaluate(() => {
    let smallest = Infinity;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      const box = el.getBoundingClientRect();
      if (!ownText || box.width === 0 || box.height === 0) continue;
      const magnified = el.offsetHeight > 0 ? box.height / el.offsetHeight : 1;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * magnified);
    }
    return smallest;
  });

/** A display registered for the test (pairing gives a device a new token: the shared test wall keeps its own). */
const newWallDeviceId = async (server: TestServer) =>
  (await api<{ id: string }>(server.url, 'POST', '/api/devices', { name: '指挥大厅二号屏' }, { as: 'admin' })).body.id;

async function openWall(server: TestServer, width: number, height: number): Promise<Browser> {
  const wall = await openBrowser({ width, height });
  await wall.page.goto(`${server.url}/wall?token=${TEST_WALL_TOKEN}`);
  await wall.page.locator('[data-testid=wall]').waitFor({ timeout: 15_000 });
  // a wall on tour is never idle: wait for its layers and tiles instead
  await wall.page.waitForFunction(
    () =>
      Boolean(
        window.onemapMap?.getSource('risk-points') &&
        window.onemapMap.querySourceFeatures('risk-points', { sourceLayer: 'risk-points' }).length > 0 &&
        window.onemapMap.areTilesLoaded(),
      ),
    undefined,
    { timeout: 30_000, polling: 100 },
  );
  return wall;
}

describe('the leaders’ wall display', () => {
  let server: TestServer;
  let wall: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      DEMO_FEED: '1',
      DEMO_RISK_POINTS: '300',
      DEMO_FEED_INTERVAL_MS: '3600000',
      CLIENT_DIR,
      WALL_FOCUS_S: '4',
      WALL_TOUR_AFTER_S: '3',
      WALL_TOUR_STEP_S: '2',
    });
    wall = await openWall(server, 1920, 1080);
  });
  afterAll(async () => {
    await wall?.close();
    await server?.close();
  });

  it('fills a 1080p wall without scroll bars: figures, fire danger, people on duty, newest alerts, the clock', async () => {
    const { page } = wall;
    expect(await scrolls(page)).toBe(false);
    for (const panel of ['wall-figures', 'wall-fire-danger', 'wall-duty', 'wall-alerts'])
      expect(await page.locator(`[data-testid=${panel}]`).isVisible(), panel).toBe(true);
    expect(await page.locator('[data-testid=wall-duty]').innerText()).toContain('带班领导');
    expect(await page.locator('[data-testid=wall-fire-danger]').innerText()).toContain('橙色'); // the demo forecast
    expect(await page.locator('[data-testid=demo-badge]').isVisible()).toBe(true);
    await screenshot(page, 'wall-1920x1080');
  });

  it('tours the districts when nothing happens', async () => {
    await expect.poll(() => wall.page.locator('[data-testid=wall]').getAttribute('data-shot'), { timeout: 10_000 }).toMatch(/^tour:/);
  });

  it('turns to a new fire alert at once with a highlight, then goes back', async () => {
    const { page } = wall;
    const alert = (
      await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...WUNING_FOREST, source: 'watchtower', description: '武宁县瞭望塔发现明火' })
    ).body;
    await expect.poll(() => page.locator('[data-testid=wall]').getAttribute('data-shot'), { timeout: 3000 }).toBe(`focus:${alert.id}`);
    expect(await page.locator('[data-testid=wall-focus]').innerText()).toContain('武宁县瞭望塔发现明火');
    expect(await page.locator('.wall-focus-ring').count()).toBe(1);
    await expect
      .poll(() => page.evaluate(() => window.onemapMap!.getCenter().toArray()), { timeout: 6000 })
      .toSatisfy(([lon, lat]: number[]) => Math.abs(lon! - WUNING_FOREST.lon) < 0.02 && Math.abs(lat! - WUNING_FOREST.lat) < 0.02);
    // the ring is drawn on the fire, which the camera put in the middle of the map
    const [ring, map] = await Promise.all([page.locator('.wall-focus-ring').boundingBox(), page.locator('.wall-map').boundingBox()]);
    const middle = (b: { x: number; y: number; width: number; height: number }) => [b.x + b.width / 2, b.y + b.height / 2];
    const [[rx, ry], [mx, my]] = [middle(ring!), middle(map!)];
    expect(Math.hypot(rx! - mx!, ry! - my!)).toBeLessThan(40);
    await screenshot(page, 'wall-focus-fire');
    // after WALL_FOCUS_S the wall lets go of it
    await expect.poll(() => page.locator('[data-testid=wall]').getAttribute('data-shot'), { timeout: 8000 }).not.toBe(`focus:${alert.id}`);
    expect(await page.locator('.wall-focus-ring').count()).toBe(0);
  });

  it('turns to a risk point that became red (重大风险)', async () => {
    const { page } = wall;
    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    const point = snapshot.riskPoints.find((p) => p.level === 'blue')!;
    await api(server.url, 'PATCH', `/api/risk-points/${point.id}`, { level: 'red' });
    await expect.poll(() => page.locator('[data-testid=wall]').getAttribute('data-shot'), { timeout: 3000 }).toBe(`focus:${point.id}`);
    expect(await page.locator('[data-testid=wall-focus]').innerText()).toContain('重大风险');
    expect(await page.locator('[data-testid=wall-focus]').innerText()).toContain(point.name);
  });

  it('scales to a 4K wall (no text under 28 px) and to a 32:9 wall', async () => {
    const uhd = await openWall(server, 3840, 2160);
    try {
      expect(await scrolls(uhd.page)).toBe(false);
      expect(await smallestText(uhd.page)).toBeGreaterThanOrEqual(28);
      await screenshot(uhd.page, 'wall-3840x2160');
    } finally {
      await uhd.close();
    }
    const wide = await openWall(server, 3840, 1080);
    try {
      expect(await scrolls(wide.page)).toBe(false);
      await screenshot(wide.page, 'wall-3840x1080');
    } finally {
      await wide.close();
    }
  });

  it('pairs with a one-time code, keeps no secret in its address, and signs itself in again when its session ends', async () => {
    const pairing = await api<{ code: string; path: string }>(server.url, 'POST', `/api/devices/${await newWallDeviceId(server)}/pairing`, {}, { as: 'admin' });
    expect(pairing.status).toBe(201);
    const paired = await openBrowser();
    const second = await openBrowser();
    try {
      await paired.page.goto(`${server.url}${pairing.body.path}`);
      await paired.page.locator('[data-testid=wall]').waitFor({ timeout: 15_000 });
      expect(paired.page.url()).toBe(`${server.url}/wall`);
      // the session ends (expired, or the server's sessions were cleared): the device cookie brings it back
      await paired.context.clearCookies({ name: 'onemap_session' });
      await paired.page.reload();
      await paired.page
        .locator('[data-testid=wall]')
        .waitFor({ timeout: 30_000 })
        .catch(async (error) => {
          await screenshot(paired.page, 'wall-pairing-failed');
          console.log(await paired.context.cookies());
          throw error;
        });
      // the code was good once
      await second.page.goto(`${server.url}${pairing.body.path}`);
      await second.page.locator('[data-testid=wall-unauthorized][data-refused=pairing]').waitFor();
      expect(await second.page.locator('[data-testid=wall-unauthorized]').innerText()).toContain('配对码错误或已过期');
      await second.page.goto(`${server.url}/wall?token=not-the-right-token`);
      await second.page.locator('[data-testid=wall-unauthorized][data-refused=token]').waitFor();
      expect(await second.page.locator('[data-testid=wall-unauthorized]').innerText()).toContain('设备令牌错误');
    } finally {
      await paired.close();
      await second.close();
    }
  });

  it('asks for its device token, without a sign-in form, when it has none', async () => {
    const bare = await openBrowser();
    try {
      await bare.page.goto(`${server.url}/wall`);
      await bare.page.locator('[data-testid=wall-unauthorized]').waitFor();
      expect(await bare.page.locator('input').count()).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
