import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../../shared/auth.ts';
import type { Snapshot } from '../../shared/changes.ts';
import type { Ack } from '../../shared/errors.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { sessionCookie, signInCookie, socketAs, TEST_PASSWORD, type TestIdentity } from '../support/accounts.ts';
import { checksumOfSnapshot } from '../support/checksum.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const LUSHAN = { lon: 115.97, lat: 29.55 };
const IDENTITIES: TestIdentity[] = [null, 'observer', 'wall', 'officer', 'leader', 'admin'];

interface Endpoint {
  method: string;
  /** Read at each call: the alert to transition is replaced once it has moved on. */
  path: () => string;
  needs: Permission;
  body?: unknown;
}

describe('who may do what', () => {
  let server: TestServer;
  let ids: { point: string; alert: string; shift: string };
  const auditCount = async () => (await api<{ items: unknown[] }>(server.url, 'GET', '/api/audit?limit=10000', undefined, { as: 'admin' })).body.items.length;
  const picture = async () => checksumOfSnapshot((await api<Snapshot>(server.url, 'GET', '/api/snapshot', undefined, { as: 'admin' })).body);

  beforeAll(async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '50', DEMO_FEED_INTERVAL_MS: '3600000' });
    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    const alert = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description: '权限测试' });
    ids = { point: snapshot.riskPoints[0]!.id, alert: alert.body.id, shift: snapshot.duty.shifts[0]!.id };
  });
  afterAll(() => server.close());

  const endpoints = (): Endpoint[] => [
    { method: 'GET', path: () => '/api/snapshot', needs: 'read' },
    { method: 'GET', path: () => '/api/risk-points?level=red', needs: 'read' },
    { method: 'GET', path: () => `/api/risk-points/${ids.point}`, needs: 'read' },
    { method: 'POST', path: () => '/api/risk-points', needs: 'operate', body: { name: '权限测试点', category: 'gas', level: 'blue', ...LUSHAN } },
    { method: 'PATCH', path: () => `/api/risk-points/${ids.point}`, needs: 'operate', body: { openHazards: 3 } },
    { method: 'GET', path: () => '/api/fire-alerts', needs: 'read' },
    { method: 'GET', path: () => `/api/fire-alerts/${ids.alert}`, needs: 'read' },
    { method: 'POST', path: () => '/api/fire-alerts', needs: 'operate', body: { ...LUSHAN, source: 'patrol', description: '权限测试' } },
    { method: 'PATCH', path: () => `/api/fire-alerts/${ids.alert}`, needs: 'operate', body: { status: 'acknowledged' } },
    { method: 'GET', path: () => '/api/duty/now', needs: 'read' },
    { method: 'GET', path: () => '/api/duty/roster', needs: 'read' },
    { method: 'PATCH', path: () => `/api/duty/shifts/${ids.shift}`, needs: 'operate', body: { status: 'on_post' } },
    { method: 'GET', path: () => '/api/audit', needs: 'administer' },
  ];

  it('answers every endpoint for every role: 401 signed out, 403 without the permission, and changes nothing then', async () => {
    for (const endpoint of endpoints()) {
      for (const who of IDENTITIES) {
        const [before, auditBefore] = await Promise.all([picture(), auditCount()]);
        const res = await api<{ error?: { code: string } }>(server.url, endpoint.method, endpoint.path(), endpoint.body, { as: who });
        const label = `${who ?? 'nobody'} ${endpoint.method} ${endpoint.path()}`;
        if (who === null) expect(res.status, label).toBe(401);
        else if (!can(who, endpoint.needs)) expect(res.status, label).toBe(403);
        else expect(res.status, label).toBeLessThan(300);
        if (res.status >= 400) {
          expect(await picture(), label).toBe(before);
          expect(await auditCount(), label).toBe(auditBefore);
        }
        // a transition done is illegal the second time: the next role gets a fresh alert
        if (endpoint.method === 'PATCH' && endpoint.path().includes('fire-alerts') && res.status < 300)
          ids.alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol' })).body.id;
      }
    }
  });

  it('keeps the health check public and tells who is signed in', async () => {
    expect((await api(server.url, 'GET', '/api/health', undefined, { as: null })).status).toBe(200);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { as: null })).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { as: 'leader' })).body).toMatchObject({ kind: 'person', name: 'test-leader', role: 'leader' });
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { as: 'wall' })).body).toMatchObject({ kind: 'device', role: 'wall' });
  });

  it('refuses a wrong password or unknown device with 401 and sets no cookie', async () => {
    for (const [path, body] of [
      ['/api/auth/login', { username: 'test-officer', password: 'wrong' }],
      ['/api/auth/login', { username: 'nobody-here', password: 'whatever' }],
      ['/api/auth/device', { token: 'not-a-device-token' }],
    ] as const) {
      const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, path).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('writes exactly one audit entry per write, naming who, role, act, before and after', async () => {
    const before = await auditCount();
    const alert = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'watchtower', description: '审计' }, { as: 'leader' });
    await api(server.url, 'PATCH', `/api/fire-alerts/${alert.body.id}`, { status: 'acknowledged', note: '接警' }, { as: 'officer' });
    await api(server.url, 'PATCH', `/api/fire-alerts/${alert.body.id}`, { status: 'closed' }, { as: 'officer' }); // illegal: 409
    await api(server.url, 'POST', '/api/fire-alerts', { lon: 'east' }, { as: 'officer' }); // invalid: 400
    expect(await auditCount()).toBe(before + 2);
    const { items } = (await api<{ items: { actor: string; role: string; action: string; entityId: string; before: FireAlert | null; after: FireAlert }[] }>(server.url, 'GET', '/api/audit?limit=2', undefined, { as: 'admin' })).body;
    expect(items[1]).toMatchObject({ actor: 'test-leader', role: 'leader', action: 'fireAlert.report', entityId: alert.body.id, before: null });
    expect(items[0]).toMatchObject({ actor: 'test-officer', role: 'officer', action: 'fireAlert.transition', entityId: alert.body.id });
    expect(items[0]!.before!.status).toBe('new');
    expect(items[0]!.after.status).toBe('acknowledged');
  });

  it('offers no way to change the audit log, and exports it as CSV for admins', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await api(server.url, method, '/api/audit', method === 'DELETE' ? undefined : {}, { as: 'admin' });
      expect(res.status, method).toBe(404);
    }
    const csv = await fetch(`${server.url}/api/audit?format=csv&limit=5`, { headers: { cookie: await sessionCookie(server.url, 'admin') } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('seq,at,actor,role,action,entity');
  });

  it('refuses a socket without a session, and an observer changing the picture over the socket', async () => {
    const anonymous = await socketAs(server.url, { reconnection: false }, null);
    const refused = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    expect(refused.message).toBe('unauthorized');
    anonymous.close();

    const observer = await socketAs(server.url, {}, 'observer');
    await new Promise<void>((resolve) => observer.once('connect', () => resolve()));
    const ack = (await observer.timeout(5000).emitWithAck('fireAlert:report', { ...LUSHAN, source: 'patrol' })) as Ack<unknown>;
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    observer.close();
  });

  it('closes the live connections of a session when it signs out', async () => {
    const cookie = await signInCookie(server.url, '/api/auth/login', { username: 'test-observer', password: TEST_PASSWORD });
    const socket = await socketAs(server.url, { extraHeaders: { cookie }, reconnection: false }, null);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await api(server.url, 'POST', '/api/auth/logout', undefined, { cookie })).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await api(server.url, 'GET', '/api/snapshot', undefined, { cookie })).status).toBe(401);
  });
});
