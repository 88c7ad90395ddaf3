import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WALL_TOKEN } from '../support/accounts.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, signInBrowser, waitForMapIdle } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const POYANG_LAKE: [number, number] = [116.2, 29.1];
const YANGTZE_AT_JIUJIANG: [number, number] = [116.0, 29.75];

/** The style's water layers in drawing order, with the layers just above them, once the water's file is in. */
const waterInStyle = (page: Page) =>
  page.evaluate(() => {
    const map = window.onemapMap!;
    const ids = map.getStyle().layers.map((l) => l.id);
    return {
      loaded: map.isSourceLoaded('water'),
      features: map.querySourceFeatures('water').length,
      fill: ids.indexOf('water-fill'),
      river: ids.indexOf('water-river'),
      districtFill: ids.indexOf('district-fill'),
      districtLine: ids.indexOf('district-line'),
      last: ids.length - 1,
      attribution: document.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? '',
    };
  });

/** Water features MapLibre drew at a place, in the current view. */
const waterDrawnAt = (page: Page, at: [number, number], layer: string) =>
  page.evaluate(
    ({ at, layer }) => {
      const map = window.onemapMap!;
      const p = map.project(at);
      return map.queryRenderedFeatures([p.x, p.y], { layers: [layer] }).length;
    },
    { at, layer },
  );

const waitForWater = (page: Page) =>
  page.waitForFunction(() => Boolean(window.onemapMap?.getLayer('water-fill') && window.onemapMap.isSourceLoaded('water')), undefined, {
    timeout: 30_000,
    polling: 100,
  });

describe('the lakes and rivers under every map', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '300', DEMO_FEED_INTERVAL_MS: '3600000', CLIENT_DIR });
    browser = await openBrowser();
    await signInBrowser(browser.page, server.url, 'observer');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws Poyang Lake and the Yangtze on the desk, over the districts and under their outlines', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForMapIdle(page);
    const style = await waterInStyle(page);
    expect(style.loaded).toBe(true);
    expect(style.features).toBeGreaterThan(0);
    expect(style.fill).toBeGreaterThan(style.districtFill);
    expect(style.river).toBeGreaterThan(style.fill);
    expect(style.districtLine).toBeGreaterThan(style.river);
    expect(style.last).toBeGreaterThan(style.districtLine); // the command layers come on top
    expect(style.attribution).toContain('GSHHG');
    expect(await waterDrawnAt(page, POYANG_LAKE, 'water-fill')).toBeGreaterThan(0);
    expect(await waterDrawnAt(page, YANGTZE_AT_JIUJIANG, 'water-fill')).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.onemapMap!.queryRenderedFeatures({ layers: ['water-river'] }).length)).toBeGreaterThan(5);
    await screenshot(page, 'map-water');

    // close up where the Yangtze takes in Poyang Lake, by 九江 and 湖口
    await page.evaluate(() => window.onemapMap!.jumpTo({ center: [116.1, 29.68], zoom: 10.5 }));
    await waitForMapIdle(page);
    expect(await waterDrawnAt(page, YANGTZE_AT_JIUJIANG, 'water-fill')).toBeGreaterThan(0);
    await screenshot(page, 'map-water-hukou');
  });

  it('draws them on the consultation map and the wall too', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/consult/water-check`);
    await waitForWater(page);
    expect((await waterInStyle(page)).features).toBeGreaterThan(0);

    await page.goto(`${server.url}/wall?token=${TEST_WALL_TOKEN}`);
    await page.locator('[data-testid=wall]').waitFor({ timeout: 15_000 });
    await waitForWater(page); // a wall on tour is never idle
    const wall = await waterInStyle(page);
    expect(wall.features).toBeGreaterThan(0);
    expect(wall.districtLine).toBeGreaterThan(wall.river);
  });
});
