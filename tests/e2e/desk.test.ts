import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { type Browser, CLIENT_DIR, isGround, openBrowser, sampleMapPixels, screenshot, shareOf, waitForMapIdle } from '../support/browser.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const XIUSHUI_FOREST = { lon: 114.55, lat: 29.03 };

describe('the duty desk in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '3000', DEMO_FEED_INTERVAL_MS: '2000', CLIENT_DIR });
    browser = await openBrowser();
    // signed out, the screen shows only the sign-in page, with the demo accounts under the DEMO badge
    const { page } = browser;
    await page.goto(server.url);
    await page.locator('[data-testid=sign-in]').waitFor();
    expect(await page.locator('[data-testid=demo-accounts]').innerText()).toContain('officer');
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'wrong');
    await page.click('button[type=submit]');
    await page.locator('.sign-in-error').waitFor();
    await screenshot(page, 'sign-in-refused');
    await page.fill('input[name=password]', 'demo');
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=user]').innerText()).toContain('值班员');
    await waitForMapIdle(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the districts and risk points on the map', async () => {
    const { page } = browser;
    const pixels = await sampleMapPixels(page);
    expect(shareOf(pixels, (rgb) => !isGround(rgb))).toBeGreaterThan(0.2);
    const rendered = await page.evaluate(() => window.onemapMap!.queryRenderedFeatures({ layers: ['district-fill', 'risk-cluster', 'risk-red-dot'] }).length);
    expect(rendered).toBeGreaterThan(13);
    await screenshot(page, 'desk-1920x1080');
  });

  it('shows who is on duty now', async () => {
    const rows = browser.page.locator('[data-testid=duty-panel] .duty-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const text = await browser.page.locator('[data-testid=duty-panel]').innerText();
    expect(text).toContain('带班领导');
    expect(text).toMatch(/1[3-9]\d{9}/);
  });

  it('puts a reported fire alert in the feed and on the map within 2 s, and opens its details on click', async () => {
    const { page } = browser;
    const created = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', {
      ...XIUSHUI_FOREST,
      source: 'watchtower',
      description: '端到端测试：修水县林区发现明火',
    });
    expect(created.status).toBe(201);
    const posted = Date.now();
    const id = created.body.id;
    await page.locator(`[data-alert-id="${id}"]`).waitFor({ timeout: 2000 });
    await page.waitForFunction(
      ({ id, lon, lat }) => {
        const map = window.onemapMap!;
        const p = map.project([lon, lat]);
        return map.queryRenderedFeatures([p.x, p.y], { layers: ['fire-alert-dot'] }).some((f) => f.properties.id === id);
      },
      { id, ...XIUSHUI_FOREST },
      { timeout: 2000 - (Date.now() - posted) },
    );
    expect(Date.now() - posted).toBeLessThan(2000);

    await page.locator(`[data-alert-id="${id}"]`).click();
    const drawer = page.locator('[data-testid=detail-drawer]');
    await drawer.waitFor();
    expect(await drawer.innerText()).toContain('端到端测试');
    await api(server.url, 'PATCH', `/api/fire-alerts/${id}`, { status: 'acknowledged', note: '值班员已接警' });
    await expect.poll(() => page.locator('[data-testid=alert-timeline] li').count(), { timeout: 2000 }).toBe(2);
    await waitForMapIdle(page);
    await screenshot(page, 'desk-alert-details');
  });

  it('shows RECONNECTING when the link drops, then LIVE again with nothing missing', async () => {
    const { page } = browser;
    const status = page.locator('[data-testid=connection]');
    await page.evaluate(() => window.onemap!.dropConnection());
    await page.waitForSelector('[data-testid=connection][data-status=reconnecting]', { timeout: 2000 });
    await screenshot(page, 'desk-reconnecting');
    const missed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...XIUSHUI_FOREST, source: 'patrol', description: `断线期间 ${i}` });
      missed.push(r.body.id);
    }
    await page.waitForSelector('[data-testid=connection][data-status=live]', { timeout: 15_000 });
    expect(await status.innerText()).toContain('实时');
    for (const id of missed) await page.locator(`[data-alert-id="${id}"]`).waitFor({ timeout: 5000 });
    // the screen's picture ends at the server's seq, with every alert the server has
    await expect
      .poll(async () => {
        const health = await api<{ seq: number }>(server.url, 'GET', '/api/health');
        const screen = await page.evaluate(() => {
          return window.onemap!.get().sync.live?.seq ?? 0;
        });
        return screen >= health.body.seq;
      })
      .toBe(true);
    const serverIds = (await api<{ items: FireAlert[] }>(server.url, 'GET', '/api/fire-alerts?limit=5000')).body.items.map((a) => a.id);
    const screenIds = await page.evaluate(() => [...window.onemap!.get().sync.live!.fireAlerts.keys()]);
    expect(serverIds.filter((id) => !screenIds.includes(id))).toEqual([]);
  });

  it('draws a satellite hotspot as the ground its pixel covers', async () => {
    const { page } = browser;
    const spot = { lon: 115.1, lat: 29.2 }; // 武宁县 forest
    const created = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', {
      ...spot,
      source: 'satellite',
      description: 'VIIRS 热点',
      confidence: 80,
      footprint: { scanKm: 0.75, trackKm: 0.75 },
    });
    expect(created.status).toBe(201);
    await page.locator(`[data-alert-id="${created.body.id}"]`).click(); // flies to it at zoom 13
    await page.waitForFunction(() => window.onemapMap!.getZoom() > 12.9 && !window.onemapMap!.isMoving(), undefined, { timeout: 10_000 });
    await waitForMapIdle(page);
    // 750 m is about 90 px at zoom 13 here: 30 px from the centre is inside the pixel, 80 px is outside
    const hits = await page.evaluate(
      ({ id, lon, lat }) => {
        const map = window.onemapMap!;
        const c = map.project([lon, lat]);
        const at = (dx: number) => map.queryRenderedFeatures([c.x + dx, c.y], { layers: ['fire-footprint-fill'] }).some((f) => f.properties.id === id);
        return { inside: at(30), outside: at(80) };
      },
      { id: created.body.id, ...spot },
    );
    expect(hits).toEqual({ inside: true, outside: false });
    await screenshot(page, 'desk-hotspot-footprint');
    await page.locator('[data-testid=detail-drawer] .drawer-close').click();
  });

  it('switches to English', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'EN' }).click();
    await page.waitForSelector('text=Duty watch');
    expect(await page.locator('[data-testid=connection]').innerText()).toContain('LIVE');
    await screenshot(page, 'desk-english');
  });
});
