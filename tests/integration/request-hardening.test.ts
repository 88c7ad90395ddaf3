import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { loadConfig } from '../../server/config.ts';
import { sessionCookie, signInCookie, TEST_PASSWORD, TEST_WALL_TOKEN, testUsername } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const json = { 'content-type': 'application/json' };
const login = (base: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ username, password }) });
const auditOf = async (base: string, action: string) => {
  const { body } = await api<{ items: { action: string; after: Record<string, unknown> }[] }>(base, 'GET', '/api/audit?limit=1000', undefined, { as: 'admin' });
  return body.items.filter((e) => e.action === action);
};

describe('requests from pages of other origins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { ALLOWED_ORIGINS: 'https://onemap.example.gov.cn' });
  });
  afterAll(() => server.close());

  /** An officer's fire report, with the headers a browser would add for the page that sent it. */
  const report = async (headers: Record<string, string>) =>
    fetch(`${server.url}/api/fire-alerts`, {
      method: 'POST',
      headers: { ...json, cookie: await sessionCookie(server.url, 'officer'), ...headers },
      body: JSON.stringify({ lon: 115.97, lat: 29.55, source: 'patrol', description: '有烟' }),
    });

  it('refuses a write whose Origin is another port of the same host, and changes nothing', async () => {
    const before = (await api<{ seq: number }>(server.url, 'GET', '/api/health')).body.seq;
    const res = await report({ origin: 'http://127.0.0.1:1' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden', details: { origin: 'http://127.0.0.1:1' } } });
    expect((await api<{ seq: number }>(server.url, 'GET', '/api/health')).body.seq).toBe(before);
  });

  it('refuses a form or no-cors fetch from a sibling page by its Fetch Metadata, imports included', async () => {
    expect((await report({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await report({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const cookie = await sessionCookie(server.url, 'officer');
    const firms = await fetch(`${server.url}/api/import/firms`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie, 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:1' },
      body: 'latitude,longitude,acq_date,acq_time,confidence\n29.55,115.97,2026-11-30,0530,h\n',
    });
    expect(firms.status).toBe(403);
  });

  it('accepts its own pages, configured proxy origins and clients that are not pages', async () => {
    expect((await report({ origin: server.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await report({ origin: 'https://onemap.example.gov.cn', 'sec-fetch-site': 'cross-site' })).status).toBe(201);
    expect((await report({})).status).toBe(201);
  });

  it('answers a path with broken percent-encoding with 400, not a server error', async () => {
    for (const path of ['/api/risk-points/%ff%fe', '/api/fire-alerts/%E0%A4%A']) {
      const res = await api(server.url, 'GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('does not ask browsers to upgrade to https when the page came over plain HTTP', async () => {
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});

describe('behind a proxy, and without one', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([startTestServer('sqlite'), startTestServer('sqlite', { TRUST_PROXY: 'loopback' })]);
  });
  afterAll(() => Promise.all([direct.close(), proxied.close()]));

  it('ignores X-Forwarded-For unless TRUST_PROXY says whom to believe, so it cannot reset the sign-in limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(direct.url, testUsername('leader'), `guess-${i}`, { 'x-forwarded-for': `10.9.${i}.1` })).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keys sign-in limits on the account: the locked account and address do not lock colleagues or walls out', async () => {
    for (let i = 0; i < 12; i++) await login(direct.url, testUsername('admin'), `guess-${i}`);
    expect((await login(direct.url, testUsername('admin'), TEST_PASSWORD)).status).toBe(429);
    // the same address (one NAT): a colleague with the right password, and a wall display
    expect((await login(direct.url, testUsername('officer'), TEST_PASSWORD)).status).toBe(200);
    const wall = await fetch(`${direct.url}/api/auth/device`, { method: 'POST', headers: json, body: JSON.stringify({ token: TEST_WALL_TOKEN }) });
    expect(wall.status).toBe(200);
  });

  it('limits guesses of one account from many addresses, as seen through a trusted proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) statuses.push((await login(proxied.url, testUsername('observer'), `guess-${i}`, { 'x-forwarded-for': `10.8.${i}.7` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // each address on its own stays far below its limit: the account's count stopped them
    expect((await login(proxied.url, testUsername('leader'), TEST_PASSWORD, { 'x-forwarded-for': '10.8.99.7' })).status).toBe(200);
  });

  it('asks for https upgrades only when a trusted proxy says the page came over TLS', async () => {
    const tls = await fetch(`${proxied.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    const forged = await fetch(`${direct.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('audits failed sign-ins, within a budget', async () => {
    const failed = await auditOf(proxied.url, 'auth.signInFailed');
    // 10 of the 55 guesses before the account's limit… all refused with 401 are audited up to 30 a minute
    expect(failed.length).toBe(30);
    expect(failed.find((e) => e.after.username === testUsername('observer'))?.after).toMatchObject({
      kind: 'person',
      address: expect.stringMatching(/^10\.8\./),
    });
  });
});

describe('sessions after a password change', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('ends the account’s other sessions and their sockets, and keeps the one that changed it', async () => {
    const username = testUsername('leader');
    const [mine, other] = await Promise.all([1, 2].map(() => signInCookie(server.url, '/api/auth/login', { username, password: TEST_PASSWORD })));
    const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: other! } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(
      (await api(server.url, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: '新的带班密码-2026-12' }, { cookie: mine })).status,
    ).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await api(server.url, 'GET', '/api/snapshot', undefined, { cookie: other })).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie: mine })).status).toBe(200);
    expect((await auditOf(server.url, 'account.changePassword')).at(-1)?.after).toMatchObject({ sessionsEnded: 1 });
  });

  it('limits guesses of the current password on the change endpoint', async () => {
    const cookie = await signInCookie(server.url, '/api/auth/login', { username: testUsername('officer'), password: TEST_PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await api(server.url, 'POST', '/api/auth/password', { currentPassword: `guess-${i}`, newPassword: 'something-long-enough' }, { cookie })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('configuration of origins and proxies', () => {
  it('reads ALLOWED_ORIGINS as a list of http(s) origins and TRUST_PROXY as off, hops or addresses', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example.cn/, http://b.example.cn:8080' }).allowedOrigins).toEqual([
      'https://a.example.cn',
      'http://b.example.cn:8080',
    ]);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'not a url' })).toThrow(/ALLOWED_ORIGINS/);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});

describe('who reads the responsible people’s contacts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('gives names and phones to people who may read, never to a wall display', async () => {
    const point = {
      name: '瑞昌市某尾矿库',
      category: 'tailings_pond',
      level: 'orange',
      lon: 115.67,
      lat: 29.68,
      responsiblePerson: '李工',
      responsiblePhone: '13900000000',
    };
    const created = await api<{ id: string }>(server.url, 'POST', '/api/risk-points', point);
    expect(created.status).toBe(201);
    for (const who of ['observer', 'officer'] as const)
      expect((await api(server.url, 'GET', `/api/risk-points/${created.body.id}`, undefined, { as: who })).body).toMatchObject({
        responsiblePhone: '13900000000',
      });
    const wall = await api<Record<string, unknown>>(server.url, 'GET', `/api/risk-points/${created.body.id}`, undefined, { as: 'wall' });
    expect(wall.body).toMatchObject({ name: '瑞昌市某尾矿库', responsiblePerson: '', responsiblePhone: '' });
    for (const path of ['/api/risk-points', '/api/risk-points?format=csv', '/api/export/risk-points.geojson'])
      expect(JSON.stringify((await api(server.url, 'GET', path, undefined, { as: 'wall' })).body), path).not.toContain('13900000000');
  });
});
