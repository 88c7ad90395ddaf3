import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, testUsername } from '../support/accounts.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, waitForMapIdle } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** On the east side of 濂溪区, on land. */
const SITE = { lon: 116.03, lat: 29.66 };
const WAIT = { timeout: 30_000 };

/** Clicks the map where a place is (the page's own projection of it: the click is the officer's). */
async function clickMapAt(page: Page, place: { lon: number; lat: number }, offset = { x: 0, y: 0 }) {
  const at = await page.evaluate(({ lon, lat }) => {
    const map = window.onemapMap!;
    const p = map.project([lon, lat]);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, place);
  await page.mouse.click(at.x + offset.x, at.y + offset.y);
}

/** The level the map draws the point in, at its place (any of the risk point layers), or null. */
const levelOnMap = (page: Page, id: string) =>
  page.evaluate((id) => {
    const map = window.onemapMap!;
    const point = window.onemap!.get().sync.live?.riskPoints.get(id);
    if (!point) return null;
    const p = map.project([point.lon, point.lat]);
    const box: [[number, number], [number, number]] = [
      [p.x - 6, p.y - 6],
      [p.x + 6, p.y + 6],
    ];
    const found = map.queryRenderedFeatures(box, { layers: ['risk-recent-dot', 'risk-point-dot', 'risk-red-dot'] }).find((f) => f.properties.id === id);
    return (found?.properties.level as string | undefined) ?? null;
  }, id);

describe('an officer places a risk point on the map, assesses it, files it and puts it online', () => {
  let server: TestServer;
  let officer: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '200', DEMO_FEED_PAUSED: '1', CLIENT_DIR });
    officer = await openBrowser();
    await officer.page.goto(server.url);
    await officer.page.fill('input[name=username]', testUsername('officer'));
    await officer.page.fill('input[name=password]', TEST_PASSWORD);
    await officer.page.click('button[type=submit]');
    await officer.page.locator('[data-testid=user]').waitFor(WAIT);
    await waitForMapIdle(officer.page, 60_000);
  }, 120_000);
  afterAll(async () => {
    await officer?.close();
    await server?.close();
  });

  it('creates, assesses with LEC, confirms, files, puts online and edits a risk point, all by clicking and typing', { timeout: 240_000 }, async () => {
    const { page } = officer;
    const form = page.locator('[data-testid=risk-point-form]');
    const drawer = page.locator('[data-testid=detail-drawer]');
    const work = page.locator('[data-testid=risk-work]');

    // 新增风险点: the form over the map
    await screenshot(page, 'risk-point-desk');
    await page.click('[data-testid=new-risk-point]');
    await form.waitFor(WAIT);
    await form.locator('input[name=name]').fill('濂溪区城东加油站');
    await form.locator('select[name=category]').selectOption('hazardous_chemicals');
    await form.locator('select[name=level]').selectOption('blue');

    // the place, by clicking the map: the form steps aside until the click
    await form.locator('[data-testid=risk-point-place] button.place-pick').click();
    await page.locator('[data-testid=place-pick-hint]').waitFor(WAIT);
    expect(await form.isVisible()).toBe(false);
    await screenshot(page, 'risk-point-pick-place');
    await clickMapAt(page, SITE);
    await form.waitFor({ state: 'visible', ...WAIT });
    const lon = Number(await form.locator('input[name=lon]').inputValue());
    const lat = Number(await form.locator('input[name=lat]').inputValue());
    expect(Math.abs(lon - SITE.lon)).toBeLessThan(0.01);
    expect(Math.abs(lat - SITE.lat)).toBeLessThan(0.01);
    await page.locator('[data-testid=place-marker]').first().waitFor(WAIT);

    await form.locator('input[name=address]').fill('九江市濂溪区十里大道188号');
    await form.locator('input[name=responsibleUnit]').fill('九江城东石化销售有限公司');
    await form.locator('input[name=responsiblePerson]').fill('王建国');
    await form.locator('input[name=responsiblePhone]').fill('13907921234');
    await screenshot(page, 'risk-point-create-form');
    await form.locator('button[type=submit]').click();

    // the new point opens in the drawer, at 摸底, and is on the map in blue
    await drawer.locator('h2', { hasText: '濂溪区城东加油站' }).waitFor(WAIT);
    const id = await page.evaluate(() => window.onemap!.get().selected?.id ?? null);
    expect(id).toMatch(/^rp-/);
    await expect.poll(() => work.getAttribute('data-stage'), WAIT).toBe('survey');
    expect(await drawer.innerText()).toContain('王建国');
    expect(await drawer.innerText()).toContain('濂溪区');
    await waitForMapIdle(page, 60_000);
    await expect.poll(() => levelOnMap(page, id!), WAIT).toBe('blue');
    await screenshot(page, 'risk-point-created');

    // 评估 by LEC: L 6 (相当可能) × E 6 (每天工作时间内暴露) × C 7 (严重，重伤) = 252 proposes 较大
    await page.click('[data-testid=assess-risk-point]');
    const assessment = page.locator('[data-testid=assessment-form]');
    await assessment.waitFor(WAIT);
    await assessment.locator('select[name=method]').selectOption('lec');
    await assessment.locator('select[name=l]').selectOption('6');
    await assessment.locator('select[name=e]').selectOption('6');
    expect(await page.locator('[data-testid=assessment-proposal]').getAttribute('data-level')).toBe(''); // not before every factor is chosen
    await assessment.locator('select[name=c]').selectOption('7');
    const proposal = page.locator('[data-testid=assessment-proposal]');
    expect(await proposal.getAttribute('data-level')).toBe('orange');
    expect(await proposal.innerText()).toContain('D = L × E × C = 252');
    expect(await proposal.innerText()).toContain('较大');
    expect(await assessment.locator('select[name=confirmedLevel]').inputValue()).toBe('orange');
    await screenshot(page, 'risk-point-assess-lec');
    await page.click('[data-testid=confirm-assessment]');

    // confirmed: the point's level is 较大 in the drawer and on the map, and the assessment is kept
    await expect.poll(() => work.getAttribute('data-stage'), WAIT).toBe('assessed');
    await drawer.locator('h2 .level-tag', { hasText: '较大' }).waitFor(WAIT);
    await expect.poll(() => levelOnMap(page, id!), WAIT).toBe('orange');
    const history = await page.locator('[data-testid=assessment-history]').innerText();
    expect(history).toContain('L 6 × E 6 × C 7 = 252');
    expect(history).toContain('test-officer');

    // 建档, then 上网: each asked once more
    await work.locator('button[data-status=filed]').click();
    await work.locator('[data-testid=confirm-yes]').click();
    await expect.poll(() => work.getAttribute('data-stage'), WAIT).toBe('filed');
    await work.locator('button[data-status=online]').click();
    await work.locator('.confirm-step').waitFor(WAIT);
    await screenshot(page, 'risk-point-confirm-online');
    await work.locator('[data-testid=confirm-yes]').click();
    await expect.poll(() => work.getAttribute('data-stage'), WAIT).toBe('online');
    expect(await page.locator('[data-testid=stage-history] li').count()).toBe(4);
    expect(await work.locator('button[data-status]').count()).toBe(0); // nothing left to step
    await screenshot(page, 'risk-point-online');

    // a review by the risk matrix: R = 3 × 3 = 9 proposes 一般; the officer confirms 重大 instead, with the reason
    await page.click('[data-testid=assess-risk-point]');
    await assessment.waitFor(WAIT);
    await assessment.locator('select[name=method]').selectOption('matrix');
    await assessment.locator('select[name=likelihood]').selectOption('3');
    await assessment.locator('select[name=severity]').selectOption('3');
    expect(await proposal.getAttribute('data-level')).toBe('yellow');
    expect(await assessment.locator('textarea[name=reason]').count()).toBe(0);
    await assessment.locator('select[name=confirmedLevel]').selectOption('red');
    await assessment.locator('textarea[name=reason]').fill('毗邻城东小学，周边人员密集');
    await screenshot(page, 'risk-point-assess-override');
    await page.click('[data-testid=confirm-assessment]');
    await drawer.locator('h2 .level-tag', { hasText: '重大' }).waitFor(WAIT);
    await expect.poll(() => levelOnMap(page, id!), WAIT).toBe('red');
    await expect.poll(() => page.locator('[data-testid=assessment-history] li').count(), WAIT).toBe(2);
    expect(await page.locator('[data-testid=assessment-history] li').first().innerText()).toContain('毗邻城东小学');
    expect(await work.getAttribute('data-stage')).toBe('online'); // a review leaves the stage where it is

    // 编辑: the same form, prefilled; a new phone, and the point moved by clicking a new place
    await page.click('[data-testid=edit-risk-point]');
    const edit = drawer.locator('[data-testid=risk-point-form]');
    await edit.waitFor(WAIT);
    expect(await edit.locator('input[name=responsiblePhone]').inputValue()).toBe('13907921234');
    expect(await edit.locator('input[name=name]').inputValue()).toBe('濂溪区城东加油站');
    await edit.locator('input[name=responsiblePhone]').fill('0792-8261234');
    await edit.locator('[data-testid=risk-point-place] button.place-pick').click();
    await page.locator('[data-testid=place-pick-hint]').waitFor(WAIT);
    expect(await drawer.isVisible()).toBe(false); // the drawer steps aside with its form
    const before = await page.evaluate((id) => window.onemap!.get().sync.live!.riskPoints.get(id)!, id!);
    await clickMapAt(page, before, { x: -40, y: 30 });
    await edit.waitFor({ state: 'visible', ...WAIT });
    await screenshot(page, 'risk-point-edit-form');
    await edit.locator('button[type=submit]').click();
    await drawer.locator('a[href="tel:0792-8261234"]').waitFor(WAIT);
    const after = await page.evaluate((id) => window.onemap!.get().sync.live!.riskPoints.get(id)!, id!);
    expect(after.lon).toBeLessThan(before.lon);
    expect(after.lat).toBeLessThan(before.lat);
    expect(after.level).toBe('red'); // editing leaves the confirmed level alone
    await expect.poll(() => work.getAttribute('data-stage'), WAIT).toBe('online');
    await screenshot(page, 'risk-point-edited');

    // the English switch
    await page.click('.top-bar-right > button.lang:not([data-testid])');
    await drawer.locator('h3', { hasText: 'Assessments' }).waitFor(WAIT);
    await screenshot(page, 'risk-point-english');
  });
});
