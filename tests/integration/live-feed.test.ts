import type { DistrictCode } from '../../shared/districts.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { RISK_LEVELS } from '../../shared/risk-points.ts';
import { sessionCookie } from '../support/accounts.ts';
import { checksumOfSnapshot, checksumOfState } from '../support/checksum.ts';
import { databaseKinds } from '../support/databases.ts';
import { openScreen, type TestScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const HUKOU = { lon: 116.24, lat: 29.72 }; // inside 湖口县
const LUSHAN = { lon: 115.97, lat: 29.55 }; // inside 庐山市

describe.each(databaseKinds())('live feed on %s', (kind) => {
  let server: TestServer;
  const screens: TestScreen[] = [];
  let cookie: string;
  const screen = (districts?: DistrictCode[]) => {
    const s = openScreen(server.url, { districts, cookie });
    screens.push(s);
    return s;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { DEMO_FEED: '1', DEMO_RISK_POINTS: '200', DEMO_FEED_INTERVAL_MS: '3600000' });
    cookie = await sessionCookie(server.url, 'observer');
  });
  afterAll(async () => {
    screens.forEach((s) => s.close());
    await server.close();
  });

  it('gives a new screen the snapshot: demo risk points, roster and seq', async () => {
    const s = screen();
    const state = await s.waitFor((st) => st.live !== null, 10_000, 'snapshot');
    expect(state.live!.riskPoints.size).toBe(200);
    expect(state.live!.dutyShifts.size).toBeGreaterThan(0);
    const rest = await api<Snapshot>(server.url, 'GET', '/api/snapshot');
    expect(rest.body.seq).toBe(state.live!.seq);
    const point = rest.body.riskPoints[0]!;
    expect(typeof point.lon).toBe('number');
    expect(point.district).toMatch(/^3604\d\d$/);
    expect(point.demo).toBe(true);
    const health = await api(server.url, 'GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', storage: kind, demo: true });
  });

  it('pushes a reported fire alert and its transitions to two screens in the same order', async () => {
    const a = screen();
    const b = screen();
    await Promise.all([a, b].map((s) => s.waitFor((st) => st.live !== null)));
    const created = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', {
      ...LUSHAN,
      source: 'public_report',
      description: '庐山南麓有烟',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const status of ['acknowledged', 'verifying', 'confirmed']) {
      const r = await api(server.url, 'PATCH', `/api/fire-alerts/${id}`, { status, note: status });
      expect(r.status).toBe(200);
    }
    const seen = await Promise.all([a, b].map((s) => s.waitFor((st) => st.live?.fireAlerts.get(id)?.status === 'confirmed', 5000, 'confirmed alert')));
    for (const st of seen) {
      expect(st.live!.fireAlerts.get(id)!.history.map((h) => h.status)).toEqual(['new', 'acknowledged', 'verifying', 'confirmed']);
    }
    expect(checksumOfState(seen[0]!.live!)).toBe(checksumOfState(seen[1]!.live!));
  });

  it('resumes a screen that was away while 500 changes flowed, ending at the server state', async () => {
    const s = screen();
    await s.waitFor((st) => st.live !== null && s.socket.connected, 10_000, 'a connected screen');
    s.socket.io.engine.close(); // the link drops; the client reconnects by itself a moment later
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const r = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description: `巡护 ${i}` });
      ids.push(r.body.id);
    }
    const points = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body.riskPoints.slice(0, 100);
    for (const [i, p] of points.entries()) await api(server.url, 'PATCH', `/api/risk-points/${p.id}`, { level: RISK_LEVELS[i % RISK_LEVELS.length] });
    for (const id of ids) await api(server.url, 'PATCH', `/api/fire-alerts/${id}`, { status: 'acknowledged' });
    for (const id of ids) await api(server.url, 'PATCH', `/api/fire-alerts/${id}`, { status: 'verifying' });
    for (const id of ids.slice(0, 100)) await api(server.url, 'PATCH', `/api/fire-alerts/${id}`, { status: 'false_alarm' });
    const target = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    await s.waitFor((st) => st.live!.seq >= target.seq && st.resumingFrom === null, 10_000, 'resumed to the server seq');
    expect(checksumOfState(s.live())).toBe(checksumOfSnapshot(target));
    expect(s.statuses).toContain('reconnecting');
  });

  it('retries a link lost during its handshake', async () => {
    const s = screen();
    await s.waitFor((st) => st.live !== null); // the snapshot came over HTTP; the socket is still opening
    s.socket.io.engine.close();
    const reporting = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description: '握手时断线' });
    await s.waitFor((st) => st.live!.fireAlerts.has(reporting.body.id), 10_000, 'the alert written while the link was down');
    expect(s.socket.connected).toBe(true);
  });

  it('sends a district screen only its districts plus the roster, and it still detects nothing missing', async () => {
    const hukou = screen(['360429']);
    await hukou.waitFor((st) => st.live !== null);
    expect([...hukou.live().riskPoints.values()].every((p) => p.district === '360429')).toBe(true);
    await api(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'watchtower' });
    const inHukou = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...HUKOU, source: 'watchtower' });
    await hukou.waitFor((st) => st.live!.fireAlerts.has(inHukou.body.id), 5000, 'the Hukou alert');
    expect([...hukou.live().fireAlerts.values()].every((a) => a.district === '360429')).toBe(true);
    expect(hukou.state().resumingFrom).toBeNull();
  });
});
