import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const json = { 'content-type': 'application/json' };
const post = (base: string, path: string, body: unknown, cookie?: string) =>
  fetch(base + path, { method: 'POST', headers: { ...json, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
/** The `name=value` pairs a response sets, by name. */
const setCookies = (res: Response) => new Map(res.headers.getSetCookie().map((c) => [c.split('=')[0]!, c] as const));

describe('pairing a wall display with a one-time code', () => {
  let server: TestServer;
  let deviceId: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const created = await api<{ id: string; token: string }>(server.url, 'POST', '/api/devices', { name: '武宁县值班室屏' }, { as: 'admin' });
    deviceId = created.body.id;
  });
  afterAll(() => server.close());

  it('is started by an administrator only', async () => {
    expect((await api(server.url, 'POST', `/api/devices/${deviceId}/pairing`, {}, { as: 'officer' })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/devices/dev-nonexistent/pairing', {}, { as: 'admin' })).status).toBe(404);
  });

  it('signs the display in once, hands its new token over only as an HttpOnly cookie for the device sign-in, and ends the old token', async () => {
    const created = await api<{ id: string; token: string }>(server.url, 'POST', '/api/devices', { name: '修水县值班室屏' }, { as: 'admin' });
    const pairing = await api<{ code: string; expiresAt: string; path: string }>(
      server.url,
      'POST',
      `/api/devices/${created.body.id}/pairing`,
      {},
      { as: 'admin' },
    );
    expect(pairing.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(pairing.body.path).toBe(`/wall?pair=${pairing.body.code}`);

    const paired = await post(server.url, '/api/auth/pair', { code: pairing.body.code.toLowerCase().replace('-', ' ') });
    expect(paired.status).toBe(200);
    expect(await paired.json()).toMatchObject({ kind: 'device', role: 'wall', displayName: '修水县值班室屏' });
    const cookies = setCookies(paired);
    expect(cookies.get('onemap_device')).toMatch(/HttpOnly/);
    expect(cookies.get('onemap_device')).toMatch(/Path=\/api\/auth\/device/);
    expect(JSON.stringify(await (await post(server.url, '/api/auth/pair', { code: pairing.body.code })).json())).toMatch(/wrong or has expired/);

    // the session ends; the device cookie alone signs it in again
    const deviceCookie = cookies.get('onemap_device')!.split(';')[0]!;
    const again = await post(server.url, '/api/auth/device', {}, deviceCookie);
    expect(again.status).toBe(200);
    expect(setCookies(again).get('onemap_session')).toBeTruthy();
    // the token it was registered with no longer works: only the paired display holds one
    expect((await post(server.url, '/api/auth/device', { token: created.body.token })).status).toBe(401);
    expect((await post(server.url, '/api/auth/device', {})).status).toBe(401);
  });

  it('lists a display with its pending code until the code is used, and never its token', async () => {
    const created = await api<{ id: string; token: string }>(server.url, 'POST', '/api/devices', { name: '德安县值班室屏' }, { as: 'admin' });
    expect(created.status).toBe(201);
    expect((await api(server.url, 'POST', '/api/devices', { name: '' }, { as: 'admin' })).status).toBe(400);
    const pairing = await api<{ code: string; expiresAt: string }>(server.url, 'POST', `/api/devices/${created.body.id}/pairing`, {}, { as: 'admin' });
    type Listed = { id: string; name: string; pairingExpiresAt: string | null; revokedAt: string | null };
    const listed = async () =>
      (await api<{ items: Listed[] }>(server.url, 'GET', '/api/devices', undefined, { as: 'admin' })).body.items.find((d) => d.id === created.body.id);
    expect(await listed()).toEqual({
      id: created.body.id,
      name: '德安县值班室屏',
      createdAt: expect.any(String),
      revokedAt: null,
      pairingExpiresAt: pairing.body.expiresAt,
    });
    expect(JSON.stringify((await api(server.url, 'GET', '/api/devices', undefined, { as: 'admin' })).body)).not.toContain(created.body.token);
    expect((await post(server.url, '/api/auth/pair', { code: pairing.body.code })).status).toBe(200);
    expect((await listed())?.pairingExpiresAt).toBeNull();
    expect((await api(server.url, 'GET', '/api/devices', undefined, { as: 'officer' })).status).toBe(403);
  });

  it('refuses an expired code', async () => {
    const pairing = await api<{ code: string }>(server.url, 'POST', `/api/devices/${deviceId}/pairing`, {}, { as: 'admin' });
    await server.app.deps.store.db
      .updateTable('devices')
      .set({ pairingExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', deviceId)
      .execute();
    const res = await post(server.url, '/api/auth/pair', { code: pairing.body.code });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('ends with the device: a revoked display cannot pair or sign in with its cookie', async () => {
    const pairing = await api<{ code: string }>(server.url, 'POST', `/api/devices/${deviceId}/pairing`, {}, { as: 'admin' });
    const paired = await post(server.url, '/api/auth/pair', { code: pairing.body.code });
    const deviceCookie = setCookies(paired).get('onemap_device')!.split(';')[0]!;
    expect((await api(server.url, 'POST', `/api/devices/${deviceId}/revoke`, {}, { as: 'admin' })).status).toBe(204);
    expect((await post(server.url, '/api/auth/device', {}, deviceCookie)).status).toBe(401);
    expect((await api(server.url, 'POST', `/api/devices/${deviceId}/pairing`, {}, { as: 'admin' })).status).toBe(409);
  });
});
