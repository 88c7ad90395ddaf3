import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { FirmsImportReport } from '../../shared/firms.ts';
import { sessionCookie } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/firms');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('importing NASA FIRMS hotspots', () => {
  let server: TestServer;
  const upload = async (csv: string, as: 'officer' | 'observer' = 'officer', type = 'text/csv') => {
    const res = await fetch(`${server.url}/api/import/firms`, {
      method: 'POST',
      headers: { 'content-type': type, cookie: await sessionCookie(server.url, as) },
      body: csv,
    });
    return { status: res.status, body: (await res.json()) as FirmsImportReport & { error?: { code: string; details: unknown } } };
  };
  beforeAll(async () => {
    server = await startTestServer('sqlite', { HOTSPOT_MERGE_KM: '1', HOTSPOT_MERGE_WINDOW_MIN: '720' });
  });
  afterAll(() => server.close());

  it('imports VIIRS rows: adjacent pixels of one fire merge, outside rows are counted, bad rows are named by line', async () => {
    const { status, body } = await upload(fixture('viirs-snpp-noaa20.csv'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 8, imported: 2, merged: 1, outsideRegion: 1 });
    expect(body.rejected.map((r) => r.line)).toEqual([6, 7, 8, 9]);
    expect(body.rejected[0]!.reason).toMatch(/latitude/);
    expect(body.rejected[1]!.reason).toMatch(/acq_date/);
    expect(body.rejected[2]!.reason).toMatch(/acq_time/);
    expect(body.rejected[3]!.reason).toMatch(/confidence/);
    expect(body.alerts).toHaveLength(2);
    const wuning = (await api<FireAlert>(server.url, 'GET', `/api/fire-alerts/${body.alerts[0]}`)).body;
    expect(wuning).toMatchObject({
      source: 'satellite',
      district: '360423',
      detectedAt: '2026-11-22T05:28:00.000Z',
      confidence: 95,
      footprint: { scanKm: 0.39, trackKm: 0.36 },
    });
    expect(wuning.detections).toHaveLength(2);
    const xiushui = (await api<FireAlert>(server.url, 'GET', `/api/fire-alerts/${body.alerts[1]}`)).body;
    expect(xiushui).toMatchObject({ district: '360424', confidence: 30, detectedAt: '2026-11-22T06:15:00.000Z' });
  });

  it('imports MODIS rows without an instrument column, with short times, joining the fire another satellite saw', async () => {
    const { body } = await upload(fixture('modis-aqua-terra.csv'));
    expect(body).toMatchObject({ rows: 3, imported: 1, merged: 1, outsideRegion: 0 });
    expect(body.rejected).toEqual([{ line: 4, reason: expect.stringMatching(/confidence "155"/) }]);
    const lushan = (await api<FireAlert>(server.url, 'GET', `/api/fire-alerts/${body.alerts[1]}`)).body;
    expect(lushan).toMatchObject({ district: '360483', detectedAt: '2026-11-22T01:30:00.000Z', confidence: 55 });
    expect(lushan.description).toContain('MODIS');
    const wuning = (await api<FireAlert>(server.url, 'GET', `/api/fire-alerts/${body.alerts[0]}`)).body;
    expect(wuning.detections.map((d) => d.at)).toContain('2026-11-22T00:05:00.000Z'); // Terra joined the VIIRS fire
  });

  it('takes the same file twice without doubling anything', async () => {
    const before = (await api<{ items: FireAlert[] }>(server.url, 'GET', '/api/fire-alerts')).body.items;
    const again = await upload(fixture('viirs-snpp-noaa20.csv'));
    expect(again.body).toMatchObject({ imported: 0, merged: 3 });
    const after = (await api<{ items: FireAlert[] }>(server.url, 'GET', '/api/fire-alerts')).body.items;
    expect(after.map((a) => [a.id, a.detections.length])).toEqual(before.map((a) => [a.id, a.detections.length]));
  });

  it('refuses what is not a FIRMS file, a wrong media type, and observers', async () => {
    const notFirms = await upload('name,value\nx,1\n');
    expect(notFirms.status).toBe(400);
    expect(notFirms.body.error!.details).toEqual(expect.arrayContaining([{ field: 'latitude', reason: 'missing column' }]));
    expect((await upload(fixture('viirs-snpp-noaa20.csv'), 'officer', 'application/octet-stream')).status).toBe(415);
    expect((await upload(fixture('viirs-snpp-noaa20.csv'), 'observer')).status).toBe(403);
    const anonymous = await fetch(`${server.url}/api/import/firms`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'x' });
    expect(anonymous.status).toBe(401);
  });
});
