import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { FirmsImportReport } from '../../shared/firms.ts';
import type { FirmsPollerStatus } from '../../server/fire-alerts/firms-poller.ts';
import { nextPollDelay } from '../../server/fire-alerts/firms-poller.ts';
import { sessionCookie } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VIIRS = fs.readFileSync(path.join(ROOT, 'tests/fixtures/firms/viirs-snpp-noaa20.csv'), 'utf8');
const HEADER = VIIRS.split('\n')[0];
const until = async (what: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the live FIRMS poller', () => {
  /** Stands in for firms.modaps.eosdis.nasa.gov: answers the Area API path with FIRMS CSV, after some failures. */
  let nasa: http.Server;
  let nasaUrl: string;
  const requests: { path: string; at: number }[] = [];
  let failuresLeft = 2;
  let server: TestServer;

  beforeAll(async () => {
    nasa = http.createServer((req, res) => {
      requests.push({ path: req.url!, at: Date.now() });
      if (failuresLeft-- > 0) return void res.writeHead(503).end('Service Unavailable');
      res.writeHead(200, { 'content-type': 'text/csv' }).end(VIIRS);
    });
    await new Promise<void>((r) => nasa.listen(0, '127.0.0.1', r));
    nasaUrl = `http://127.0.0.1:${(nasa.address() as AddressInfo).port}`;
    // polls every 0.15 s: the first try at once, failures back off 0.3 s, then 0.6 s
    server = await startTestServer('sqlite', {
      FIRMS_MAP_KEY: 'abc123key',
      FIRMS_API_URL: nasaUrl,
      FIRMS_POLL_MIN: '0.0025',
      FIRMS_SOURCE: 'VIIRS_NOAA20_NRT',
      FIRMS_DAY_RANGE: '2',
    });
  });
  afterAll(async () => {
    await server.close();
    nasa.close();
  });

  it('asks the Area API for the configured source, box and days, backs off on failures, then imports', async () => {
    await until(async () => (await api<FirmsPollerStatus>(server.url, 'GET', '/api/import/firms/poller')).body.lastSuccessAt !== null);
    const status = (await api<FirmsPollerStatus>(server.url, 'GET', '/api/import/firms/poller')).body;
    expect(status).toMatchObject({ enabled: true, source: 'VIIRS_NOAA20_NRT', consecutiveFailures: 0, lastError: null });
    expect(status.lastReport).toMatchObject({ rows: 8, imported: 2, merged: 1, outsideRegion: 1 });
    expect(requests[0]!.path).toBe('/api/area/csv/abc123key/VIIRS_NOAA20_NRT/113.9,28.6,117.0,30.1/2');
    // after the first failure the wait doubled, after the second it doubled again
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(280);
    expect(requests[2]!.at - requests[1]!.at).toBeGreaterThanOrEqual(580);
    const alerts = (await api<{ items: FireAlert[] }>(server.url, 'GET', '/api/fire-alerts')).body.items;
    expect(alerts.filter((a) => a.source === 'satellite')).toHaveLength(2);
  });

  it('polls again without adding what it already has', async () => {
    const seen = requests.length;
    await until(async () => requests.length >= seen + 2);
    const alerts = (await api<{ items: FireAlert[] }>(server.url, 'GET', '/api/fire-alerts')).body.items;
    expect(alerts.filter((a) => a.source === 'satellite')).toHaveLength(2);
    const status = (await api<FirmsPollerStatus>(server.url, 'GET', '/api/import/firms/poller')).body;
    expect(status.lastReport).toMatchObject({ imported: 0, merged: 3 });
  });

  it('backs off up to an hour, never longer', () => {
    expect(nextPollDelay(15 * 60_000, 0)).toBe(15 * 60_000);
    expect(nextPollDelay(15 * 60_000, 2)).toBe(60 * 60_000);
    expect(nextPollDelay(15 * 60_000, 30)).toBe(60 * 60_000);
    expect(nextPollDelay(2 * 3600_000, 3)).toBe(2 * 3600_000);
  });
});

describe('known industrial heat sources', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      HEAT_SOURCE_MASK: path.join(ROOT, 'server/fire-alerts/demo-heat-sources.geojson'),
      FIRE_ALERT_ESCALATE_AFTER_S: '10',
    });
  });
  afterAll(() => server.close());

  it('flags a hotspot on the refinery instead of alarming, and counts it in the report', async () => {
    const csv = `${HEADER}\n29.72310,116.05790,367.2,0.41,0.45,2026-11-22,1805,N,VIIRS,h,2.0NRT,295.1,22.3,N\n29.26012,115.10034,339.51,0.39,0.36,2026-11-22,528,N,VIIRS,n,2.0NRT,290.12,8.42,D\n`;
    const cookie = await sessionCookie(server.url, 'officer');
    const res = await fetch(`${server.url}/api/import/firms`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie }, body: csv });
    const report = (await res.json()) as FirmsImportReport;
    expect(report).toMatchObject({ rows: 2, imported: 2, industrial: 1 });
    const [refinery, forest] = await Promise.all(report.alerts.map(async (id) => (await api<FireAlert>(server.url, 'GET', `/api/fire-alerts/${id}`)).body));
    expect(refinery!.heatSource).toBe('九江石化（演示）');
    expect(forest!.heatSource).toBeNull();
  });
});
