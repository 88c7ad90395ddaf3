import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireAlert, FireAlertStatus } from '../../shared/fire-alerts.ts';
import { sessionCookie, TEST_PASSWORD, TEST_WALL_TOKEN, testUsername } from '../support/accounts.ts';
import { type Browser, CLIENT_DIR, openBrowser, screenshot, signInBrowser, waitForMapIdle } from '../support/browser.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const WUNING_FOREST = { lon: 115.1, lat: 29.26 };
const STEPS: FireAlertStatus[] = ['acknowledged', 'verifying', 'confirmed', 'responding', 'extinguished', 'closed'];

/** The status a screen holds for an alert, read from its live store. */
const statusOn = (page: Page, id: string) => page.evaluate((id) => window.onemap!.get().sync.live?.fireAlerts.get(id)?.status ?? null, id);

describe('an officer handles a fire alert while the wall watches', () => {
  let server: TestServer;
  let officer: Browser;
  let wall: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      DEMO_FEED: '1',
      DEMO_RISK_POINTS: '300',
      DEMO_FEED_INTERVAL_MS: '3600000',
      FIRE_ALERT_ESCALATE_AFTER_S: '10',
      CLIENT_DIR,
    });
    officer = await openBrowser();
    // the officer signs in on the sign-in page, as at the start of a shift
    await officer.page.goto(server.url);
    await officer.page.fill('input[name=username]', testUsername('officer'));
    await officer.page.fill('input[name=password]', TEST_PASSWORD);
    await officer.page.click('button[type=submit]');
    await officer.page.locator('[data-testid=user]').waitFor({ timeout: 15_000 });
    wall = await openBrowser();
    await wall.page.goto(`${server.url}/?token=${TEST_WALL_TOKEN}`); // a wall display signs in with its device token
    await Promise.all([waitForMapIdle(officer.page), waitForMapIdle(wall.page)]);
  });
  afterAll(async () => {
    await officer?.close();
    await wall?.close();
    await server?.close();
  });

  it('walks an alert from new to closed in the drawer, and the wall sees every step', async () => {
    const { page } = officer;
    expect(await wall.page.locator('[data-testid=user]').innerText()).toContain('大屏');
    expect(new URL(wall.page.url()).searchParams.has('token')).toBe(false); // the token left the address bar
    const alert = (
      await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...WUNING_FOREST, source: 'watchtower', description: '武宁县瞭望塔发现烟点' })
    ).body;
    await page.locator(`[data-alert-id="${alert.id}"]`).click();
    await page.locator('[data-testid=alert-actions]').waitFor();
    for (const status of STEPS) {
      await page.fill('[data-testid=alert-actions] input', `处置：${status}`);
      await page.click(`[data-testid=alert-actions] button[data-status=${status}]`);
      if (status === 'closed') {
        // a step that ends the case is asked once more, and nothing happens until it is answered
        await page.locator('[data-testid=alert-actions] .confirm-step').waitFor();
        await screenshot(page, 'operations-confirm-close');
        expect(await statusOn(page, alert.id)).toBe('extinguished');
        await page.click('[data-testid=alert-actions] [data-testid=confirm-yes]');
      }
      await expect.poll(() => statusOn(wall.page, alert.id), { timeout: 5000 }).toBe(status);
      await expect.poll(() => statusOn(page, alert.id), { timeout: 5000 }).toBe(status);
    }
    await expect.poll(() => page.locator('[data-testid=alert-timeline] li').count()).toBe(STEPS.length + 1);
    expect(await page.locator('[data-testid=alert-timeline]').innerText()).toContain('test-officer');
    expect(await page.locator('[data-testid=alert-actions]').count()).toBe(0); // closed: nothing left to do
    await screenshot(page, 'operations-alert-closed');

    // the wall may look but not act
    await wall.page.locator(`[data-alert-id="${alert.id}"]`).click();
    await wall.page.locator('[data-testid=detail-drawer]').waitFor();
    expect(await wall.page.locator('[data-testid=alert-actions]').count()).toBe(0);
    expect((await api(server.url, 'PATCH', `/api/fire-alerts/${alert.id}`, { status: 'closed' }, { as: 'wall' })).status).toBe(403);
  });

  it('puts an alert nobody takes in time on every screen as escalated', async () => {
    const alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...WUNING_FOREST, source: 'public_report', description: '群众报告山火' }))
      .body;
    for (const screen of [officer.page, wall.page]) {
      await screen.locator('[data-testid=escalation-banner]').waitFor({ timeout: 30_000 });
      expect(await screen.locator(`[data-alert-id="${alert.id}"]`).innerText()).toContain('已升级');
    }
    expect(await wall.page.locator('[data-testid=escalation-banner]').innerText()).toContain('带班领导');
    await screenshot(wall.page, 'wall-escalation');
    // taking it clears the banner everywhere
    await api(server.url, 'PATCH', `/api/fire-alerts/${alert.id}`, { status: 'acknowledged' });
    await wall.page.locator('[data-testid=escalation-banner]').waitFor({ state: 'detached', timeout: 5000 });
  });

  it("takes a citizen's tip-off on the public form and puts it in the officer's ledger for review", async () => {
    const citizen = await openBrowser();
    try {
      await citizen.page.goto(`${server.url}/tip-off`);
      await citizen.page.locator('[data-testid=tip-off]').waitFor();
      await citizen.page.selectOption('[data-testid=tip-off] select', '360483');
      await citizen.page.fill('input[name=title]', '庐山脚下有人野外烧荒');
      await citizen.page.fill('textarea[name=description]', '海会镇附近山脚，今天下午三点左右，烟很大');
      await citizen.page.click('button[type=submit]');
      await citizen.page.locator('[data-testid=tip-off-thanks]').waitFor();
    } finally {
      await citizen.close();
    }
    const { page } = officer;
    await page.click('[data-testid=open-ledger]');
    const row = page.locator('[data-testid=hazard-ledger] tr', { hasText: '庐山脚下有人野外烧荒' });
    await row.waitFor({ timeout: 5000 });
    expect(await row.innerText()).toContain('待审核');
    await page.selectOption('[data-testid=hazard-ledger] select >> nth=0', 'reported');
    // the demo city's own tip-offs wait for review beside it: the screen lists what the ledger holds
    const awaiting = (await api<{ items: unknown[] }>(server.url, 'GET', '/api/hazards?status=reported')).body.items.length;
    expect(await page.locator('[data-testid=hazard-ledger] tbody tr').count()).toBe(awaiting);
    const csv = await page.locator('[data-testid=hazard-ledger] a', { hasText: 'CSV' }).getAttribute('href');
    expect(csv).toContain('status=reported');
    await screenshot(page, 'hazard-ledger');
  });

  it('hands the shift over in the roster panel, and an admin reads it in the audit log', async () => {
    const { page } = officer;
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=hazard-ledger] header button').click();
    await page.click('[data-testid=write-handover]');
    await page.fill('[data-testid=handover-form] textarea', '庐山林区火点已扑灭，留守两人；明早复查湖口化工园区隐患。');
    await page.click('[data-testid=handover-form] button[type=submit]');
    const notice = page.locator('[data-testid=handover-notice]');
    await notice.waitFor({ timeout: 5000 });
    expect(await notice.innerText()).toContain('明早复查湖口化工园区隐患');
    await wall.page.locator('[data-testid=handover-notice]').waitFor({ timeout: 5000 }); // every screen sees it
    expect(await wall.page.locator('[data-testid=handover-notice] button').count()).toBe(0); // the wall cannot confirm
    expect(await notice.locator('button').count()).toBe(0); // nor the one who wrote it: the next person confirms

    const admin = await openBrowser();
    try {
      await signInBrowser(admin.page, server.url, 'admin');
      await admin.page.goto(server.url);
      const theirs = admin.page.locator('[data-testid=handover-notice]');
      await theirs.locator('button').click();
      await notice.waitFor({ state: 'detached', timeout: 5000 }); // confirmed: gone from the writer's screen too
      await admin.page.click('[data-testid=open-audit]');
      const rows = admin.page.locator('[data-testid=audit-log] tbody tr');
      await expect.poll(() => rows.count(), { timeout: 5000 }).toBeGreaterThan(10);
      expect(await admin.page.locator('[data-testid=audit-log]').innerText()).toContain('dutyHandover.confirm');
      await screenshot(admin.page, 'audit-log');
    } finally {
      await admin.close();
    }
    expect(await officer.page.locator('[data-testid=open-audit]').count()).toBe(0); // officers do not see it
  });

  it('puts an imported CAP warning on the map and in the feed of every screen, and takes it off when cancelled', async () => {
    const cookie = await sessionCookie(server.url, 'officer');
    const cap = (identifier: string, msgType: string, references = '') => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>${identifier}</identifier><sender>jxqx@weather.jx.cn</sender>
<sent>2026-11-23T08:00:00+08:00</sent><status>Actual</status><msgType>${msgType}</msgType><scope>Public</scope>${references}
<info><language>zh-CN</language><category>Met</category><event>森林火险气象等级预警</event><urgency>Expected</urgency>
<severity>Severe</severity><certainty>Likely</certainty><headline>修水县、武宁县森林火险橙色预警</headline>
<area><areaDesc>修水县、武宁县</areaDesc><polygon>28.9,114.2 29.5,114.2 29.5,115.4 28.9,115.4 28.9,114.2</polygon></area></info></alert>`;
    const post = (xml: string) => fetch(`${server.url}/api/import/cap`, { method: 'POST', headers: { 'content-type': 'application/xml', cookie }, body: xml });
    expect((await post(cap('E2E-1', 'Alert'))).status).toBe(200);
    for (const screen of [officer.page, wall.page]) {
      await screen.locator('[data-testid=warning-list] li', { hasText: '森林火险气象等级预警' }).waitFor({ timeout: 5000 });
      await waitForMapIdle(screen);
      expect(await screen.evaluate(() => window.onemapMap!.querySourceFeatures('warnings').length)).toBeGreaterThan(0);
    }
    await screenshot(wall.page, 'wall-warning');
    expect((await post(cap('E2E-2', 'Cancel', '<references>jxqx@weather.jx.cn,E2E-1,2026-11-23T08:00:00+08:00</references>'))).status).toBe(200);
    // the demo city's own fire danger forecast stays; the cancelled warning goes
    await wall.page.locator('[data-testid=warning-list] li', { hasText: '森林火险气象等级预警' }).waitFor({ state: 'detached', timeout: 5000 });
  });
});
