import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import { sessionCookie } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

describe('exports for GIS tools and calendars', () => {
  let server: TestServer;
  const get = async (path: string) => fetch(`${server.url}${path}`, { headers: { cookie: await sessionCookie(server.url, 'observer') } });
  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '40', DEMO_FEED_INTERVAL_MS: '3600000' });
    await api(server.url, 'POST', '/api/fire-alerts', { lon: 115.1, lat: 29.26, source: 'patrol', description: '导出测试' });
  });
  afterAll(() => server.close());

  it('exports every layer as a GeoJSON FeatureCollection with WGS-84 coordinates', async () => {
    // the demo city's fire danger warnings name districts only: they are exported as those districts' outlines
    for (const [layer, least] of [
      ['risk-points', 40],
      ['fire-alerts', 1],
      ['incidents', 0],
      ['warnings', 2],
    ] as const) {
      const res = await get(`/api/export/${layer}.geojson`);
      expect(res.status, layer).toBe(200);
      expect(res.headers.get('content-type')).toContain('geo+json');
      const body = (await res.json()) as GeoJSON.FeatureCollection<GeoJSON.Point | GeoJSON.MultiPolygon>;
      expect(body.type).toBe('FeatureCollection');
      expect(body.features.length, layer).toBeGreaterThanOrEqual(least);
      for (const f of body.features.slice(0, 5)) expect(f.geometry.coordinates.flat(3)[0]).toBeGreaterThan(113);
    }
    expect((await get('/api/export/secrets.geojson')).status).toBe(400);
  });

  it('gives the roster as iCalendar, for the bureau and for one person', async () => {
    const all = await (await get('/api/export/roster.ics')).text();
    expect(all.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const events = all.split('BEGIN:VEVENT').length - 1;
    expect(events).toBeGreaterThan(5);
    const person = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body.duty.shifts[0]!.person;
    const mine = await (await get(`/api/export/roster.ics?person=${encodeURIComponent(person)}`)).text();
    const mineEvents = mine.split('BEGIN:VEVENT').length - 1;
    expect(mineEvents).toBeGreaterThanOrEqual(1);
    expect(mineEvents).toBeLessThan(events);
    expect(mine).toContain(person);
  });

  it('gives a calendar app a roster subscription of its own, without a session, until it is revoked', async () => {
    const person = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body.duty.shifts[0]!.person;
    const created = await api<{ id: string; token: string; path: string; person: string }>(server.url, 'POST', '/api/calendar-feeds', { person });
    expect(created.status).toBe(201);
    expect(created.body.path).toBe(`/api/calendar/${created.body.token}.ics`);

    const subscribed = await fetch(`${server.url}${created.body.path}`); // no cookie, as Outlook or a phone asks
    expect(subscribed.status).toBe(200);
    expect(subscribed.headers.get('content-type')).toContain('text/calendar');
    const ics = await subscribed.text();
    expect(ics).toContain(person);
    expect(ics.split('BEGIN:VEVENT').length - 1).toBeGreaterThanOrEqual(1);

    const listed = (await api<{ items: object[] }>(server.url, 'GET', '/api/calendar-feeds')).body.items;
    expect(listed).toContainEqual(expect.objectContaining({ id: created.body.id, person, revokedAt: null }));
    expect(JSON.stringify(listed)).not.toContain(created.body.token); // only its hash is kept

    expect((await fetch(`${server.url}/api/calendar/not-a-token.ics`)).status).toBe(404);
    expect((await api(server.url, 'POST', '/api/calendar-feeds', { person }, { as: 'observer' })).status).toBe(403);
    // another officer neither sees nor revokes it; its maker (or an administrator) does
    expect(
      (await api<{ items: { id: string }[] }>(server.url, 'GET', '/api/calendar-feeds', undefined, { as: 'leader' })).body.items.map((f) => f.id),
    ).not.toContain(created.body.id);
    expect((await api(server.url, 'POST', `/api/calendar-feeds/${created.body.id}/revoke`, undefined, { as: 'leader' })).status).toBe(403);
    expect(
      (await api<{ items: { id: string }[] }>(server.url, 'GET', '/api/calendar-feeds', undefined, { as: 'admin' })).body.items.map((f) => f.id),
    ).toContain(created.body.id);
    expect((await fetch(`${server.url}${created.body.path}`)).status).toBe(200);
    expect((await api(server.url, 'POST', `/api/calendar-feeds/${created.body.id}/revoke`)).status).toBe(204);
    expect((await fetch(`${server.url}${created.body.path}`)).status).toBe(404);
  });

  it('ends a subscription CALENDAR_FEED_DAYS after it was made', async () => {
    const created = await api<{ id: string; path: string; createdAt: string; expiresAt: string }>(server.url, 'POST', '/api/calendar-feeds', { person: null });
    expect(Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)).toBe(180 * 86_400_000);
    expect((await fetch(`${server.url}${created.body.path}`)).status).toBe(200);
    const longAgo = new Date(Date.now() - 181 * 86_400_000).toISOString();
    await server.app.deps.store.db.updateTable('calendarFeeds').set({ createdAt: longAgo }).where('id', '=', created.body.id).execute();
    expect((await fetch(`${server.url}${created.body.path}`)).status).toBe(404);
  });
});
