import { testUsername } from '../support/accounts.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutyShift } from '../../shared/duty.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, waitForMapIdle, signInOnPage as signInAs } from '../support/browser.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const WUNING_FOREST = { lon: 115.1, lat: 29.26 };
const HOUR = 3600_000;
/** Escalation after 10 s, checked every 5 s, on a loaded machine: generous. */
const RING_TIMEOUT_MS = 60_000;

/** Signs in on the sign-in page by typing, as at the start of a shift. */
const signIn = (page: Page, base: string, role: 'leader' | 'officer') => signInAs(page, base, role);

const htmlData = (page: Page, key: 'alarm' | 'audio' | 'sound') => page.evaluate((k) => document.documentElement.dataset[k] ?? null, key);

describe('an escalation rings the leader on duty', () => {
  let server: TestServer;
  let leader: Browser;
  let officer: Browser;
  let receiver: http.Server;
  const posts: { body: string; signature: string | undefined }[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        posts.push({ body, signature: req.headers['x-onemap-signature'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/onemap`;
    server = await startTestServer('sqlite', { FIRE_ALERT_ESCALATE_AFTER_S: '10', NOTIFY_WEBHOOK_URL: hook, NOTIFY_WEBHOOK_SECRET: 'e2e-secret', CLIENT_DIR });
    // setup: the test leader account is the 带班领导 on today's roster
    const now = Date.now();
    const shift = await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', {
      date: new Date(now + 8 * HOUR).toISOString().slice(0, 10),
      startsAt: new Date(now - HOUR).toISOString(),
      endsAt: new Date(now + 6 * HOUR).toISOString(),
      role: 'leader',
      person: '测试leader',
      phone: '13907920001',
    });
    expect(shift.status).toBe(201);
    leader = await openBrowser();
    officer = await openBrowser();
    await signIn(leader.page, server.url, 'leader');
    await signIn(officer.page, server.url, 'officer');
    await Promise.all([waitForMapIdle(leader.page, 60_000), waitForMapIdle(officer.page, 60_000)]);
  }, 180_000);
  afterAll(async () => {
    await leader?.close();
    await officer?.close();
    await server?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('asks once for the click that lets the desk sound, and remembers it', async () => {
    const { page } = leader;
    await page.locator('[data-testid=sound-prompt]').waitFor();
    expect(await page.locator('[data-testid=sound-prompt]').innerText()).toContain('点击启用声音提示');
    await screenshot(page, 'notify-sound-prompt');
    await page.click('[data-testid=enable-sound]');
    await page.locator('[data-testid=sound-prompt]').waitFor({ state: 'detached' });
    await expect.poll(() => htmlData(page, 'audio')).toBe('running');
    expect(await page.locator('[data-testid=sound-switch]').isChecked()).toBe(true); // new alerts sound, the switch mutes
    // the officer's desk asks too; the officer enables it as well
    await officer.page.click('[data-testid=enable-sound]');
    await page.reload();
    await page.locator('[data-testid=user]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=sound-prompt]').count()).toBe(0); // remembered
    expect(await htmlData(page, 'sound')).toBe('on');
  }, 120_000);

  it('rings the leader until acknowledged, shows it after a reload, and the officer’s banner says what happened', async () => {
    // the leader works at the desk: the first click on the reloaded page unlocks the sound again, silently
    await leader.page.click('[data-testid=alert-feed] h2');
    await expect.poll(() => htmlData(leader.page, 'audio')).toBe('running');
    const alert = (
      await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...WUNING_FOREST, source: 'watchtower', description: '武宁县瞭望塔发现烟点' })
    ).body;
    const { page } = leader;
    const modal = page.locator('[data-testid=notification-alarm]');
    await modal.waitFor({ timeout: RING_TIMEOUT_MS });
    const text = await modal.innerText();
    expect(text).toContain('武宁县瞭望塔发现烟点');
    expect(text).toContain('武宁县');
    expect(text).toContain('值班表在岗带班领导');
    // the sound loops: the page's flag, and the AudioContext unlocked by this page's click
    await expect.poll(() => htmlData(page, 'alarm')).toBe('looping');
    expect(await htmlData(page, 'audio')).toBe('running');
    await screenshot(page, 'notify-leader-ringing');

    // the officer's banner: whom, when, and the leader's screen has it (已送达) but has not read it
    const told = officer.page.locator(`[data-testid=escalation-told][data-escalated-alert="${alert.id}"]`);
    await told.waitFor({ timeout: RING_TIMEOUT_MS });
    await told.locator(`[data-recipient="${testUsername('leader')}"] [data-channel=screen][data-state=delivered]`).waitFor({ timeout: 15_000 });
    await told.locator('[data-channel=webhook][data-state=delivered]').waitFor({ timeout: 15_000 });
    expect(await told.innerText()).toContain('测试leader');
    await screenshot(officer.page, 'notify-officer-banner-delivered');

    // a reload does not make it go away: the server still says unread
    await page.reload();
    await modal.waitFor({ timeout: 30_000 });
    await expect.poll(() => htmlData(page, 'alarm')).toBe('looping');
    await screenshot(page, 'notify-leader-alarm');

    await page.click('[data-testid=acknowledge-notification]');
    await modal.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => htmlData(page, 'alarm')).toBe('idle');

    await told.locator(`[data-recipient="${testUsername('leader')}"] [data-channel=screen][data-state=read]`).waitFor({ timeout: 15_000 });
    expect(await told.innerText()).toContain('屏幕 已读');
    await screenshot(officer.page, 'notify-officer-banner-read');

    // the local webhook receiver got the POST, signed
    expect(posts.length).toBeGreaterThanOrEqual(1);
    const body = JSON.parse(posts[0]!.body) as { alert: { id: string }; recipients: { username: string }[] };
    expect(body.alert.id).toBe(alert.id);
    expect(body.recipients.map((r) => r.username)).toEqual([testUsername('leader')]);
    expect(posts[0]!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);

    // acknowledged stays acknowledged after a reload
    await page.reload();
    await page.locator('[data-testid=user]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=escalation-banner]').waitFor({ timeout: 30_000 });
    expect(await modal.count()).toBe(0);
  }, 240_000);

  it('lists every delivery in the delivery log, in Chinese and in English', async () => {
    const { page } = officer;
    await page.click('[data-testid=open-delivery-log]');
    const log = page.locator('[data-testid=delivery-log]');
    await log.waitFor();
    const rows = log.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2); // the leader's screen and the webhook
    expect(await log.locator('tr[data-channel=screen]').innerText()).toContain('已读');
    expect(await log.locator('tr[data-channel=webhook]').innerText()).toContain('已送达');
    await screenshot(page, 'notify-delivery-log');
    await log.locator('header button').click();
    await page.getByRole('button', { name: 'EN' }).click();
    await page.locator('[data-testid=escalation-told]').first().waitFor();
    expect(await page.locator('[data-testid=escalation-banner]').innerText()).toContain('Screen Read');
    await screenshot(page, 'notify-officer-banner-english');
    await page.click('[data-testid=open-delivery-log-top]'); // the top bar opens it too
    await log.waitFor();
    expect(await log.innerText()).toContain('Delivered');
    await screenshot(page, 'notify-delivery-log-english');
  }, 120_000);
});
