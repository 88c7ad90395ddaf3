import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDutyDate, shanghaiInstant } from '../../shared/duty.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, waitForMapIdle, signInOnPage as signInAs } from '../support/browser.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';
import { readZip } from '../support/zip.ts';

const WUNING_FOREST = { lon: 115.1, lat: 29.26 };
const WAIT = { timeout: 30_000 };

/** Signs in on the sign-in page, as at the start of a shift. */
async function signIn(page: Page, base: string, role: 'officer' | 'leader') {
  await signInAs(page, base, role, WAIT.timeout);
  await waitForMapIdle(page, 60_000);
}

describe('a phone report taken, its 首报 written, signed off by the leader in a second browser and exported', () => {
  let server: TestServer;
  let officer: Browser;
  let leader: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { CLIENT_DIR });
    // the roster has this leader on post today: the one who signs reports off (setup, not a step of the test)
    const today = localDutyDate(new Date());
    const shift = await api(server.url, 'POST', '/api/duty/shifts', {
      date: today,
      startsAt: shanghaiInstant(today, 0).toISOString(),
      endsAt: shanghaiInstant(today, 23, 59).toISOString(),
      role: 'leader',
      person: '测试leader',
      phone: '13907921234',
    });
    expect(shift.status).toBe(201);
    officer = await openBrowser();
    leader = await openBrowser();
    await signIn(officer.page, server.url, 'officer');
    await signIn(leader.page, server.url, 'leader');
  }, 180_000);
  afterAll(async () => {
    await officer?.close();
    await leader?.close();
    await server?.close();
  });

  it('takes the call, places it on the map, writes and submits the 首报; the leader signs it; the officer downloads it', { timeout: 240_000 }, async () => {
    const { page } = officer;
    await page.click('[data-testid=open-intake]');
    const form = page.locator('[data-testid=intake-form]');
    await form.waitFor(WAIT);
    await form.locator('input[name=title]').fill('武宁县罗坪镇长水村森林火灾');
    await form.locator('select[name=category]').selectOption('natural_disaster');
    await form.locator('select[name=type]').selectOption('forest_grassland_fire');

    // the place: a click on the map, while the form steps aside
    await form.locator('[data-testid=intake-place] button.place-pick').click();
    await page.locator('[data-testid=place-pick-hint]').waitFor(WAIT);
    expect(await form.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    await screenshot(page, 'reports-pick-place');
    const box = (await page.locator('.maplibregl-canvas').first().boundingBox())!;
    const at = await page.evaluate(([lon, lat]) => window.onemapMap!.project([lon!, lat!]), [WUNING_FOREST.lon, WUNING_FOREST.lat]);
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => form.evaluate((el) => getComputedStyle(el).visibility), WAIT).toBe('visible');
    const lon = Number(await form.locator('input[name=lon]').inputValue());
    const lat = Number(await form.locator('input[name=lat]').inputValue());
    expect(Math.abs(lon - WUNING_FOREST.lon)).toBeLessThan(0.05);
    expect(Math.abs(lat - WUNING_FOREST.lat)).toBeLessThan(0.05);
    expect(await page.locator('[data-testid=place-marker]').count()).toBe(1);

    await form.locator('input[name=injured]').fill('2');
    await form.locator('select[name=channel]').selectOption('phone');
    await form.locator('input[name=reporterName]').fill('李明');
    await form.locator('input[name=callbackPhone]').fill('12345');
    await form.locator('textarea[name=description]').fill('村民来电：长水村后山起火，火势向山顶蔓延');
    await form.locator('[data-testid=intake-submit]').click();
    // a number nobody can call back is refused, and said so in Chinese by its form name
    await expect.poll(() => form.locator('[role=alert]').innerText(), WAIT).toContain('回拨电话');
    await screenshot(page, 'reports-intake-refused');
    await form.locator('input[name=callbackPhone]').fill('13807921234');
    await form.locator('[data-testid=intake-submit]').click();
    await form.waitFor({ state: 'detached', ...WAIT });

    const item = page.locator('[data-testid=incident-panel] li[data-incident-id]', { hasText: '武宁县罗坪镇长水村森林火灾' });
    await item.waitFor(WAIT);
    expect(await item.innerText()).toContain('武宁县');
    expect(await item.innerText()).toContain('电话');
    // who called and the number to call back, read from the record (the live feed leaves them out)
    await expect.poll(() => item.locator('[data-testid=incident-caller]').innerText(), WAIT).toContain('李明');
    expect(await item.locator('[data-testid=incident-caller] a[href="tel:13807921234"]').count()).toBe(1);

    // the 首报 in the template: time, place, type and casualties come prefilled from the intake
    await item.locator('[data-testid=write-report]').click();
    const template = page.locator('[data-testid=report-template]');
    await template.waitFor(WAIT);
    expect(await template.locator('input[name=place]').inputValue()).toBe('九江市武宁县');
    await template.locator('input[name=place]').fill('九江市武宁县罗坪镇长水村');
    expect(await template.locator('input[name=injured]').inputValue()).toBe('2');
    expect(await template.locator('textarea[name=situation]').inputValue()).toContain('长水村后山起火');
    await template.locator('textarea[name=measures]').fill('已调派专业扑火队30人赶赴现场扑救');
    await template.locator('textarea[name=nextSteps]').fill('继续组织扑救，严防复燃');
    await expect.poll(() => template.locator('[data-testid=report-preview]').innerText(), WAIT).toContain('已造成2人受伤');
    await screenshot(page, 'reports-template');
    await template.locator('[data-testid=report-submit]').click();
    await template.waitFor({ state: 'detached', ...WAIT });
    await item.locator('li[data-status=pending]').waitFor(WAIT);
    expect(await item.locator('[data-testid=write-report]').count()).toBe(0); // one report at a time

    // the leader, in a second browser, sees it waiting and signs it off
    const waiting = leader.page.locator('[data-testid=incident-panel] li[data-incident-id]', { hasText: '武宁县罗坪镇长水村森林火灾' });
    await waiting.locator('li[data-status=pending]').waitFor(WAIT);
    expect(await leader.page.locator('.reports-waiting').innerText()).toContain('1 份报告待签发');
    await screenshot(leader.page, 'reports-leader-waiting');
    await waiting.locator('[data-testid=sign-report]').click();
    await waiting.locator('li[data-status=sent]').waitFor(WAIT);

    // the officer sees it sent, with the signer, and downloads the document
    const sent = item.locator('li[data-status=sent]');
    await sent.waitFor(WAIT);
    expect(await sent.locator('[data-testid=report-signed]').innerText()).toContain('测试leader 签发于');
    await screenshot(page, 'reports-signed');
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), sent.locator('[data-testid=report-docx]').click()]);
    const file = await download.path();
    const files = readZip(fs.readFileSync(file));
    const words = files
      .get('word/document.xml')!
      .toString('utf8')
      .replace(/<[^>]+>/g, '');
    for (const part of ['（首报）', '签发人：测试leader', '九江市武宁县罗坪镇长水村发生一起自然灾害／森林草原火灾', '已造成2人受伤', '已调派专业扑火队30人'])
      expect(words).toContain(part);

    // the English switch: the panel and the intake form wrap in the other language
    await page.click('.top-bar-right button.lang:has-text("EN")');
    await page.click('[data-testid=open-intake]');
    await page.locator('[data-testid=intake-form]').waitFor(WAIT);
    await screenshot(page, 'reports-intake-en');
    await page.locator('[data-testid=intake-form] footer button[type=button]').click();
    await page.click('.top-bar-right button.lang:has-text("中文")');
  });

  it('makes a fire alert an incident from its drawer, the intake form prefilled from the alert', { timeout: 120_000 }, async () => {
    const { page } = officer;
    // a watchtower reports smoke (the outside world, not a step of the officer's)
    const alert = (
      await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { lon: 114.55, lat: 29.03, source: 'watchtower', description: '修水县瞭望塔发现烟点' })
    ).body;
    await page.locator(`[data-alert-id="${alert.id}"]`).click();
    await page.locator('[data-testid=alert-to-incident]').click();
    const form = page.locator('[data-testid=intake-form]');
    await form.waitFor(WAIT);
    expect(await form.locator('input[name=title]').inputValue()).toBe('修水县森林火情');
    expect(await form.locator('select[name=type]').inputValue()).toBe('forest_grassland_fire');
    expect(await form.locator('select[name=channel]').inputValue()).toBe('fire_alert');
    expect(Number(await form.locator('input[name=lon]').inputValue())).toBe(114.55);
    expect(await form.locator('textarea[name=description]').inputValue()).toBe('修水县瞭望塔发现烟点');
    await screenshot(page, 'reports-fire-alert-intake');
    await form.locator('[data-testid=intake-submit]').click();
    await form.waitFor({ state: 'detached', ...WAIT });
    const item = page.locator('[data-testid=incident-panel] li[data-incident-id]', { hasText: '修水县森林火情' });
    await item.waitFor(WAIT);
    expect(await item.innerText()).toContain('火情预警转入');
    await expect.poll(() => page.locator('[data-testid=alert-to-incident]').count(), WAIT).toBe(0); // one alert, one incident
  });
});
