import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { Incident, ReportingState } from '../../shared/incidents.ts';
import { sessionCookie } from '../support/accounts.ts';
import { openScreen, type TestScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const MINUTE = 60_000;
const WUNING = { lon: 115.1, lat: 29.26 };
type Reported = Incident & { reporting: ReportingState };

describe('information reports on an incident, against their deadlines', () => {
  let server: TestServer;
  let wall: TestScreen;
  let now = Date.parse('2026-11-23T06:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  beforeAll(async () => {
    server = await startTestServer('sqlite', { INCIDENT_INITIAL_REPORT_MIN: '30', INCIDENT_FOLLOW_UP_MIN: '120' }, () => new Date(now));
    wall = openScreen(server.url, { cookie: await sessionCookie(server.url, 'wall') });
    await wall.waitFor((s) => s.live !== null);
  });
  afterAll(async () => {
    wall.close();
    await server.close();
  });

  it('shows the initial report due 30 min after the incident, then follow-ups, flags lateness, and closes on the final', async () => {
    const alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...WUNING, source: 'watchtower', description: '武宁县山火' })).body;
    const opened = await api<Reported>(server.url, 'POST', '/api/incidents', {
      title: '武宁县罗坪镇森林火灾',
      type: 'forest_fire',
      ...WUNING,
      occurredAt: iso(now - 10 * MINUTE),
      fireAlertId: alert.id,
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    expect(opened.body).toMatchObject({
      district: '360423',
      fireAlertId: alert.id,
      reporting: { due: 'initial', deadline: iso(now + 20 * MINUTE), overdue: false },
    });
    await wall.waitFor((s) => s.live!.incidents.has(id), 5000, 'the incident on the wall');

    expect((await api(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'follow_up', text: '续报' })).status).toBe(409); // initial first

    now += 25 * MINUTE; // 35 min after the incident
    expect((await api<Reported>(server.url, 'GET', `/api/incidents/${id}`)).body.reporting).toMatchObject({ due: 'initial', overdue: true });
    const initial = await api<Reported>(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'initial', text: '首报：过火面积约5亩，已组织扑救' });
    expect(initial.body.reports).toEqual([{ kind: 'initial', at: iso(now), author: 'test-officer', text: '首报：过火面积约5亩，已组织扑救' }]);
    expect(initial.body.reporting).toEqual({ due: 'follow_up', deadline: iso(now + 120 * MINUTE), overdue: false });
    expect((await api(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'initial', text: '再报' })).status).toBe(409);

    now += 60 * MINUTE;
    await api(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'follow_up', text: '续报：明火已扑灭' }, { as: 'leader' });
    now += 30 * MINUTE;
    const final = await api<Reported>(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'final', text: '终报：无人员伤亡' });
    expect(final.body.reports.map((r) => r.kind)).toEqual(['initial', 'follow_up', 'final']);
    expect(final.body.reporting).toEqual({ due: null, deadline: null, overdue: false });
    expect((await api(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'follow_up', text: '晚了' })).status).toBe(409);
    await wall.waitFor((s) => s.live!.incidents.get(id)?.reports.length === 3, 5000, 'the final report on the wall');
  });

  it('refuses an incident outside the region, a bad kind, and observers', async () => {
    expect((await api(server.url, 'POST', '/api/incidents', { title: '外地', type: 'flood', lon: 120, lat: 31 })).status).toBe(422);
    expect((await api(server.url, 'POST', '/api/incidents', { title: 'x', type: 'alien', ...WUNING })).status).toBe(400);
    expect((await api(server.url, 'POST', '/api/incidents', { title: '观察员', type: 'flood', ...WUNING }, { as: 'observer' })).status).toBe(403);
  });
});
