import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { escalateOverdueAlerts, reportFireAlert } from '../../server/fire-alerts/service.ts';
import { sessionCookie } from '../support/accounts.ts';
import { openScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const MINUTE = 60_000;
const LUSHAN = { lon: 115.97, lat: 29.55 };
/** About 0.5 km and 3 km east of LUSHAN. */
const NEAR = { lon: 115.975, lat: 29.55 };
const FAR = { lon: 116.0, lat: 29.55 };

describe('escalation of untaken fire alerts, on a clock the test moves', () => {
  let server: TestServer;
  let now = Date.parse('2026-11-23T02:00:00.000Z');
  beforeAll(async () => {
    server = await startTestServer(
      'sqlite',
      { FIRE_ALERT_ESCALATE_AFTER_S: '300', DEMO_FEED: '1', DEMO_RISK_POINTS: '10', DEMO_FEED_INTERVAL_MS: '3600000' },
      () => new Date(now),
    );
  });
  afterAll(() => server.close());

  it('escalates an alert nobody took within the time, once, and every screen sees it', async () => {
    const screen = openScreen(server.url, { cookie: await sessionCookie(server.url, 'wall') });
    await screen.waitFor((s) => s.live !== null);
    const untaken = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'watchtower', description: '无人接警' })).body;
    const taken = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...NEAR, source: 'patrol', description: '已接警' })).body;
    await api(server.url, 'PATCH', `/api/fire-alerts/${taken.id}`, { status: 'acknowledged' });

    now += 5 * MINUTE - 1000;
    expect(await escalateOverdueAlerts(server.app.deps)).toEqual([]);

    now += 2000;
    const escalated = await escalateOverdueAlerts(server.app.deps);
    expect(escalated.map((a) => a.id)).toEqual([untaken.id]);
    expect(escalated[0]!.escalatedAt).toBe(new Date(now).toISOString());
    await screen.waitFor((s) => (s.live!.fireAlerts.get(untaken.id)?.escalatedAt ?? null) !== null, 5000, 'the escalation on the wall');
    await screen.waitFor((s) => s.live!.fireAlerts.get(taken.id)?.status === 'acknowledged', 5000, 'the taken alert on the wall');
    expect(screen.live().fireAlerts.get(taken.id)!.escalatedAt).toBeNull();

    now += 10 * MINUTE;
    expect(await escalateOverdueAlerts(server.app.deps)).toEqual([]); // once is enough

    const audit = (
      await api<{ items: { action: string; role: string; entityId: string; after: { notified: string[] } }[] }>(
        server.url,
        'GET',
        '/api/audit?limit=20',
        undefined,
        { as: 'admin' },
      )
    ).body.items;
    const entry = audit.find((e) => e.action === 'fireAlert.escalate')!;
    expect(entry).toMatchObject({ role: 'system', entityId: untaken.id });
    expect(entry.after.notified.length).toBeGreaterThan(0); // the demo roster has a leader on duty
    screen.close();
  });

  it('escalates every one of a flood of untaken alerts, read page by page', async () => {
    const reports = Array.from({ length: 1234 }, (_, i) => reportFireAlert(server.app.deps, { ...FAR, source: 'patrol', description: `洪泛 ${i}` }, SYSTEM));
    const flood = new Set((await Promise.all(reports)).map((r) => r.alert.id));
    now += 5 * MINUTE + 1000;
    const escalated = (await escalateOverdueAlerts(server.app.deps)).map((a) => a.id);
    expect(escalated.filter((id) => flood.has(id))).toHaveLength(flood.size);
    expect(new Set(escalated).size).toBe(escalated.length);
  });
});

const SYSTEM = { name: 'test', role: 'system' } as const;

describe('satellite hotspots of one fire merge into one alert', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { HOTSPOT_MERGE_KM: '1', HOTSPOT_MERGE_WINDOW_MIN: '60' });
  });
  afterAll(() => server.close());

  const hotspot = (at: { lon: number; lat: number }, detectedAt: string, confidence = 70) =>
    api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...at, source: 'satellite', detectedAt, confidence, footprint: { scanKm: 0.4, trackKm: 0.4 } });

  it('joins a close, recent hotspot to the alert and keeps every detection', async () => {
    const first = await hotspot(LUSHAN, '2026-11-23T05:00:00.000Z');
    expect(first.status).toBe(201);
    const second = await hotspot(NEAR, '2026-11-23T05:40:00.000Z', 90);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.detections.map((d) => d.at)).toEqual(['2026-11-23T05:00:00.000Z', '2026-11-23T05:40:00.000Z']);
    expect(second.body.confidence).toBe(90);
    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    expect(snapshot.fireAlerts.filter((a) => a.source === 'satellite')).toHaveLength(1);
  });

  it('keeps hotspots apart when too far, too late, or once the fire is out; and never merges people’s reports', async () => {
    const base = await hotspot(LUSHAN, '2026-11-23T08:00:00.000Z');
    expect((await hotspot(FAR, '2026-11-23T08:10:00.000Z')).body.id).not.toBe(base.body.id);
    expect((await hotspot(LUSHAN, '2026-11-23T09:30:00.000Z')).body.id).not.toBe(base.body.id); // 90 min after
    const patrol = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description: '护林员上报' });
    expect(patrol.status).toBe(201);

    const closing = await hotspot({ lon: 115.6, lat: 29.6 }, '2026-11-23T10:00:00.000Z');
    for (const status of ['acknowledged', 'verifying', 'false_alarm', 'closed'])
      expect((await api(server.url, 'PATCH', `/api/fire-alerts/${closing.body.id}`, { status })).status).toBe(200);
    const after = await hotspot({ lon: 115.6, lat: 29.6 }, '2026-11-23T10:05:00.000Z');
    expect(after.status).toBe(201);
    expect(after.body.id).not.toBe(closing.body.id);
  });
});
