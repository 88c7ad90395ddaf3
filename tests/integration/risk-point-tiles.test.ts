import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import { CLUSTER_TILE_LAYER, RED_TILE_LAYER } from '../../shared/risk-point-clusters.ts';
import type { RiskLevel, RiskPoint } from '../../shared/risk-points.ts';
import { sessionCookie } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

/** The four zoom-7 tiles the city lies in. */
const CITY_TILES = [
  [104, 52],
  [105, 52],
  [104, 53],
  [105, 53],
] as const;

interface Drawn {
  /** Points counted, by level, over clusters and single points. */
  byLevel: Record<RiskLevel, number>;
  singles: string[];
  clusters: { point_count: number; expansion_zoom: number }[];
  reds: string[];
}

/** The clusters as a screen's map gets them, decoded, for the city or some districts. */
describe('risk point clusters as vector tiles', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '3000', DEMO_FEED_INTERVAL_MS: '3600000' });
    cookie = await sessionCookie(server.url, 'officer');
  });
  afterAll(() => server.close());

  async function drawn(zoom: number, tiles: readonly (readonly [number, number])[], query = ''): Promise<Drawn> {
    const result: Drawn = { byLevel: { red: 0, orange: 0, yellow: 0, blue: 0 }, singles: [], clusters: [], reds: [] };
    for (const [x, y] of tiles) {
      const res = await fetch(`${server.url}/api/risk-points/tiles/${zoom}/${x}/${y}${query}`, { headers: { cookie } });
      expect(res.status === 200 || res.status === 204).toBe(true);
      expect(res.headers.get('cache-control')).toBe('no-store');
      if (res.status === 204) continue;
      expect(res.headers.get('content-type')).toContain('application/vnd.mapbox-vector-tile');
      const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
      for (const [name, layer] of Object.entries(tile.layers)) {
        expect([CLUSTER_TILE_LAYER, RED_TILE_LAYER]).toContain(name);
        for (let i = 0; i < layer.length; i++) {
          const props = layer.feature(i).properties as Record<string, string | number | boolean>;
          // a feature in the buffer of the neighbouring tile is counted by the tile it lies in
          const point = layer.feature(i).loadGeometry()[0]![0]!;
          if (point.x < 0 || point.y < 0 || point.x >= layer.extent || point.y >= layer.extent) continue;
          if (name === RED_TILE_LAYER) {
            expect(props).toMatchObject({ level: 'red' });
            expect(props.cluster).toBeUndefined();
            result.reds.push(String(props.id));
            result.byLevel.red++;
          } else if (props.cluster) {
            result.clusters.push({ point_count: Number(props.point_count), expansion_zoom: Number(props.expansion_zoom) });
            for (const level of ['orange', 'yellow', 'blue'] as const) result.byLevel[level] += Number(props[level]);
          } else {
            result.singles.push(String(props.id));
            result.byLevel[props.level as RiskLevel]++;
            expect(typeof props.category).toBe('string');
          }
        }
      }
    }
    return result;
  }

  const inSnapshot = async (query = '') => (await api<Snapshot>(server.url, 'GET', `/api/snapshot${query}`)).body.riskPoints;
  const countByLevel = (points: { level: RiskLevel }[]) => {
    const counts: Record<RiskLevel, number> = { red: 0, orange: 0, yellow: 0, blue: 0 };
    for (const p of points) counts[p.level]++;
    return counts;
  };

  it('clusters every point but the red ones, drawn each on its own; each cluster with its mix of levels and the zoom that opens it', async () => {
    const points = await inSnapshot();
    const expected = countByLevel(points);
    const city = await drawn(7, CITY_TILES);
    expect(city.byLevel).toEqual(expected);
    expect(city.reds.sort()).toEqual(
      points
        .filter((p) => p.level === 'red')
        .map((p) => p.id)
        .sort(),
    );
    expect(city.clusters.length).toBeGreaterThan(0);
    for (const cluster of city.clusters) expect(cluster.expansion_zoom).toBeGreaterThan(7);
    expect(city.clusters.reduce((n, c) => n + c.point_count, 0) + city.singles.length).toBe(expected.orange + expected.yellow + expected.blue);
  });

  it('follows the live picture: a point turning red leaves the clusters, one turning blue joins them', async () => {
    const before = await drawn(7, CITY_TILES);
    const points = await inSnapshot();
    const orange = points.find((p) => p.level === 'orange')!;
    const red = points.find((p) => p.level === 'red')!;
    await api(server.url, 'PATCH', `/api/risk-points/${orange.id}`, { level: 'red' });
    await api(server.url, 'PATCH', `/api/risk-points/${red.id}`, { level: 'blue' });
    const after = await drawn(7, CITY_TILES);
    expect(after.byLevel).toEqual({ ...before.byLevel, orange: before.byLevel.orange - 1, blue: before.byLevel.blue + 1 });
    expect(after.reds).toContain(orange.id);
    expect(after.reds).not.toContain(red.id);

    const created = (
      await api<RiskPoint>(server.url, 'POST', '/api/risk-points', { name: '聚合新点', category: 'mine', level: 'yellow', lon: 115.1, lat: 29.26 })
    ).body;
    expect((await drawn(7, CITY_TILES)).byLevel.yellow).toBe(after.byLevel.yellow + 1);
    // beyond the last clustered zoom it is drawn on its own, with its id
    const [x, y] = [Math.floor(((115.1 + 180) / 360) * 2 ** 13), Math.floor(((1 - Math.asinh(Math.tan((29.26 * Math.PI) / 180)) / Math.PI) / 2) * 2 ** 13)];
    expect((await drawn(13, [[x, y]])).singles).toContain(created.id);
  });

  it('narrows to districts as the snapshot does', async () => {
    const expected = countByLevel(await inSnapshot('?district=360402'));
    expect((await drawn(7, CITY_TILES, '?district=360402')).byLevel).toEqual(expected);
  });

  it('refuses an address outside the tile pyramid, and a request without a session', async () => {
    for (const path of [
      '/api/risk-points/tiles/7/128/52',
      '/api/risk-points/tiles/30/0/0',
      '/api/risk-points/tiles/7/x/52',
      '/api/risk-points/tiles/7/104/52?district=999999',
    ]) {
      const res = await fetch(server.url + path, { headers: { cookie } });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBeTruthy();
    }
    expect((await fetch(`${server.url}/api/risk-points/tiles/7/104/52`)).status).toBe(401);
  });
});
