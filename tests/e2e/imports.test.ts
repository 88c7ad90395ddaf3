import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, signInBrowser, waitForMapIdle } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** The names of the risk points a screen holds, from its live store. */
const riskPointNames = (page: Page) => page.evaluate(() => [...(window.onemap!.get().sync.live?.riskPoints.values() ?? [])].map((p) => p.name));

describe('an officer brings in a district ledger, a FIRMS file and a CAP warning on the import screen', () => {
  let server: TestServer;
  let officer: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '200', DEMO_FEED_INTERVAL_MS: '3600000', CLIENT_DIR });
    officer = await openBrowser();
    await signInBrowser(officer.page, server.url, 'officer');
    await officer.page.goto(server.url);
    await waitForMapIdle(officer.page);
    await officer.page.click('[data-testid=open-imports]');
  });
  afterAll(async () => {
    await officer?.close();
    await server?.close();
  });

  it('previews a GCJ-02 ledger with its mapping and bad rows, imports it, and every screen has the new points', async () => {
    const { page } = officer;
    const pane = page.locator('[data-testid=import-risk-points]');
    await pane.locator('select[aria-label=坐标系]').selectOption('gcj02');
    await pane.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'ledgers/risk-points-gcj02.csv'));
    await expect.poll(() => pane.locator('[data-testid=preview-counts]').innerText(), { timeout: 10_000 }).toContain('将新增 4');
    expect(await pane.locator('select[aria-label=经度]').inputValue()).toBe('经度（GCJ-02）');
    expect(await pane.locator('[data-testid=rejected-rows]').innerText()).toContain('第 9 行');
    expect(await pane.locator('[data-testid=preview-rows] tbody tr').count()).toBe(4);
    expect(await riskPointNames(page)).not.toContain('湖口金砂湾化工园区储罐区'); // a preview writes nothing
    await screenshot(page, 'imports-ledger-preview');

    await pane.locator('[data-testid=import-commit]').click();
    await expect.poll(() => pane.locator('[data-testid=import-done]').innerText(), { timeout: 10_000 }).toContain('新增 4');
    await expect.poll(() => riskPointNames(page), { timeout: 5000 }).toContain('湖口金砂湾化工园区储罐区');
  });

  it('imports a FIRMS file and a CAP warning, with their reports', async () => {
    const { page } = officer;
    await page.click('button[role=tab]:has-text("卫星热点")');
    expect(await page.locator('.poller').innerText()).toContain('未启用');
    await page.locator('[data-testid=import-firms] input[type=file]').setInputFiles(path.join(FIXTURES, 'firms/viirs-snpp-noaa20.csv'));
    await expect.poll(() => page.locator('[data-testid=import-firms] [data-testid=import-done]').innerText(), { timeout: 10_000 }).toContain('新增警情 2');
    expect(await page.locator('[data-testid=import-firms] [data-testid=rejected-rows]').innerText()).toContain('第 6 行');

    await page.click('button[role=tab]:has-text("预警")');
    await page.locator('[data-testid=import-cap] input[type=file]').setInputFiles(path.join(FIXTURES, 'cap/oasis-example2-thunderstorm.xml'));
    await expect.poll(() => page.locator('[data-testid=import-cap] [data-testid=import-done]').innerText(), { timeout: 10_000 }).toContain('已导入预警');
    await screenshot(page, 'imports-cap');
  });

  it('gives a roster subscription address that a calendar app can read without signing in', async () => {
    const { page } = officer;
    await page.click('button[role=tab]:has-text("导出与订阅")');
    await page.click('button:has-text("生成订阅地址")');
    const address = await page.locator('[data-testid=calendar-address] input').inputValue();
    expect(address).toMatch(/\/api\/calendar\/[\w-]+\.ics$/);
    const calendar = await fetch(address); // no cookie: as Outlook or a phone would ask
    expect(calendar.status).toBe(200);
    expect(await calendar.text()).toContain('BEGIN:VCALENDAR');
    // the officer's subscriptions are listed with their end; revoking one (after confirming) ends it
    const row = page.locator('[data-testid=calendar-feeds] tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await screenshot(page, 'imports-exports');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('button:has-text("吊销")').click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await fetch(address)).status).toBe(404);
  });
});
