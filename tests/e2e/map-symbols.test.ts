import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { TEST_WALL_TOKEN } from '../support/accounts.ts';
import { ARTIFACTS, type Browser, CLIENT_DIR, openBrowser, screenshot, waitForMapIdle } from '../support/browser.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

/** A watchtower's report in 修水县's forest, made as the server is set up (the test's own steps only click). */
const XIUSHUI_FOREST = { lon: 114.55, lat: 29.03 };
const IDLE_MS = 60_000;
/** Four alerts 600 m apart in 武宁县, one in each phase, for a close look at the flames side by side. */
const WUNING = { lon: 115.1, lat: 29.2 };
const PHASE_STEPS: Record<string, string[]> = {
  new: [],
  handling: ['acknowledged', 'verifying'],
  confirmed: ['acknowledged', 'verifying', 'confirmed', 'responding'],
  out: ['acknowledged', 'verifying', 'false_alarm'],
};

/** The layers the map's style holds that the legend must explain: all but the ground and a basemap's own. */
const symbolLayers = (page: Page) =>
  page.evaluate(() =>
    window
      .onemapMap!.getStyle()
      .layers.map((l) => l.id)
      .filter((id) => id !== 'background' && !id.startsWith('basemap')),
  );

/** The layers the legend on the page says it explains. */
const legendLayers = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=map-legend] li[data-layers]')].flatMap((li) => li.dataset.layers!.split(' ')));

/** A part of the page, saved beside the full screenshots, to look at the map's symbols up close. */
async function closeUp(page: Page, name: string, centre: { x: number; y: number }, size = 420) {
  const clip = { x: Math.max(0, centre.x - size / 2), y: Math.max(0, centre.y - size / 2), width: size, height: size };
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, clip });
}

/** Where a place is on the page (not on the canvas), and what the map draws there in these layers. */
const atPlace = (page: Page, place: { lon: number; lat: number }, layers: string[]) =>
  page.evaluate(
    ({ lon, lat, layers }) => {
      const map = window.onemapMap!;
      const p = map.project([lon, lat]);
      const box = map.getCanvas().getBoundingClientRect();
      const hits = map.queryRenderedFeatures([p.x, p.y], { layers: layers.filter((id) => map.getLayer(id)) });
      return { x: box.left + p.x, y: box.top + p.y, hits: hits.map((f) => ({ layer: f.layer.id, properties: f.properties })) };
    },
    { ...place, layers },
  );

describe('the map’s symbols and legend, on the desk and the wall', () => {
  let server: TestServer;
  let desk: Browser;
  let alert: FireAlert;
  const wuning: FireAlert[] = [];

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '3000', DEMO_FEED_INTERVAL_MS: '3600000', CLIENT_DIR });
    alert = (
      await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...XIUSHUI_FOREST, source: 'watchtower', description: '瞭望塔报告：修水县林区见烟' })
    ).body;
    for (const [i, steps] of Object.values(PHASE_STEPS).entries()) {
      const place = { lon: WUNING.lon + 0.006 * i, lat: WUNING.lat };
      const made = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...place, source: 'patrol', description: `武宁县巡护报告 ${i + 1}` })).body;
      for (const status of steps) expect((await api(server.url, 'PATCH', `/api/fire-alerts/${made.id}`, { status, note: '核查记录' })).status).toBe(200);
      wuning.push(made);
    }
    desk = await openBrowser();
    const { page } = desk;
    await page.goto(server.url);
    await page.locator('[data-testid=sign-in]').waitFor();
    await page.fill('input[name=username]', 'officer');
    await page.fill('input[name=password]', 'demo');
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user]').waitFor({ timeout: 30_000 });
    // the offer to turn the alarm sound on, answered so it covers no part of the map in the pictures
    const later = page.locator('[data-testid=sound-prompt] .sound-prompt-later');
    if (await later.isVisible().catch(() => false)) await later.click();
    await waitForMapIdle(page, IDLE_MS);
  });
  afterAll(async () => {
    await desk?.close();
    await server?.close();
  });

  it('lists in the desk’s legend every symbol layer the map draws', async () => {
    const { page } = desk;
    const legend = page.locator('[data-testid=map-legend]');
    expect(await legend.getAttribute('data-open')).toBe('true');
    const drawn = await symbolLayers(page);
    const listed = await legendLayers(page);
    expect(drawn).toEqual(
      expect.arrayContaining([
        'risk-cluster-ring',
        'risk-cluster-count',
        'fire-alert-dot',
        'fire-alert-icon',
        'fire-recent-mark',
        'selection-ring',
        'water-fill',
      ]),
    );
    expect(drawn.filter((id) => !listed.includes(id))).toEqual([]);
    expect(listed.filter((id) => !drawn.includes(id))).toEqual([]);
    const text = await legend.innerText();
    for (const words of [
      '重大',
      '较大',
      '一般',
      '低',
      '聚合',
      '新警情',
      '核查中',
      '处置中',
      '已扑灭',
      '工业热源',
      '当前选中',
      '分钟内有变化',
      '预警区域',
      '水系',
      '区县',
    ])
      expect(text).toContain(words);
    // it folds away to one line and opens again
    await page.locator('.legend-toggle').click();
    expect(await legend.getAttribute('data-open')).toBe('false');
    expect(await page.locator('[data-testid=map-legend] li').count()).toBe(0);
    await page.locator('.legend-toggle').click();
    expect(await page.locator('[data-testid=map-legend] li').count()).toBeGreaterThan(15);
    await screenshot(page, 'symbols-desk-1920x1080');
  });

  it('draws clusters as one total inside a ring of their levels, never a zero', async () => {
    const { page } = desk;
    await expect
      .poll(() => page.evaluate(() => window.onemapMap!.queryRenderedFeatures({ layers: ['risk-cluster-ring'] }).length), { timeout: 20_000 })
      .toBeGreaterThan(3);
    // every cluster on screen has its ring
    expect(
      await page.evaluate(() => {
        const map = window.onemapMap!;
        const ringed = new Set(map.queryRenderedFeatures({ layers: ['risk-cluster-ring'] }).map((f) => f.properties.cluster_id));
        const { width, height } = map.getCanvas().getBoundingClientRect();
        const inside = (f: GeoJSON.Feature) => {
          const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
          return p.x > 50 && p.y > 50 && p.x < width - 50 && p.y < height - 50;
        };
        return map
          .queryRenderedFeatures({ layers: ['risk-cluster'] })
          .filter(inside)
          .filter((f) => !ringed.has(f.properties.cluster_id)).length;
      }),
    ).toBe(0);
    const clusters = await page.evaluate(() => {
      const map = window.onemapMap!;
      return map.queryRenderedFeatures({ layers: ['risk-cluster-ring'] }).map((f) => ({
        mix: { orange: f.properties.orange as number, yellow: f.properties.yellow as number, blue: f.properties.blue as number },
        total: f.properties.point_count as number,
      }));
    });
    expect(clusters.length).toBeGreaterThan(3);
    for (const c of clusters) expect(c.total).toBe(c.mix.orange + c.mix.yellow + c.mix.blue);
    // the ring images the map made: one per mix it met, each without a segment for a level the cluster lacks
    const images = await page.evaluate(() => window.onemapMap!.listImages().filter((id) => id.startsWith('cluster-ring:')));
    expect(images.length).toBeGreaterThan(0);
    for (const id of images) {
      const [, size, ...shares] = id.split(':').map(Number);
      expect(size).toBeGreaterThanOrEqual(0);
      expect(shares.some((s) => s! > 0)).toBe(true);
    }
    for (const c of clusters) {
      const shares = images.map((id) => id.split(':').slice(2).map(Number));
      // a ring with a share for each level present, and none for a level absent
      expect(shares.some(([o, y, b]) => o! > 0 === c.mix.orange > 0 && y! > 0 === c.mix.yellow > 0 && b! > 0 === c.mix.blue > 0)).toBe(true);
    }
    // the counts drawn are the totals: nothing else is written on a cluster
    const written = await page.evaluate(() =>
      window.onemapMap!.queryRenderedFeatures({ layers: ['risk-cluster-count'] }).map((f) => String(f.properties.point_count)),
    );
    expect(written.length).toBeGreaterThan(3);
    expect(written).not.toContain('0');
    const style = await page.evaluate(() => JSON.stringify(window.onemapMap!.getStyle().layers.find((l) => l.id === 'risk-cluster-count')));
    expect(style).not.toContain('orange'); // no per-level counts (with their zeros) in the label
    const biggest = await page.evaluate(() => {
      const map = window.onemapMap!;
      const [f] = map
        .queryRenderedFeatures({ layers: ['risk-cluster'] })
        .sort((a, b) => (b.properties.point_count as number) - (a.properties.point_count as number));
      const box = map.getCanvas().getBoundingClientRect();
      const p = map.project((f!.geometry as GeoJSON.Point).coordinates as [number, number]);
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await closeUp(desk.page, 'symbols-desk-clusters', biggest, 360);
  });

  it('draws a fire alert as a flame in its phase’s colour, with a fading mark while it is news', async () => {
    const { page } = desk;
    const at = await atPlace(page, XIUSHUI_FOREST, ['fire-alert-icon', 'fire-alert-dot', 'fire-recent-mark']);
    expect(at.hits.some((h) => h.layer === 'fire-alert-dot' && h.properties.id === alert.id)).toBe(true);
    const dot = at.hits.find((h) => h.layer === 'fire-alert-icon' && h.properties.id === alert.id);
    expect(dot?.properties).toMatchObject({ phase: 'new', active: true, heatSource: false });
    const mark = at.hits.find((h) => h.layer === 'fire-recent-mark' && h.properties.id === alert.id);
    expect(mark?.properties.fade).toBeGreaterThan(0.9);
    const layer = await page.evaluate(() => window.onemapMap!.getLayer('fire-alert-icon')!.type);
    expect(layer).toBe('symbol'); // a flame, not a dot like the risk points'
    expect(await page.evaluate(() => ['fire-new', 'fire-handling', 'fire-confirmed', 'fire-out'].every((id) => window.onemapMap!.hasImage(id)))).toBe(true);
    await closeUp(page, 'symbols-desk-fire-alert', at, 300);
  });

  it('rings the record the drawer shows, a fire alert picked in the feed, then a risk point clicked on the map', async () => {
    const { page } = desk;
    await page.locator(`[data-alert-id="${alert.id}"]`).click();
    await page.locator('[data-testid=detail-drawer][data-kind=fireAlert]').waitFor();
    await page.waitForFunction(() => window.onemapMap!.getZoom() > 12.9 && !window.onemapMap!.isMoving(), undefined, { timeout: 20_000 });
    await waitForMapIdle(page, IDLE_MS);
    const ringed = await atPlace(page, XIUSHUI_FOREST, ['selection-ring', 'selection-halo']);
    expect(ringed.hits.map((h) => h.layer).sort()).toEqual(['selection-halo', 'selection-ring']);
    expect(ringed.hits[0]!.properties.id).toBe(alert.id);
    await closeUp(page, 'symbols-desk-selected-alert', ringed, 300);

    // a risk point on screen, away from the alert, clicked where the map draws it
    const target = await page.evaluate((alertId) => {
      const map = window.onemapMap!;
      const box = map.getCanvas().getBoundingClientRect();
      const alertAt = map.queryRenderedFeatures({ layers: ['fire-alert-dot'] }).find((f) => f.properties.id === alertId);
      const a = map.project((alertAt!.geometry as GeoJSON.Point).coordinates as [number, number]);
      const points = map
        .queryRenderedFeatures({ layers: ['risk-red-dot', 'risk-point-dot'] })
        .map((f) => ({ id: f.properties.id as string, p: map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]) }))
        // inside the part of the map the drawer leaves free, and not under the alert's flame
        .filter(({ p }) => p.x > 80 && p.y > 80 && p.x < box.width - 480 && p.y < box.height - 80 && Math.hypot(p.x - a.x, p.y - a.y) > 60)
        // where nothing lies over the map (the legend, the search, the switches)
        .filter(({ p }) => document.elementFromPoint(box.left + p.x, box.top + p.y) === map.getCanvas());
      const pick = points[0];
      return pick ? { id: pick.id, x: box.left + pick.p.x, y: box.top + pick.p.y } : null;
    }, alert.id);
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await page.locator('[data-testid=detail-drawer][data-kind=riskPoint]').waitFor({ timeout: 10_000 });
    await page.waitForFunction((id) => window.onemap!.get().selected?.id === id, target!.id);
    await page.waitForFunction(() => !window.onemapMap!.isMoving(), undefined, { timeout: 20_000 });
    await waitForMapIdle(page, IDLE_MS);
    const ring = await page.evaluate(() => {
      const map = window.onemapMap!;
      const box = map.getCanvas().getBoundingClientRect();
      const [f] = map.queryRenderedFeatures({ layers: ['selection-ring'] });
      const p = f && map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      return f ? { id: f.properties.id as string, x: box.left + p!.x, y: box.top + p!.y } : null;
    });
    expect(ring?.id).toBe(target!.id);
    // the record lands in the open: not under the legend (nor the drawer)
    const legendBox = (await page.locator('[data-testid=map-legend]').boundingBox())!;
    const drawerBox = (await page.locator('[data-testid=detail-drawer]').boundingBox())!;
    const under = (b: { x: number; y: number; width: number; height: number }) =>
      ring!.x >= b.x && ring!.x <= b.x + b.width && ring!.y >= b.y && ring!.y <= b.y + b.height;
    expect(under(legendBox) || under(drawerBox)).toBe(false);
    await closeUp(page, 'symbols-desk-selected-point', ring!, 300);
    await screenshot(page, 'symbols-desk-selected');
    await page.locator('[data-testid=detail-drawer] .drawer-close').click();
    await page.waitForFunction(() => window.onemapMap!.queryRenderedFeatures({ layers: ['selection-ring'] }).length === 0, undefined, { timeout: 10_000 });
  });

  it('tells the phases apart side by side: new, being handled, confirmed, over', async () => {
    const { page } = desk;
    await page.locator(`[data-alert-id="${wuning[0]!.id}"]`).click();
    await page.locator('[data-testid=detail-drawer][data-kind=fireAlert]').waitFor();
    await page.waitForFunction(() => window.onemapMap!.getZoom() > 12.9 && !window.onemapMap!.isMoving(), undefined, { timeout: 20_000 });
    await waitForMapIdle(page, IDLE_MS);
    const phases = await page.evaluate(
      (ids) =>
        Object.fromEntries(
          window
            .onemapMap!.queryRenderedFeatures({ layers: ['fire-alert-icon'] })
            .filter((f) => ids.includes(f.properties.id as string))
            .map((f) => [f.properties.id, f.properties.phase]),
        ),
      wuning.map((a) => a.id),
    );
    expect(wuning.map((a) => phases[a.id])).toEqual(Object.keys(PHASE_STEPS));
    const middle = await atPlace(page, { lon: WUNING.lon + 0.009, lat: WUNING.lat }, []);
    await closeUp(page, 'symbols-desk-fire-phases', middle, 360);
    await page.locator('[data-testid=detail-drawer] .drawer-close').click();
  });

  it('gives the fire-alert queue the panel; the warnings take their natural height and fold away', async () => {
    const { page } = desk;
    const warnings = page.locator('[data-testid=warning-list]');
    await warnings.locator('li').first().waitFor({ timeout: 10_000 }); // the demo city's fire danger forecast
    const heights = () =>
      page.evaluate(() => {
        const h = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().height;
        return { feed: h('[data-testid=alert-feed]'), queue: h('[data-testid=fire-alert-queue]'), warnings: h('[data-testid=warning-list]') };
      });
    const open = await heights();
    expect(open.queue).toBeGreaterThan(open.warnings * 2);
    expect(open.warnings).toBeLessThanOrEqual(220);
    await warnings.locator('.warnings-toggle').click();
    expect(await warnings.locator('li').count()).toBe(0);
    const folded = await heights();
    expect(folded.warnings).toBeLessThan(40);
    expect(folded.queue).toBeGreaterThan(open.queue);
    await screenshot(page, 'symbols-desk-warnings-folded');
    await warnings.locator('.warnings-toggle').click();
    await warnings.locator('li').first().waitFor();
  });

  it('reads in English, the legend wrapping within its box', async () => {
    const { page } = desk;
    await page.getByRole('button', { name: 'EN' }).click();
    const legend = page.locator('[data-testid=map-legend]');
    await expect.poll(() => legend.innerText()).toContain('Cluster');
    const box = (await legend.boundingBox())!;
    const overflow = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid=map-legend] .legend-groups')!;
      return el.scrollWidth - el.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    expect(box.width).toBeLessThanOrEqual(600);
    await page.screenshot({
      path: `${ARTIFACTS}/symbols-desk-legend-english.png`,
      clip: { x: box.x - 20, y: box.y - 80, width: box.width + 60, height: box.height + 100 },
    });
  });

  it('shows the same legend on the wall, every symbol layer listed', async () => {
    const wall = await openBrowser({ width: 1920, height: 1080 });
    try {
      const { page } = wall;
      await page.goto(`${server.url}/wall?token=${TEST_WALL_TOKEN}`);
      await page.locator('[data-testid=wall]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid=map-legend]').waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        () => Boolean(window.onemapMap?.getLayer('selection-ring') && window.onemapMap.areTilesLoaded() && window.onemapMap.listImages().length > 0),
        undefined,
        { timeout: 60_000, polling: 200 },
      );
      const drawn = await symbolLayers(page);
      const listed = await legendLayers(page);
      expect(drawn.filter((id) => !listed.includes(id))).toEqual([]);
      expect(listed.filter((id) => !drawn.includes(id))).toEqual([]);
      const text = await page.locator('[data-testid=map-legend]').innerText();
      for (const words of ['聚合', '新警情', '当前选中', '水系']) expect(text).toContain(words);
      // no scroll bars on the wall, and the legend inside the map's box
      const fits = await page.evaluate(() => {
        const map = document.querySelector('.wall-map')!.getBoundingClientRect();
        const legend = document.querySelector('[data-testid=map-legend]')!.getBoundingClientRect();
        return (
          legend.left >= map.left &&
          legend.bottom <= map.bottom &&
          legend.right <= map.right &&
          legend.top >= map.top &&
          document.documentElement.scrollHeight <= innerHeight
        );
      });
      expect(fits).toBe(true);
      // readable from the back of the room: nothing in it under the wall's 0.8rem (14.4 px at 1080 lines)
      const smallest = await page.evaluate(() =>
        Math.min(
          ...[...document.querySelectorAll<HTMLElement>('[data-testid=map-legend] *')]
            .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
            .map((el) => parseFloat(getComputedStyle(el).fontSize)),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(14.4);
      await screenshot(page, 'symbols-wall-1920x1080');
    } finally {
      await wall.close();
    }
  });
});
