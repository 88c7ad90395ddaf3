import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import { type RiskPoint, summarizeRiskPoint } from '../../shared/risk-points.ts';
import { sessionCookie } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

/** The snapshot serves risk points from a cache kept by the store's commits: it must say what the database says. */
describe('risk points in the snapshot', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '60', DEMO_FEED_INTERVAL_MS: '3600000' });
  });
  afterAll(() => server.close());

  const fromDatabase = async (query = '') =>
    (await api<GeoJSON.FeatureCollection<GeoJSON.Point, RiskPoint>>(server.url, 'GET', `/api/risk-points${query}`)).body.features.map((f) =>
      summarizeRiskPoint(f.properties),
    );
  const inSnapshot = async (query = '') => (await api<Snapshot>(server.url, 'GET', `/api/snapshot${query}`)).body.riskPoints;
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

  it('matches the database after every kind of write, for the city and for a district', async () => {
    const created = (
      await api<RiskPoint>(server.url, 'POST', '/api/risk-points', { name: '缓存测试点', category: 'gas', level: 'blue', lon: 115.1, lat: 29.26 })
    ).body;
    await api(server.url, 'PATCH', `/api/risk-points/${created.id}`, { level: 'red', lon: 115.98, lat: 29.7 });
    await api(server.url, 'POST', '/api/hazards', { riskPointId: created.id, title: '计数', grade: 'general', source: 'inspector' });
    await fetch(`${server.url}/api/import/ledger/risk-points`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: await sessionCookie(server.url, 'officer') },
      body: '编号,名称,类别,风险等级,经度,纬度\nC-1,缓存台账点,燃气,低,116.0,29.7\n',
    });
    expect(byId(await inSnapshot())).toEqual(byId(await fromDatabase()));
    expect(byId(await inSnapshot('?district=360402'))).toEqual(byId(await fromDatabase('?district=360402')));
    expect((await inSnapshot()).find((p) => p.id === created.id)).toMatchObject({ level: 'red', openHazards: 1 });
    expect((await inSnapshot()).map((p) => p.name)).toContain('缓存台账点');
  });
});
