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
  /** Made at each call where it must differ (a new person on the roster each time). */
  body?: unknown | (() => unknown);
}

describe('who may do what', () => {
  let server: TestServer;
  let ids: { point: string; alert: string; shift: string; hazard: string; incident: string; device: string };
  const auditCount = async () => (await api<{ items: unknown[] }>(server.url, 'GET', '/api/audit?limit=10000', undefined, { as: 'admin' })).body.items.length;
  const picture = async () => checksumOfSnapshot((await api<Snapshot>(server.url, 'GET', '/api/snapshot', undefined, { as: 'admin' })).body);

  beforeAll(async () => {
    // no escalation (and its notifications' writes) in the background: the audit counts here are exact
    server = await startTestServer('sqlite', {
      DEMO_FEED: '1',
      DEMO_RISK_POINTS: '50',
      DEMO_FEED_INTERVAL_MS: '3600000',
      FIRE_ALERT_ESCALATE_AFTER_S: '86400',
    });
    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    const alert = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description: '权限测试' });
    const point = snapshot.riskPoints[0]!.id;
    const hazard = await api<{ id: string }>(server.url, 'POST', '/api/hazards', {
      riskPointId: point,
      title: '权限测试隐患',
      grade: 'general',
      source: 'inspector',
    });
    const incident = await api<{ id: string }>(server.url, 'POST', '/api/incidents', { title: '权限测试事件', type: 'public_facility', ...LUSHAN });
    const device = await api<{ id: string }>(server.url, 'POST', '/api/devices', { name: '权限测试大屏' }, { as: 'admin' });
    ids = { point, alert: alert.body.id, shift: snapshot.duty.shifts[0]!.id, hazard: hazard.body.id, incident: incident.body.id, device: device.body.id };
  });
  afterAll(() => server.close());

  const endpoints = (): Endpoint[] => [
    { method: 'GET', path: () => '/api/snapshot', needs: 'read' },
    { method: 'GET', path: () => '/api/risk-points?level=red', needs: 'read' },
    { method: 'GET', path: () => `/api/risk-points/${ids.point}`, needs: 'read' },
    { method: 'GET', path: () => '/api/risk-points/tiles/7/105/53', needs: 'read' },
    { method: 'POST', path: () => '/api/risk-points', needs: 'operate', body: { name: '权限测试点', category: 'gas', level: 'blue', ...LUSHAN } },
    { method: 'PATCH', path: () => `/api/risk-points/${ids.point}`, needs: 'operate', body: { address: '九江市濂溪区庐山南路1号' } },
    { method: 'GET', path: () => '/api/fire-alerts', needs: 'read' },
    { method: 'GET', path: () => `/api/fire-alerts/${ids.alert}`, needs: 'read' },
    { method: 'POST', path: () => '/api/fire-alerts', needs: 'operate', body: { ...LUSHAN, source: 'patrol', description: '权限测试' } },
    { method: 'PATCH', path: () => `/api/fire-alerts/${ids.alert}`, needs: 'operate', body: { status: 'acknowledged' } },
    { method: 'GET', path: () => '/api/duty/now', needs: 'read' },
    { method: 'GET', path: () => '/api/duty/roster', needs: 'read' },
    { method: 'PATCH', path: () => `/api/duty/shifts/${ids.shift}`, needs: 'operate', body: { status: 'on_post' } },
    {
      method: 'POST',
      path: () => '/api/duty/shifts',
      needs: 'operate',
      body: () => ({
        date: '2026-11-25',
        startsAt: '2026-11-25T00:30:00.000Z',
        endsAt: '2026-11-25T12:30:00.000Z',
        role: 'driver',
        person: `权限测试${Math.random()}`,
        phone: '13900000000',
      }),
    },
    { method: 'POST', path: () => `/api/duty/shifts/${ids.shift}/check-in`, needs: 'operate' },
    { method: 'GET', path: () => '/api/duty/log', needs: 'read' },
    { method: 'POST', path: () => '/api/duty/log', needs: 'operate', body: { text: '权限测试' } },
    { method: 'GET', path: () => '/api/hazards', needs: 'read' },
    {
      method: 'POST',
      path: () => '/api/hazards',
      needs: 'operate',
      body: { riskPointId: ids.point, title: '权限测试', grade: 'general', source: 'inspector' },
    },
    {
      method: 'PATCH',
      path: () => `/api/hazards/${ids.hazard}`,
      needs: 'operate',
      body: { status: 'notice', notice: { responsiblePerson: '甲', measures: '乙', deadline: '2026-12-01T00:00:00.000Z' } },
    },
    { method: 'GET', path: () => '/api/incidents', needs: 'read' },
    { method: 'POST', path: () => '/api/incidents', needs: 'operate', body: { title: '权限测试', type: 'public_facility', ...LUSHAN } },
    { method: 'POST', path: () => `/api/incidents/${ids.incident}/reports`, needs: 'operate', body: { kind: 'initial', elements: REPORT_ELEMENTS } },
    { method: 'GET', path: () => '/api/calendar-feeds', needs: 'read' },
    { method: 'POST', path: () => '/api/calendar-feeds', needs: 'operate', body: { person: null } },
    { method: 'GET', path: () => '/api/import/firms/poller', needs: 'operate' },
    { method: 'GET', path: () => '/api/audit', needs: 'administer' },
    { method: 'GET', path: () => '/api/devices', needs: 'administer' },
    { method: 'POST', path: () => '/api/devices', needs: 'administer', body: { name: '权限测试' } },
    { method: 'GET', path: () => '/api/accounts', needs: 'administer' },
    {
      method: 'POST',
      path: () => '/api/accounts',
      needs: 'administer',
      body: () => ({
        username: `u${Date.now()}${Math.floor(Math.random() * 1e6)}`,
        displayName: '新值班员',
        role: 'officer',
        temporaryPassword: 'temporary-pass-1',
      }),
    },
  ];

  /** A 首报 in the template, for the report endpoint (each role gets a fresh incident to write it on). */
  const REPORT_ELEMENTS = {
    occurredAt: '2026-11-23T06:00:00.000Z',
    place: '九江市庐山市',
    type: 'public_facility',
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
    situation: '权限测试',
    cause: '',
    measures: '权限测试',
    nextSteps: '权限测试',
  };

  async function freshRecords() {
    ids.alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol' })).body.id;
    ids.hazard = (
      await api<{ id: string }>(server.url, 'POST', '/api/hazards', { riskPointId: ids.point, title: '权限测试隐患', grade: 'general', source: 'inspector' })
    ).body.id;
    ids.incident = (await api<{ id: string }>(server.url, 'POST', '/api/incidents', { title: '权限测试事件', type: 'public_facility', ...LUSHAN })).body.id;
  }

  it('answers every endpoint for every role: 401 signed out, 403 without the permission, and changes nothing then', async () => {
    for (const endpoint of endpoints()) {
      for (const who of IDENTITIES) {
        const [before, auditBefore] = await Promise.all([picture(), auditCount()]);
        const body = typeof endpoint.body === 'function' ? endpoint.body() : endpoint.body;
        const res = await api<{ error?: { code: string } }>(server.url, endpoint.method, endpoint.path(), body, { as: who });
        const label = `${who ?? 'nobody'} ${endpoint.method} ${endpoint.path()}`;
        if (who === null) expect(res.status, label).toBe(401);
        else if (!can(who, endpoint.needs)) expect(res.status, label).toBe(403);
        else expect(res.status, label).toBeLessThan(300);
        if (res.status >= 400) {
          expect(await picture(), label).toBe(before);
          expect(await auditCount(), label).toBe(auditBefore);
        } else if (endpoint.method !== 'GET') {
          expect(await auditCount(), `${label}: one audit entry`).toBe(auditBefore + 1);
        }
        // a step done cannot be done again: the next role gets a fresh record to act on
        if (endpoint.method !== 'GET' && res.status < 300) await freshRecords();
      }
    }
  });

  it('keeps the health check public and tells who is signed in', async () => {
    expect((await api(server.url, 'GET', '/api/health', undefined, { as: null })).status).toBe(200);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { as: null })).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { as: 'leader' })).body).toMatchObject({
      kind: 'person',
      name: 'test-leader',
      role: 'leader',
    });
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
    const { items } = (
      await api<{ items: { actor: string; role: string; action: string; entityId: string; before: FireAlert | null; after: FireAlert }[] }>(
        server.url,
        'GET',
        '/api/audit?limit=2',
        undefined,
        { as: 'admin' },
      )
    ).body;
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

  it('revokes a wall display: its token stops working and its screens are closed at once', async () => {
    const device = await api<{ id: string; token: string }>(server.url, 'POST', '/api/devices', { name: '会商室大屏' }, { as: 'admin' });
    expect(device.status).toBe(201);
    const cookie = await signInCookie(server.url, '/api/auth/device', { token: device.body.token });
    const socket = await socketAs(server.url, { extraHeaders: { cookie }, reconnection: false }, null);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await api(server.url, 'POST', `/api/devices/${device.body.id}/revoke`, undefined, { as: 'admin' })).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await api(server.url, 'GET', '/api/snapshot', undefined, { cookie })).status).toBe(401);
    await expect(signInCookie(server.url, '/api/auth/device', { token: device.body.token })).rejects.toThrow(/401/);
    const listed = (await api<{ items: { id: string; revokedAt: string | null }[] }>(server.url, 'GET', '/api/devices', undefined, { as: 'admin' })).body.items;
    expect(listed.find((d) => d.id === device.body.id)!.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(device.body.token);
  });

  it('checks the role of every socket command as its HTTP twin does', async () => {
    const commands = (): [string, unknown][] => [
      ['fireAlert:report', { ...LUSHAN, source: 'patrol', description: '套接字权限' }],
      ['fireAlert:transition', { id: ids.alert, status: 'acknowledged' }],
      ['riskPoint:create', { name: '套接字权限', category: 'gas', level: 'blue', ...LUSHAN }],
      ['riskPoint:update', { id: ids.point, patch: { address: '九江市濂溪区庐山南路2号' } }],
      ['dutyShift:update', { id: ids.shift, patch: { status: 'on_post' } }],
    ];
    for (const who of ['observer', 'wall', 'officer', 'leader', 'admin'] as const) {
      const socket = await socketAs(server.url, {}, who);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      for (const [command, payload] of commands()) {
        const before = await auditCount();
        const ack = (await socket.timeout(5000).emitWithAck(command, payload)) as Ack<unknown>;
        const label = `${who} ${command}`;
        if (can(who, 'operate')) {
          expect(ack.ok, `${label}: ${JSON.stringify(ack)}`).toBe(true);
          expect(await auditCount(), label).toBe(before + 1);
        } else {
          expect(ack, label).toMatchObject({ ok: false, error: { code: 'forbidden' } });
          expect(await auditCount(), label).toBe(before);
        }
        if (ack.ok && command === 'fireAlert:transition') await freshRecords();
      }
      socket.close();
    }
  });

  it('lets an admin add a person with a temporary password they must replace, and disable them later', async () => {
    const created = await api(
      server.url,
      'POST',
      '/api/accounts',
      { username: 'zhang.san', displayName: '张三', role: 'officer', temporaryPassword: 'temporary-pass-1' },
      { as: 'admin' },
    );
    expect(created.status).toBe(201);
    expect(
      (
        await api(
          server.url,
          'POST',
          '/api/accounts',
          { username: 'zhang.san', displayName: '张三', role: 'officer', temporaryPassword: 'temporary-pass-1' },
          { as: 'admin' },
        )
      ).status,
    ).toBe(409);
    const cookie = await signInCookie(server.url, '/api/auth/login', { username: 'zhang.san', password: 'temporary-pass-1' });
    expect((await api(server.url, 'GET', '/api/snapshot', undefined, { cookie })).status).toBe(403);
    expect(
      (await api(server.url, 'POST', '/api/auth/password', { currentPassword: 'temporary-pass-1', newPassword: '张三的新密码-2026' }, { cookie })).status,
    ).toBe(204);
    expect((await api(server.url, 'GET', '/api/snapshot', undefined, { cookie })).status).toBe(200);
    const listed = await api<{ items: { username: string }[] }>(server.url, 'GET', '/api/accounts', undefined, { as: 'admin' });
    expect(JSON.stringify(listed.body)).not.toMatch(/argon2|passwordHash/);
    expect((await api(server.url, 'POST', '/api/accounts/zhang.san/disable', undefined, { as: 'admin' })).status).toBe(204);
    expect((await api(server.url, 'GET', '/api/snapshot', undefined, { cookie })).status).toBe(401);
    await expect(signInCookie(server.url, '/api/auth/login', { username: 'zhang.san', password: '张三的新密码-2026' })).rejects.toThrow(/401/);
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

  // last: it leaves this address locked out of sign-in for a minute
  it('locks out an address after repeated failed sign-ins, successful ones not counting', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'test-admin', password: `guess-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });
});
