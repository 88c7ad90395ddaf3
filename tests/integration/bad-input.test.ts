import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import type { Ack } from '../../shared/errors.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { socketAs } from '../support/accounts.ts';
import { checksumOfSnapshot } from '../support/checksum.ts';
import { databaseKinds } from '../support/databases.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const OK_REPORT = { lon: 115.97, lat: 29.55, source: 'public_report', description: '有烟' };
const OK_POINT = { name: '测试化工厂', category: 'hazardous_chemicals', level: 'red', lon: 116.24, lat: 29.72 };

/** Each: method, path, body (a string is sent raw), content type; every one must be refused with a 4xx. */
const BAD_REQUESTS: [string, string, unknown, string?][] = [
  ['POST', '/api/fire-alerts', '{"lon":115.97,', 'application/json'],
  ['POST', '/api/fire-alerts', 'lon=115&lat=29', 'application/x-www-form-urlencoded'],
  ['POST', '/api/fire-alerts', 'plain words', 'text/plain'],
  ['POST', '/api/fire-alerts', {}],
  ['POST', '/api/fire-alerts', []],
  ['POST', '/api/fire-alerts', 'null', 'application/json'],
  ['POST', '/api/fire-alerts', '42', 'application/json'],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, lon: 'east' }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, lon: 200 }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, lat: -91 }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, lat: null }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, source: 'rumour' }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, source: undefined }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, description: 'x'.repeat(2001) }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, description: 7 }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, confidence: 101 }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, frpMw: -1 }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, detectedAt: 'yesterday' }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, status: 'closed' }],
  ['POST', '/api/fire-alerts', { ...OK_REPORT, lon: 121.47, lat: 31.23 }], // Shanghai: outside Jiujiang
  ['POST', '/api/fire-alerts', `{"lon":115.97,"lat":29.55,"source":"patrol","description":"${'长'.repeat(600_000)}"}`, 'application/json'],
  ['PATCH', '/api/fire-alerts/ALERT', { status: 'closed' }],
  ['PATCH', '/api/fire-alerts/ALERT', { status: 'burning' }],
  ['PATCH', '/api/fire-alerts/ALERT', {}],
  ['PATCH', '/api/fire-alerts/ALERT', { status: 'acknowledged', note: { text: 1 } }],
  ['PATCH', '/api/fire-alerts/ALERT', { status: 'acknowledged', extra: 1 }],
  ['PATCH', '/api/fire-alerts/no-such-alert', { status: 'acknowledged' }],
  ['PATCH', '/api/fire-alerts/bad%20id', { status: 'acknowledged' }],
  ['POST', '/api/risk-points', { ...OK_POINT, category: 'volcano' }],
  ['POST', '/api/risk-points', { ...OK_POINT, level: 'purple' }],
  ['POST', '/api/risk-points', { ...OK_POINT, name: '' }],
  ['POST', '/api/risk-points', { ...OK_POINT, name: '   ' }],
  // hazard counts are counted from hazard records, never written: no input takes them, not even a plausible one
  ['POST', '/api/risk-points', { ...OK_POINT, openHazards: -3 }],
  ['POST', '/api/risk-points', { ...OK_POINT, openHazards: 3 }],
  ['POST', '/api/risk-points', { ...OK_POINT, overdueHazards: 0 }],
  ['POST', '/api/risk-points', { ...OK_POINT, responsiblePhone: 'call me' }],
  ['POST', '/api/risk-points', { ...OK_POINT, district: '110101' }],
  ['POST', '/api/risk-points', { ...OK_POINT, lon: 0, lat: 0 }],
  ['PATCH', '/api/risk-points/POINT', {}],
  ['PATCH', '/api/risk-points/POINT', { openHazards: 3 }],
  ['PATCH', '/api/risk-points/POINT', { overdueHazards: 1 }],
  ['PATCH', '/api/risk-points/POINT', { level: 'scarlet' }],
  ['PATCH', '/api/risk-points/POINT', { lon: 121.47, lat: 31.23 }],
  ['PATCH', '/api/risk-points/nope', { level: 'red' }],
  ['PATCH', '/api/duty/shifts/SHIFT', { status: 'asleep' }],
  ['PATCH', '/api/duty/shifts/SHIFT', { person: '' }],
  ['PATCH', '/api/duty/shifts/SHIFT', { phone: 'none' }],
  ['PATCH', '/api/duty/shifts/nope', { status: 'away' }],
  ['GET', '/api/risk-points?level=crimson', undefined],
  ['GET', '/api/risk-points?bbox=1,2,3', undefined],
  ['GET', '/api/risk-points?district=999999', undefined],
  ['GET', '/api/fire-alerts?limit=0', undefined],
  ['GET', '/api/duty/roster?date=23/11/2026', undefined],
  ['DELETE', '/api/no-such-endpoint', undefined],
];

/** Each: command, payload; every one must be answered with ok:false. */
const BAD_COMMANDS: [string, unknown][] = [
  ['fireAlert:report', undefined],
  ['fireAlert:report', 'fire!'],
  ['fireAlert:report', { ...OK_REPORT, lon: 'x' }],
  ['fireAlert:report', { ...OK_REPORT, source: 'ufo' }],
  ['fireAlert:report', { ...OK_REPORT, lon: 121.47, lat: 31.23 }],
  ['fireAlert:transition', { id: 'ALERT', status: 'closed' }],
  ['fireAlert:transition', { id: 'ALERT' }],
  ['fireAlert:transition', { status: 'acknowledged' }],
  ['fireAlert:transition', { id: 'missing', status: 'acknowledged' }],
  ['riskPoint:create', { ...OK_POINT, level: 5 }],
  ['riskPoint:create', [OK_POINT]],
  ['riskPoint:update', { id: 'POINT', patch: { level: 'black' } }],
  ['riskPoint:update', { id: 'POINT' }],
  ['riskPoint:update', { patch: { level: 'red' } }],
  ['dutyShift:update', { id: 'SHIFT', patch: { status: 'gone' } }],
  ['dutyShift:update', null],
  ['resume', { lastSeq: -1 }],
  ['resume', { lastSeq: 'latest' }],
  ['resume', {}],
  ['subscribe', { districts: ['000000'] }],
  ['subscribe', { districts: 'all' }],
];

describe.each(databaseKinds())('bad input on %s', (kind) => {
  let server: TestServer;
  let ids: Record<'ALERT' | 'POINT' | 'SHIFT', string>;
  const withIds = (text: string) => text.replace(/ALERT|POINT|SHIFT/, (k) => ids[k as keyof typeof ids]);

  beforeAll(async () => {
    server = await startTestServer(kind, { DEMO_FEED: '1', DEMO_RISK_POINTS: '20', DEMO_FEED_INTERVAL_MS: '3600000' });
    const alert = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', OK_REPORT);
    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    ids = { ALERT: alert.body.id, POINT: snapshot.riskPoints[0]!.id, SHIFT: snapshot.duty.shifts[0]!.id };
  });
  afterAll(() => server.close());

  it(`refuses ${BAD_REQUESTS.length} malformed requests with a 4xx naming the problem, and changes nothing`, async () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(50);
    const before = checksumOfSnapshot((await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body);
    for (const [method, path, body, type] of BAD_REQUESTS) {
      const res = await fetch(server.url + withIds(path), {
        method,
        headers: body === undefined ? {} : { 'content-type': type ?? 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const payload = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
      const label = `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`;
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      expect(payload.error?.code, label).toMatch(/^[a-z_]+$/);
      expect(payload.error?.message, label).toBeTruthy();
    }
    const after = checksumOfSnapshot((await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body);
    expect(after).toBe(before);
    expect((await api(server.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('names the field and reason of a validation failure', async () => {
    const res = await api<{ error: { code: string; details: { field: string; reason: string }[] } }>(server.url, 'POST', '/api/fire-alerts', {
      ...OK_REPORT,
      lon: 'east',
      source: 'rumour',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d) => d.field).sort()).toEqual(['lon', 'source']);
  });

  it('lists the allowed next statuses when a transition is illegal', async () => {
    const res = await api<{ error: { code: string; details: string[] } }>(server.url, 'PATCH', `/api/fire-alerts/${ids.ALERT}`, {
      status: 'closed',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'illegal_transition', details: ['acknowledged'] });
  });

  it(`answers ${BAD_COMMANDS.length} malformed socket commands with an error ack, and keeps serving`, async () => {
    const socket = await socketAs(server.url);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const before = checksumOfSnapshot((await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body);
    for (const [command, payload] of BAD_COMMANDS) {
      const sent = typeof payload === 'object' && payload !== null ? JSON.parse(withIds(JSON.stringify(payload))) : payload;
      const ack = (await socket.timeout(5000).emitWithAck(command, sent)) as Ack<unknown>;
      expect(ack.ok, `${command} ${JSON.stringify(payload)}`).toBe(false);
      if (!ack.ok) expect(ack.error.message).toBeTruthy();
    }
    socket.emit('fireAlert:report', OK_REPORT); // no ack callback: ignored, not a crash
    socket.emit('no:such:command', { x: 1 });
    const after = checksumOfSnapshot((await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body);
    expect(after).toBe(before);
    const good = (await socket.timeout(5000).emitWithAck('fireAlert:report', OK_REPORT)) as Ack<FireAlert>;
    expect(good.ok).toBe(true);
    socket.close();
  });

  it('refuses a handshake with a malformed district list', async () => {
    const socket = await socketAs(server.url, { auth: { districts: ['nowhere'] }, reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toMatch(/invalid handshake/);
    socket.close();
  });
});
