import { afterEach, describe, expect, it } from 'vitest';
import {
  type Browser,
  CLIENT_DIR,
  isGround,
  openBrowser,
  type Rgb,
  sampleMapPixels,
  screenshot,
  shareOf,
  signInBrowser,
  waitForMapIdle,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startTileServer, type TileServer } from '../support/tiles.ts';

/** Magenta tiles drawn at 55 % over the dark ground: no colour of ours comes near it. */
const isMagentaBasemap = ([r, g, b]: Rgb) => r > 100 && b > 100 && g < 60;

describe('an optional basemap under the command layers', () => {
  let server: TestServer | undefined;
  let tiles: TileServer | undefined;
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    await server?.close();
    await tiles?.close();
  });

  async function openDesk(basemap: string) {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '300', DEMO_FEED_INTERVAL_MS: '3600000', CLIENT_DIR, BASEMAP: basemap });
    browser = await openBrowser();
    await signInBrowser(browser.page, server.url, 'observer');
    await browser.page.goto(server.url);
    await waitForMapIdle(browser.page);
    return browser.page;
  }

  it('draws XYZ raster tiles from configuration beneath the districts', async () => {
    tiles = await startTileServer([255, 0, 255]);
    const page = await openDesk(tiles.template);
    expect(tiles.requests()).toBeGreaterThan(0);
    const pixels = await sampleMapPixels(page);
    expect(shareOf(pixels, isMagentaBasemap)).toBeGreaterThan(0.1);
    expect(await page.evaluate(() => window.onemapMap!.queryRenderedFeatures({ layers: ['district-fill'] }).length)).toBeGreaterThan(0);
    await screenshot(page, 'desk-basemap');
  });

  it('keeps the offline style when the basemap cannot be reached', async () => {
    const page = await openDesk('http://127.0.0.1:9/{z}/{x}/{y}.png'); // the discard port: nothing answers
    const pixels = await sampleMapPixels(page);
    expect(shareOf(pixels, isMagentaBasemap)).toBe(0);
    expect(shareOf(pixels, (rgb) => !isGround(rgb))).toBeGreaterThan(0.2);
    expect(
      await page.evaluate(() => window.onemapMap!.queryRenderedFeatures({ layers: ['district-fill', 'risk-cluster', 'risk-red-dot'] }).length),
    ).toBeGreaterThan(13);
  });
});
