import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { Incident } from '../../shared/incidents.ts';
import { screenConfigSchema } from '../../shared/basemap.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const LUSHAN = { lon: 115.97, lat: 29.55 };
const MIN = 60_000;

/**
 * SCREEN_KEEP_FINISHED_MIN is one value: the snapshot, the lists and the screens (through the screen config)
 * keep finished records exactly that long after their last change, active ones until they finish.
 */
describe('how long finished records stay in the picture', () => {
  let server: TestServer;
  let now = Date.parse('2026-12-01T08:00:00.000Z');
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SCREEN_KEEP_FINISHED_MIN: '90' }, () => new Date(now));
  });
  afterAll(() => server.close());

  const closedAlert = async (description: string) => {
    const alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description })).body;
    for (const status of ['acknowledged', 'verifying', 'false_alarm', 'closed'])
      expect((await api(server.url, 'PATCH', `/api/fire-alerts/${alert.id}`, { status, note: '' })).status).toBe(200);
    return alert.id;
  };
  const finalIncident = async (title: string) => {
    const occurredAt = new Date(now).toISOString();
    const incident = (await api<Incident>(server.url, 'POST', '/api/incidents', { title, type: 'forest_grassland_fire', ...LUSHAN, occurredAt })).body;
    const elements = {
      occurredAt,
      place: '九江市庐山市',
      type: 'forest_grassland_fire',
      casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
      situation: '山火',
      cause: '雷击引燃',
      measures: '已扑灭',
      nextSteps: '看守火场',
    };
    // each report counts once the leader signs it off: the final one closes the incident
    for (const [n, kind] of [
      [1, 'initial'],
      [2, 'final'],
    ] as const) {
      expect((await api(server.url, 'POST', `/api/incidents/${incident.id}/reports`, { kind, elements })).status).toBe(201);
      expect((await api(server.url, 'POST', `/api/incidents/${incident.id}/reports/${n}/sign`, undefined, { as: 'leader' })).status).toBe(200);
    }
    return incident.id;
  };

  it('tells the screens the configured window', async () => {
    const config = screenConfigSchema.parse((await api(server.url, 'GET', '/api/screen-config')).body);
    expect(config.keepFinishedMinutes).toBe(90);
  });

  it('drops from the snapshot and the lists what finished longer ago than the window, and keeps the rest', async () => {
    const oldAlert = await closedAlert('早已结束的误报');
    const oldIncident = await finalIncident('早已终报的事件');
    now += 60 * MIN;
    const recentAlert = await closedAlert('刚结束的误报');
    const recentIncident = await finalIncident('刚终报的事件');
    const active = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'watchtower', description: '仍在处置' })).body.id;
    now += 45 * MIN; // the old ones finished 105 minutes ago, the recent ones 45

    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    const alerts = snapshot.fireAlerts.map((a) => a.id);
    expect(alerts).toEqual(expect.arrayContaining([recentAlert, active]));
    expect(alerts).not.toContain(oldAlert);
    const incidents = snapshot.incidents.map((i) => i.id);
    expect(incidents).toContain(recentIncident);
    expect(incidents).not.toContain(oldIncident);
    const listed = (await api<{ items: Incident[] }>(server.url, 'GET', '/api/incidents')).body.items.map((i) => i.id);
    expect(listed).toContain(recentIncident);
    expect(listed).not.toContain(oldIncident);

    // an active alert stays however long ago it was reported
    now += 20 * 60 * MIN; // (within the session's 24 hours)
    expect((await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body.fireAlerts.map((a) => a.id)).toEqual([active]);
  });
});
