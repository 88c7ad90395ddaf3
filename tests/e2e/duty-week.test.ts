import { testUsername } from '../support/accounts.ts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDutyDays, dutyWeekStart, localDutyDate } from '../../shared/duty.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, waitForMapIdle, signInOnPage as signInAs } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const WAIT = { timeout: 20_000 };
const HOUR_MS = 3600_000;
const hm = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;
/** The Beijing hour of an instant. */
const beijingHour = (at: Date) => new Date(at.getTime() + 8 * HOUR_MS).getUTCHours();

/** Signs in on the sign-in page, as a person at the start of a shift. */
async function signInOnPage(page: Page, base: string, role: 'admin' | 'leader' | 'officer' | 'observer') {
  await signInAs(page, base, role, WAIT.timeout);
  await waitForMapIdle(page, 60_000);
}

/** Moves the open week plan to the week holding `date`, by its previous/next buttons. */
async function showWeekOf(page: Page, date: string) {
  const target = dutyWeekStart(date);
  for (let i = 0; i < 8; i++) {
    const shown = await page.locator('[data-testid=duty-week]').getAttribute('data-week');
    if (shown === target) return;
    if (shown) await page.click(shown < target ? '[data-testid=week-next]' : '[data-testid=week-prev]');
    await page.waitForFunction((prev) => document.querySelector('[data-testid=duty-week]')?.getAttribute('data-week') !== prev, shown, WAIT);
  }
  throw new Error(`could not reach the week of ${date}`);
}

interface Planned {
  date: string;
  role: 'leader' | 'officer' | 'tech_support' | 'driver';
  hours: 'day' | 'night' | [start: string, end: string];
  person: string;
  phone: string;
}

/** Fills 添加班次 and submits it, as a planner types it. */
async function addShift(page: Page, shift: Planned) {
  await showWeekOf(page, shift.date);
  const form = page.locator('[data-testid=shift-form]');
  await form.locator('select[name=date]').selectOption(shift.date);
  await form.locator('select[name=role]').selectOption(shift.role);
  await form.locator('select[name=preset]').selectOption(typeof shift.hours === 'string' ? shift.hours : 'custom');
  if (typeof shift.hours !== 'string') {
    await form.locator('input[name=start]').fill(shift.hours[0]);
    await form.locator('input[name=end]').fill(shift.hours[1]);
  }
  await form.locator('input[name=person]').fill(shift.person);
  await form.locator('input[name=phone]').fill(shift.phone);
  await form.locator('button[type=submit]').click();
}

const cell = (page: Page, role: string, date: string) => page.locator(`[data-testid=duty-week] tr[data-post=${role}] td[data-date="${date}"]`);

describe('a duty office plans its week, hands over between two people, and an administrator sets up accounts and a wall', () => {
  let server: TestServer;
  let officer: Browser;
  let leader: Browser;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { CLIENT_DIR });
    officer = await openBrowser();
    leader = await openBrowser();
    await signInOnPage(officer.page, server.url, 'officer');
    await signInOnPage(leader.page, server.url, 'leader');
  }, 60_000);
  afterAll(async () => {
    await officer?.close();
    await leader?.close();
    await server?.close();
  });

  const today = localDutyDate(new Date());
  const monday = dutyWeekStart(today);
  const lastMonday = addDutyDays(monday, -7);

  it('plans last week, copies it into this week, changes a person, and sees a clash refused on screen', async () => {
    const { page } = officer;
    await page.click('[data-testid=open-duty-week]');
    await page.locator('[data-testid=duty-week][data-week]').waitFor(WAIT);
    expect(await page.locator('[data-testid=duty-week]').getAttribute('data-week')).toBe(monday);

    await addShift(page, { date: lastMonday, role: 'officer', hours: 'day', person: '张伟', phone: '13907920001' });
    await cell(page, 'officer', lastMonday).getByText('张伟').waitFor(WAIT);
    await addShift(page, { date: lastMonday, role: 'officer', hours: 'night', person: '李娜', phone: '13907920002' });
    await addShift(page, { date: addDutyDays(lastMonday, 1), role: 'leader', hours: 'day', person: '王强', phone: '13907920003' });
    await cell(page, 'leader', addDutyDays(lastMonday, 1)).getByText('王强').waitFor(WAIT);
    expect(await cell(page, 'officer', lastMonday).innerText()).toMatch(/20:00–08:00[\s\S]*李娜/);

    await page.click('[data-testid=week-next]');
    await page.locator(`[data-testid=duty-week][data-week="${monday}"]`).waitFor(WAIT);
    await page.click('[data-testid=copy-last-week]');
    await page.locator('[data-testid=week-notice]').getByText('已复制上周 3 个班次').waitFor(WAIT);
    await cell(page, 'officer', monday).getByText('李娜').waitFor(WAIT);
    expect(await cell(page, 'officer', monday).innerText()).toContain('张伟');
    expect(await cell(page, 'leader', addDutyDays(monday, 1)).innerText()).toContain('王强');

    // copying twice would double the week: refused as a whole, every clash named
    await page.click('[data-testid=copy-last-week]');
    await page.locator('[data-testid=week-notice]').getByText('复制未执行：3 个班次会与已有排班冲突').waitFor(WAIT);

    // 王强 is away on Tuesday: 赵敏 takes his shift
    const leaderShift = cell(page, 'leader', addDutyDays(monday, 1)).locator('.week-shift').first();
    await leaderShift.getByRole('button', { name: '更换人员' }).click();
    await leaderShift.locator('input[name=person]').fill('赵敏');
    await leaderShift.locator('input[name=phone]').fill('13907920004');
    await leaderShift.getByRole('button', { name: '保存' }).click();
    await cell(page, 'leader', addDutyDays(monday, 1)).getByText('赵敏').waitFor(WAIT);
    expect(await cell(page, 'leader', addDutyDays(monday, 1)).innerText()).not.toContain('王强');

    // 李娜 is already the officer on Monday night: the same night as driver is refused, naming that shift
    await addShift(page, { date: monday, role: 'driver', hours: 'night', person: '李娜', phone: '13907920002' });
    const refusal = page.locator('[data-testid=shift-form-error]');
    await refusal.waitFor(WAIT);
    expect(await refusal.innerText()).toMatch(/排班冲突：李娜 已排在 .*20:00–08:00 的「值班员」班次/);
    expect(await cell(page, 'driver', monday).innerText()).not.toContain('李娜');
    await screenshot(page, 'duty-week-conflict');

    // the English switch: the same week, in words that wrap inside their cells
    await page.locator('.top-bar button.lang', { hasText: 'EN' }).click();
    await page.locator('[data-testid=copy-last-week]', { hasText: 'Copy last week' }).waitFor(WAIT);
    expect(await page.locator('[data-testid=week-range]').innerText()).toMatch(/Mon.* to .*Sun/);
    await screenshot(page, 'duty-week-en');
    await page.locator('.top-bar button.lang', { hasText: '中文' }).click();
    await page.locator('[data-testid=copy-last-week]', { hasText: '复制上周' }).waitFor(WAIT);
  }, 120_000);

  it('takes a handover on one post: the writer cannot confirm it, the incoming officer does, and it stays in view', async () => {
    const { page } = officer;
    // the outgoing officer's shift covers now; the incoming officer's (and a driver's) start when it ends
    const now = new Date();
    const startHour = Math.max(beijingHour(now) - 1, 0);
    const outgoingDate = localDutyDate(now);
    const handoverAt = new Date(now.getTime() + (startHour + 3 - beijingHour(now)) * HOUR_MS);
    const incomingDate = localDutyDate(handoverAt);
    await addShift(page, { date: outgoingDate, role: 'officer', hours: [hm(startHour), hm(startHour + 3)], person: '陈静', phone: '13907920011' });
    await page.getByText('陈静').first().waitFor(WAIT);
    await addShift(page, { date: incomingDate, role: 'officer', hours: [hm(startHour + 3), hm(startHour + 15)], person: '刘洋', phone: '13907920012' });
    await addShift(page, { date: incomingDate, role: 'driver', hours: [hm(startHour + 3), hm(startHour + 15)], person: '褚五', phone: '13907920013' });
    await page.locator('[data-testid=duty-week] .week-person', { hasText: '褚五' }).waitFor(WAIT);
    await page.locator('[data-testid=duty-week] header button[aria-label]').last().click();

    // 签到 on the duty panel, then the handover form offers only the next officer
    const panel = page.locator('[data-testid=duty-panel]');
    const row = panel.locator('.duty-row', { hasText: '陈静' });
    await row.getByRole('button', { name: '签到' }).click();
    await row.getByText('在岗').waitFor(WAIT);
    await panel.locator('[data-testid=write-handover]').click();
    const form = panel.locator('[data-testid=handover-form]');
    await form.locator('select[name=from]').selectOption({ label: '值班员 陈静' });
    const offered = await form.locator('select[name=to] option').allInnerTexts();
    expect(offered[0]).toContain('刘洋');
    expect(offered.join('|')).not.toMatch(/褚五|赵敏|驾驶员|带班领导/);
    await form.locator('textarea').fill('庐山区3号火点已扑灭，留2人看守；湖口县化工园区隐患明早9点复查。');
    await form.getByRole('button', { name: '提交交接班记录' }).click();

    // the writer is told it waits for the incoming person, and has no button to confirm it
    const notice = panel.locator('[data-testid=handover-notice]');
    await notice.locator('[data-testid=handover-own]').waitFor(WAIT);
    expect(await notice.locator('[data-testid=confirm-handover]').count()).toBe(0);
    await screenshot(page, 'duty-handover-written');

    // the incoming side confirms it on its own screen
    const other = leader.page.locator('[data-testid=duty-panel] [data-testid=handover-notice]');
    await other.locator('[data-testid=confirm-handover]').click(WAIT);
    await other.waitFor({ state: 'detached', timeout: 20_000 });
    const kept = panel.locator('[data-testid=handover-list] li.handover-confirmed').first();
    await kept.waitFor(WAIT);
    expect(await kept.innerText()).toMatch(/值班员 陈静 → 刘洋[\s\S]*test-officer 填写于[\s\S]*test-leader 确认于[\s\S]*庐山区3号火点/);
    await panel.locator('.duty-row', { hasText: '陈静' }).waitFor({ state: 'detached', timeout: 20_000 }); // 陈静 has handed over
    await panel.locator('.duty-row', { hasText: '刘洋' }).getByText('在岗').waitFor(WAIT); // 刘洋 took the post with the handover
    await screenshot(page, 'duty-handover-confirmed');
  }, 120_000);

  it('shows an observer the week read-only', async () => {
    const observer = await openBrowser();
    try {
      const { page } = observer;
      await signInOnPage(page, server.url, 'observer');
      await page.click('[data-testid=open-duty-week]');
      await cell(page, 'officer', monday).getByText('李娜').waitFor(WAIT);
      await page.getByText('只读：当前账号只能查看排班').waitFor(WAIT);
      expect(await page.locator('[data-testid=copy-last-week]').count()).toBe(0);
      expect(await page.locator('[data-testid=shift-form]').count()).toBe(0);
      expect(await page.locator('[data-testid=duty-week] .week-change').count()).toBe(0);
    } finally {
      await observer.close();
    }
  }, 120_000);

  it('lets an administrator create an account with a one-time password and pair a wall display with a code', async () => {
    const admin = await openBrowser();
    const wall = await openBrowser();
    try {
      const { page } = admin;
      await signInOnPage(page, server.url, 'admin');
      await screenshot(page, 'admin-desk');
      await page.click('[data-testid=open-admin]');
      const panel = page.locator('[data-testid=admin-panel]');
      await panel.locator('[data-testid=accounts-tab] tr[data-username]').first().waitFor(WAIT);
      const form = panel.locator('[data-testid=account-form]');
      await form.locator('input[name=username]').fill('liu.yang');
      await form.locator('input[name=displayName]').fill('刘洋');
      await form.locator('select[name=newRole]').selectOption('officer');
      await form.getByRole('button', { name: '新建账号' }).click();
      const secret = panel.locator('[data-testid=one-time-secret]');
      await secret.waitFor(WAIT);
      expect(await secret.innerText()).toMatch(/^[A-Za-z2-9]{12}$/);
      await panel.locator('tr[data-username="liu.yang"]').getByText('待改密').waitFor(WAIT);
      // an administrator is not offered to disable their own account or change their own role, and is told why
      const own = panel.locator(`tr[data-username="${testUsername('admin')}"]`);
      await own.locator('[data-testid=own-account]').waitFor(WAIT);
      expect(await own.getByRole('button', { name: '停用' }).count()).toBe(0);
      expect(await own.locator('select').count()).toBe(0);
      // another account's role is changed on screen
      const observerRow = panel.locator(`tr[data-username="${testUsername('observer')}"]`);
      await observerRow.locator('select').selectOption('officer');
      await observerRow.locator('[data-testid=save-role]').click();
      await observerRow.locator('[data-testid=save-role]').waitFor({ state: 'detached', timeout: 20_000 });
      expect(await observerRow.locator('select').inputValue()).toBe('officer');
      await screenshot(page, 'admin-accounts');

      await page.locator('.top-bar button.lang', { hasText: 'EN' }).click();
      await panel.getByRole('button', { name: 'Create account' }).waitFor(WAIT);
      expect(await panel.locator('h2').innerText()).toBe('Admin');
      await screenshot(page, 'admin-accounts-en');
      await page.locator('.top-bar button.lang', { hasText: '中文' }).click();

      await panel.locator('[data-testid=tab-devices]').click();
      const devices = panel.locator('[data-testid=device-form]');
      await devices.locator('input[name=deviceName]').fill('指挥大厅大屏');
      await devices.getByRole('button', { name: '登记大屏' }).click();
      const row = panel.locator('tr[data-device-name="指挥大厅大屏"]');
      await row.getByRole('button', { name: '生成配对码' }).click();
      const code = await panel.locator('[data-testid=pairing-code-value]').innerText();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await row.getByText(/配对码有效至/).waitFor(WAIT);
      await screenshot(page, 'admin-wall-pairing');

      // the code is typed on the wall as its address: it signs in as that display
      await wall.page.goto(`${server.url}/wall?pair=${code}`);
      await wall.page.locator('[data-testid=wall]').waitFor(WAIT);
      expect(wall.page.url()).toBe(`${server.url}/wall`);
      await panel.locator('[data-testid=tab-accounts]').click();
      await panel.locator('[data-testid=tab-devices]').click();
      await row.getByText('正常').waitFor(WAIT); // the code is spent
    } finally {
      await admin.close();
      await wall.close();
    }
  }, 120_000);
});
