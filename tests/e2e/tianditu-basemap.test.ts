import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CLIENT_DIR, openBrowser, type Rgb, sampleMapPixels, screenshot, shareOf, signInBrowser, waitForMapIdle } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { solidPng } from '../support/tiles.ts';

/** A made-up key: 天地图 itself is never asked, the browser's requests to its hosts are answered here. */
const KEY = '00112233445566778899aabbccddeeff';
/** The annotation layer drawn green over a magenta base: the topmost of the two is what shows. */
const isGreenAnnotation = ([r, g, b]: Rgb) => g > 90 && r < 90 && b < 90;

describe('a 天地图 basemap on the desk', () => {
  let server: TestServer;
  let browser: Browser;
  const requested: { layer: string; tileMatrix: number; tk: string | null; referer: string | undefined }[] = [];

  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      DEMO_FEED: '1',
      DEMO_RISK_POINTS: '300',
      DEMO_FEED_INTERVAL_MS: '3600000',
      CLIENT_DIR,
      BASEMAP: 'tianditu-vector',
      TIANDITU_KEY: KEY,
    });
    browser = await openBrowser();
    const tiles = { vec: solidPng([255, 0, 255]), cva: solidPng([0, 255, 0]) };
    // the tiles as 天地图 would answer them (CORS open); no request leaves the machine
    await browser.context.route(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\//, async (route) => {
      const url = new URL(route.request().url());
      const layer = url.searchParams.get('LAYER') ?? '';
      requested.push({
        layer,
        tileMatrix: Number(url.searchParams.get('TILEMATRIX')),
        tk: url.searchParams.get('tk'),
        referer: route.request().headers().referer,
      });
      const body = layer === 'vec' || layer === 'cva' ? tiles[layer] : undefined;
      await (body
        ? route.fulfill({ status: 200, body, headers: { 'content-type': 'image/png', 'access-control-allow-origin': '*' } })
        : route.fulfill({ status: 404, headers: { 'access-control-allow-origin': '*' } }));
    });
    await signInBrowser(browser.page, server.url, 'observer');
    await browser.page.goto(server.url);
    await waitForMapIdle(browser.page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("fetches the vector map and its annotation with the key, never level 0, allowed by the CSP, sent the page's origin", () => {
    expect(requested.filter((r) => r.layer === 'vec').length).toBeGreaterThan(0);
    expect(requested.filter((r) => r.layer === 'cva').length).toBeGreaterThan(0);
    expect(requested.every((r) => r.tk === KEY && r.tileMatrix >= 1 && r.tileMatrix <= 18)).toBe(true);
    // the origin, which a key limited to the bureau's domains is checked against (no path: a wall's token stays home)
    expect(new Set(requested.map((r) => r.referer))).toEqual(new Set([`${server.url}/`]));
  });

  it('draws the annotation over the base, under the districts, and credits 天地图', async () => {
    const pixels = await sampleMapPixels(browser.page);
    expect(shareOf(pixels, isGreenAnnotation)).toBeGreaterThan(0.1);
    expect(await browser.page.evaluate(() => window.onemapMap!.queryRenderedFeatures({ layers: ['district-fill'] }).length)).toBeGreaterThan(0);
    expect(await browser.page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('天地图 © 国家地理信息公共服务平台');
    await screenshot(browser.page, 'desk-tianditu');
  });
});
