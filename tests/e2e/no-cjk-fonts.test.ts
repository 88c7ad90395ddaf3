import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, signInBrowser, waitForMapIdle } from '../support/browser.ts';
import { type FontProfile, noCjkFontProfile, renderedFontsOfChinese } from '../support/fonts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** What client/ui/theme.css asks for; before the bundled font, a machine without these drew boxes. */
const THEME_FONTS = `'Noto Sans SC', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif`;
/** Three different characters: in a real font, three different pictures; in none, one box three times. */
const PROBE = '值班守';

interface Glyphs {
  /** the probe's advance, px at 32px */
  width: number;
  /** how many different pictures its characters make */
  pictures: number;
}

/** The probe drawn on a canvas in this font, once the subsets its characters need are in (if the font has any). */
const drawProbe = (page: Page, font: string): Promise<Glyphs> =>
  page.evaluate(
    async ({ font, probe }) => {
      await document.fonts.load(font, probe);
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 48;
      const g = canvas.getContext('2d')!;
      g.font = font;
      const pictures = new Set(
        [...probe].map((ch) => {
          g.clearRect(0, 0, 48, 48);
          g.fillText(ch, 4, 36);
          return canvas.toDataURL();
        }),
      );
      return { width: g.measureText(probe).width, pictures: pictures.size };
    },
    { font, probe: PROBE },
  );

/** Every visible piece of Chinese on the page is drawn with the bundled Noto Sans SC, none with a system font. */
async function expectBundledChinese(page: Page, selector: string, tofu: Glyphs) {
  await page.evaluate(() => document.fonts.ready);
  // the heading's own weight: a subset is fetched only for the weights that show its characters
  const loaded = () => page.locator(selector).evaluate((el) => document.fonts.check(`${getComputedStyle(el).fontWeight} 16px "Noto Sans SC"`, el.textContent!));
  await expect.poll(loaded, { timeout: 10_000 }).toBe(true);

  const drawn = await drawProbe(page, `32px ${await page.evaluate(() => getComputedStyle(document.body).fontFamily)}`);
  expect(drawn.pictures).toBe(PROBE.length);
  expect(drawn.width).not.toBeCloseTo(tofu.width, 0);

  const rendered = await renderedFontsOfChinese(page);
  expect(rendered.length).toBeGreaterThan(0);
  for (const { text, fonts } of rendered) {
    // fontsource's subset files name themselves "Noto Sans SC Thin" inside, whatever their weight
    expect(fonts, text).toContainEqual(expect.objectContaining({ familyName: expect.stringMatching(/^Noto Sans SC/), isCustomFont: true }));
    // a system font may draw only what is not Chinese (a symbol outside Noto Sans SC), never a Han character
    const glyphs = (custom: boolean) => fonts.filter((f) => f.isCustomFont === custom).reduce((n, f) => n + f.glyphCount, 0);
    const han = [...text].filter((c) => /\p{Script=Han}/u.test(c)).length;
    expect(glyphs(true), `${text}: ${JSON.stringify(fonts)}`).toBeGreaterThanOrEqual(han);
    expect(glyphs(false), `${text}: ${JSON.stringify(fonts)}`).toBeLessThanOrEqual([...text].length - han);
  }
}

describe('the screens on a machine without a CJK font', () => {
  let server: TestServer;
  let fonts: FontProfile;
  let browser: Browser;
  let tofu: Glyphs;

  beforeAll(async () => {
    fonts = noCjkFontProfile();
    [server, browser] = await Promise.all([
      startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '300', DEMO_FEED_INTERVAL_MS: '60000', CLIENT_DIR }),
      openBrowser({ width: 1920, height: 1080 }, [], fonts.env),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fonts?.close();
  });

  it('has no Chinese of its own: without the bundled font, every character is the same box', async () => {
    const { page } = browser;
    await page.setContent(`<p style="font: 32px ${THEME_FONTS}; margin: 24px">值班值守 · Duty</p>`);
    tofu = await drawProbe(page, `32px ${THEME_FONTS}`);
    expect(tofu.pictures).toBe(1);
    const [shown] = await renderedFontsOfChinese(page);
    expect(shown!.fonts.every((f) => !f.isCustomFont)).toBe(true);
    await screenshot(page, 'no-cjk-fonts-baseline');
  });

  it('serves every screen the stylesheet with the bundled Noto Sans SC, 400 and 700, swapped in', async () => {
    const stylesheets = new Set<string>();
    for (const route of ['/', '/wall', '/consult', '/tip-off']) {
      const html = await (await fetch(server.url + route)).text();
      for (const [, href] of html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)) stylesheets.add(href!);
    }
    expect(stylesheets.size).toBe(1);
    const css = await (await fetch(server.url + [...stylesheets][0]!)).text();
    const faces = (css.match(/@font-face\s*\{[^}]*\}/g) ?? []).filter((face) => /font-family:\s*['"]?Noto Sans SC/.test(face));
    for (const weight of ['400', '700']) expect(faces.filter((face) => face.includes(`font-weight:${weight}`)).length, weight).toBeGreaterThan(90);
    expect(faces.every((face) => face.includes('font-display:swap') && face.includes('unicode-range:'))).toBe(true);
  });

  it('draws the sign-in page in the bundled font', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.locator('[data-testid=sign-in]').waitFor();
    await expectBundledChinese(page, '[data-testid=sign-in] h1', tofu);
    await screenshot(page, 'no-cjk-fonts-sign-in');
  });

  it('draws the public tip-off form in it, the district list too', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/tip-off`);
    await page.locator('[data-testid=tip-off]').waitFor();
    await expectBundledChinese(page, '[data-testid=tip-off] h1', tofu);
    expect(await page.locator('[data-testid=tip-off] select').evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Noto Sans SC');
    await screenshot(page, 'no-cjk-fonts-tip-off');
  });

  it('draws the signed-in desk in it, and the map its labels in its own', async () => {
    const { page } = browser;
    await signInBrowser(page, server.url, 'officer');
    await page.goto(server.url);
    await page.locator('[data-testid=duty-panel] h2').waitFor({ timeout: 15_000 });
    await expectBundledChinese(page, '[data-testid=duty-panel] h2', tofu);
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '值班值守'))).toBe(true);
    await waitForMapIdle(page);
    const labels = await page.evaluate(() => window.onemapMap!.queryRenderedFeatures({ layers: ['district-label'] }).length);
    expect(labels).toBeGreaterThan(0);
    await screenshot(page, 'no-cjk-fonts-desk');
  });
});
