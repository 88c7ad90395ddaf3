import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, signInOnPage as signInAs } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const TITLE = '废弃厂房内堆放大量液化气罐';
const CONTACT = '13907921234';
const REPLY = '您反映的问题已转濂溪区应急管理局核查，已责令清除';
/** Generous: two cores shared by several sessions, software GL. */
const WAIT = { timeout: 30_000 };

/** Signs in on the sign-in page, by typing, as at the start of a shift. */
async function signIn(page: Page, url: string, role: 'officer' | 'leader') {
  await signInAs(page, url, role, WAIT.timeout);
  // the desk asks once whether to sound alerts; the answer here is "not now" (its banner would cover the drawer's foot)
  await page
    .locator('[data-testid=sound-prompt] .sound-prompt-later')
    .click({ timeout: 10_000 })
    .catch(() => undefined);
}

/** The status the opened hazard shows, once it reads `text`. */
const statusReads = (page: Page, text: string) => page.locator('[data-testid=hazard-detail] [data-testid=hazard-status]', { hasText: text }).waitFor(WAIT);

describe('a tip-off from the public walked through the closed loop to 销号, by clicking and typing', () => {
  let server: TestServer;
  let citizen: Browser;
  let officer: Browser;
  let leader: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '300', DEMO_FEED_INTERVAL_MS: '3600000', CLIENT_DIR });
    [citizen, officer, leader] = await Promise.all([openBrowser({ width: 1280, height: 1000 }), openBrowser(), openBrowser()]);
    await signIn(officer.page, server.url, 'officer');
    // the desk holds its live picture (the map need not be idle: nothing here is drawn on it)
    await officer.page.waitForFunction(() => Boolean(window.onemap?.get().sync.live), undefined, { timeout: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([citizen?.close(), officer?.close(), leader?.close()]);
    await server?.close();
  });

  it('walks it from the public page to the follow-up page', async () => {
    // — the citizen: the public page, the emergency numbers first, then the form —
    const { page: c } = citizen;
    await c.goto(`${server.url}/tip-off`);
    await c.locator('[data-testid=tip-off]').waitFor(WAIT);
    expect(await c.locator('[data-testid=emergency-numbers]').innerText()).toContain('紧急情况请拨打 119 / 110');
    // a light page, not the command theme
    expect(await c.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(242, 244, 247)');
    const photo = await c.screenshot({ clip: { x: 0, y: 0, width: 640, height: 360 } }); // a real PNG to attach
    await c.click('text=危化品');
    await c.selectOption('select[name=district]', '360402');
    await c.fill('input[name=address]', '濂溪区十里大道旧纺织厂');
    await c.fill('input[name=title]', TITLE);
    await c.fill('textarea[name=description]', '厂房西侧仓库内堆放二十多个液化气罐，门口无人看管，附近有居民楼');
    await c.locator('[data-testid=tip-off-photo-input]').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: photo });
    await c.fill('input[name=contact]', CONTACT);
    await screenshot(c, 'tip-off-public-page');
    await c.click('button[type=submit]');
    await c.locator('[data-testid=tip-off-thanks]').waitFor(WAIT);
    const reference = (await c.locator('[data-testid=tip-off-reference]').innerText()).trim();
    expect(reference).toMatch(/^JB-\d{8}-0001-[A-HJ-NP-Z2-9]{4}$/);
    await screenshot(c, 'tip-off-receipt');

    // — the officer: a notice arrives, the queue shows it with its photo and, on request, the contact —
    const { page: o } = officer;
    await o.locator('[data-testid=tip-off-toast]', { hasText: TITLE }).waitFor(WAIT);
    const badge = Number(await o.locator('[data-testid=tip-off-count]').innerText());
    expect(badge).toBeGreaterThan(0);
    await screenshot(o, 'tip-off-desk-notice');
    await o.click('[data-testid=open-tip-offs]');
    const item = o.locator(`[data-testid=tip-off-item][data-reference="${reference}"]`);
    await item.waitFor(WAIT);
    expect(await o.locator('[data-testid=tip-off-queue] [data-testid=tip-off-item]').count()).toBe(badge); // the badge counts the queue's records
    await item.locator('[data-testid=tip-off-photo]').waitFor(WAIT);
    await expect.poll(() => item.locator('[data-testid=tip-off-photo]').evaluate((img: HTMLImageElement) => img.naturalWidth), WAIT).toBeGreaterThan(100);
    expect(await item.innerText()).not.toContain(CONTACT);
    await item.locator('[data-testid=reveal-contact]').click();
    await item.locator('[data-testid=tip-off-contact]', { hasText: CONTACT }).waitFor(WAIT);
    await item.locator('[data-testid=accept-grade]').selectOption('major');
    await item.locator('[data-testid=hazard-note]').fill('已电话核实属实，列为重大隐患');
    await screenshot(o, 'tip-off-queue');
    await item.locator('button[data-status=found]').click();
    await item.waitFor({ state: 'detached', ...WAIT }); // accepted: no longer awaiting review
    // the reply to the reporter, within the ten days
    await o.click('[data-testid=queue-tab-reply]');
    const toAnswer = o.locator(`[data-testid=tip-off-item][data-reference="${reference}"]`);
    await toAnswer.locator('textarea[name=reply]').fill(REPLY);
    await toAnswer.locator('label', { hasText: '短信' }).click();
    await toAnswer.locator('button', { hasText: '记录答复' }).click();
    await toAnswer.waitFor({ state: 'detached', ...WAIT }); // answered: no longer waiting for its reply
    await o.locator('[data-testid=tip-off-queue] header button[aria-label]').last().click();

    // — the closed loop in the ledger: notice, the five elements of a major hazard, rectification, acceptance, re-inspection —
    await o.click('[data-testid=open-ledger]');
    await o.locator('[data-testid=hazard-ledger] tbody tr', { hasText: TITLE }).click();
    await statusReads(o, '已发现');
    expect(await o.locator('[data-testid=hazard-detail] [data-testid=tip-off-reply]').innerText()).toContain(REPLY);
    expect(await o.locator('[data-testid=hazard-detail] [data-testid=tip-off-reference]').innerText()).toBe(reference);
    await o.click('[data-testid=hazard-detail] button[data-status=notice]');
    const notice = o.locator('[data-testid=notice-form]');
    await notice.locator('input[name=responsiblePerson]').fill('张建国');
    await notice.locator('textarea[name=measures]').fill('立即清运液化气罐，封闭仓库，落实专人看守');
    await notice.locator('input[name=deadline]').fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
    await notice.locator('button[type=submit]').click();
    await statusReads(o, '已下达整改通知');
    // a major hazard does not start rectification without its five elements: the form is required
    await o.click('[data-testid=hazard-detail] button[data-status=rectifying]');
    const five = o.locator('[data-testid=hazard-detail] [data-testid=five-elements-form]');
    await five.locator('input[name=five-responsibility]').fill('厂房产权单位负责人张建国');
    await five.locator('input[name=five-measures]').fill('清运气罐，拆除违规仓储');
    await five.locator('input[name=five-funds]').fill('3万元');
    await five.locator('input[name=five-contingencyPlan]').fill('液化气泄漏现场处置方案');
    await five.locator('input[name=five-deadline]').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await o.locator('[data-testid=hazard-detail] form button[type=submit]').click();
    await statusReads(o, '整改中');
    await o.locator('[data-testid=hazard-detail] [data-testid=five-elements]').waitFor(WAIT);
    await o.click('[data-testid=hazard-detail] button[data-status=submitted]');
    await statusReads(o, '申请验收');
    await o.click('[data-testid=hazard-detail] button[data-status=reinspection]');
    await statusReads(o, '复查中');
    // 销号 is not the officer's: the button is there, shut, and says whose it is
    expect(await o.locator('[data-testid=hazard-detail] button[data-status=closed]').isDisabled()).toBe(true);
    expect(await o.locator('[data-testid=close-not-yours]').innerText()).toContain('带班领导');
    expect(await o.locator('[data-testid=hazard-history] li').count()).toBe(6);
    await screenshot(o, 'tip-off-hazard-drawer');

    // — the leader, in a second browser: passes the re-inspection and closes it, asked once more —
    const { page: l } = leader;
    await signIn(l, server.url, 'leader');
    await l.click('[data-testid=open-ledger]');
    await l.locator('[data-testid=hazard-ledger] tbody tr', { hasText: TITLE }).click();
    await statusReads(l, '复查中');
    await l.locator('[data-testid=hazard-note]').fill('复查合格，予以销号');
    await l.click('[data-testid=hazard-detail] button[data-status=closed]');
    await l.locator('[data-testid=hazard-detail] .confirm-step').waitFor(WAIT);
    await screenshot(l, 'tip-off-leader-confirm');
    await l.click('[data-testid=hazard-detail] [data-testid=confirm-yes]');
    await statusReads(l, '已销号');
    await statusReads(o, '已销号'); // the officer's screen follows
    expect(await l.locator('[data-testid=hazard-history]').innerText()).toContain('test-leader');

    // — the citizen follows the case: closed, and the reply; nothing of the officers' notes —
    await c.click('[data-testid=tip-off-follow]');
    await c.locator('[data-testid=tip-off-case][data-status=closed]').waitFor(WAIT);
    expect(await c.locator('[data-testid=tip-off-stage]').innerText()).toBe('已整改销号');
    expect(await c.locator('[data-testid=tip-off-public-reply]').innerText()).toContain(REPLY);
    const shown = await c.locator('[data-testid=tip-off-status]').innerText();
    for (const internal of ['复查合格', '张建国', 'test-officer', CONTACT]) expect(shown).not.toContain(internal);
    await screenshot(c, 'tip-off-follow-up');
  }, 300_000);

  it('files new hazards at a place clicked on the map and on a risk point from its drawer', async () => {
    const { page: o } = officer;
    await o.waitForFunction(() => Boolean(window.onemapMap?.loaded()), undefined, WAIT);
    // from the ledger: the place by a click on the map, the ledger stepping aside meanwhile
    await o.click('[data-testid=report-hazard-at-place]');
    const form = o.locator('[data-testid=report-hazard-form]');
    await form.locator('[data-testid=hazard-place] button.place-pick').click();
    await o.locator('[data-testid=place-pick-hint]').waitFor(WAIT);
    expect(await o.locator('[data-testid=hazard-ledger]').isVisible()).toBe(false);
    const box = (await o.locator('.maplibregl-canvas').boundingBox())!;
    await o.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await form.waitFor({ state: 'visible', ...WAIT });
    expect(Number(await form.locator('input[name=lon]').inputValue())).toBeGreaterThan(113);
    await form.locator('input[name=address]').fill('山塘坝下');
    await form.locator('input[name=title]').fill('山塘坝体背水坡渗水');
    await form.locator('select[name=source]').selectOption('grid_officer');
    await screenshot(o, 'hazard-report-at-place');
    await form.locator('button[type=submit]').click();
    await statusReads(o, '已发现');
    expect(await o.locator('[data-testid=hazard-detail] h3').innerText()).toContain('山塘坝体背水坡渗水');
    expect(await o.locator('[data-testid=hazard-detail]').innerText()).toContain('山塘坝下');
    await o.locator('[data-testid=hazard-ledger] header button[aria-label]').click();

    // from a risk point's drawer, found by its name
    const name = await o.evaluate(() => [...window.onemap!.get().sync.live!.riskPoints.values()][0]!.name);
    await o.fill('input[type=search]', name);
    await o.locator('.search li button', { hasText: name }).first().click();
    await o.locator('[data-testid=detail-drawer][data-kind=riskPoint]').waitFor(WAIT);
    await o.click('[data-testid=report-hazard]');
    const onPoint = o.locator('[data-testid=detail-drawer] [data-testid=report-hazard-form]');
    await onPoint.locator('input[name=title]').fill('消防通道堆放杂物');
    await onPoint.locator('button[type=submit]').click();
    await o.locator('[data-testid=point-hazards] tr', { hasText: '消防通道堆放杂物' }).waitFor(WAIT);
    await screenshot(o, 'hazard-report-on-point');
  }, 120_000);

  it('reads in English with the switch, the ledger and the hazard wrapping cleanly', async () => {
    const { page: o } = officer;
    await o.getByRole('button', { name: 'EN', exact: true }).click();
    await o.click('[data-testid=open-ledger]');
    await o.locator('[data-testid=hazard-ledger] tbody tr', { hasText: TITLE }).click();
    await o.locator('[data-testid=hazard-detail] [data-testid=hazard-status]', { hasText: 'Closed' }).waitFor(WAIT);
    await screenshot(o, 'tip-off-hazard-drawer-en');
    await citizen.page.click('.public-lang');
    await citizen.page.locator('[data-testid=tip-off-stage]', { hasText: 'Rectified and closed' }).waitFor(WAIT);
    await screenshot(citizen.page, 'tip-off-follow-up-en');
  }, 120_000);
});
