import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/admin.ts';
import { signInCookie, testUsername } from '../support/accounts.ts';
import { databaseKinds } from '../support/databases.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

type Refusal = { error: { code: string; message: string } };

describe.each(databaseKinds())('accounts managed by administrators on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  const asAdmin = <T = unknown>(method: string, path: string, body?: unknown) => api<T>(server.url, method, path, body, { as: 'admin' });
  const signIn = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const listed = async (username: string) => (await asAdmin<{ items: Account[] }>('GET', '/api/accounts')).body.items.find((a) => a.username === username);

  it('creates an account with a one-time password shown once, which must be replaced', async () => {
    const created = await asAdmin<{ username: string; temporaryPassword: string; mustChangePassword: boolean }>('POST', '/api/accounts', {
      username: 'zhang.wei',
      displayName: '张伟',
      role: 'officer',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'zhang.wei', mustChangePassword: true });
    expect(created.body.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(await listed('zhang.wei')).toMatchObject({ displayName: '张伟', role: 'officer', disabled: false, mustChangePassword: true, lastSignInAt: null });
    const first = await signIn('zhang.wei', created.body.temporaryPassword);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ mustChangePassword: true });
    expect((await listed('zhang.wei'))?.lastSignInAt).toEqual(expect.any(String));
    expect(JSON.stringify((await asAdmin('GET', '/api/accounts')).body)).not.toMatch(/argon2|passwordHash|temporaryPassword/);
    // a taken name, a bad role, and a non-administrator are refused
    expect((await asAdmin('POST', '/api/accounts', { username: 'zhang.wei', displayName: '张伟', role: 'officer' })).status).toBe(409);
    expect((await asAdmin('POST', '/api/accounts', { username: 'li.na', displayName: '李娜', role: 'wall' })).status).toBe(400);
    expect((await api(server.url, 'POST', '/api/accounts', { username: 'li.na', displayName: '李娜', role: 'officer' }, { as: 'leader' })).status).toBe(403);
  });

  it('changes a role, ending the sessions that held the old one', async () => {
    const { temporaryPassword } = (
      await asAdmin<{ temporaryPassword: string }>('POST', '/api/accounts', { username: 'wang.qiang', displayName: '王强', role: 'officer' })
    ).body;
    const cookie = await signInCookie(server.url, '/api/auth/login', { username: 'wang.qiang', password: temporaryPassword });
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie })).status).toBe(200);
    expect((await asAdmin('PATCH', '/api/accounts/wang.qiang', { role: 'leader' })).status).toBe(204);
    expect((await listed('wang.qiang'))?.role).toBe('leader');
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
    expect((await asAdmin('PATCH', '/api/accounts/wang.qiang', { role: 'superuser' })).status).toBe(400);
    expect((await asAdmin('PATCH', '/api/accounts/wang.qiang', {})).status).toBe(400);
    expect((await asAdmin('PATCH', '/api/accounts/nobody', { role: 'leader' })).status).toBe(404);
  });

  it('resets a password to a new one-time one: the old password and sessions end', async () => {
    const { temporaryPassword } = (
      await asAdmin<{ temporaryPassword: string }>('POST', '/api/accounts', { username: 'zhao.min', displayName: '赵敏', role: 'officer' })
    ).body;
    const cookie = await signInCookie(server.url, '/api/auth/login', { username: 'zhao.min', password: temporaryPassword });
    const reset = await asAdmin<{ temporaryPassword: string }>('POST', '/api/accounts/zhao.min/reset-password');
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).not.toBe(temporaryPassword);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
    expect((await signIn('zhao.min', temporaryPassword)).status).toBe(401);
    expect((await signIn('zhao.min', reset.body.temporaryPassword)).status).toBe(200);
  });

  it('disables and enables; refuses to disable oneself or to leave the bureau without an administrator', async () => {
    expect((await asAdmin('POST', '/api/accounts/zhao.min/disable')).status).toBe(204);
    expect((await listed('zhao.min'))?.disabled).toBe(true);
    expect((await asAdmin('POST', '/api/accounts/zhao.min/disable')).status).toBe(409);
    expect((await asAdmin('POST', '/api/accounts/zhao.min/enable')).status).toBe(204);
    expect((await listed('zhao.min'))?.disabled).toBe(false);

    const self = await asAdmin<Refusal>('POST', `/api/accounts/${testUsername('admin')}/disable`);
    expect(self.status).toBe(409);
    expect(self.body.error.message).toMatch(/own account/);
    const ownRole = await asAdmin<Refusal>('PATCH', `/api/accounts/${testUsername('admin')}`, { role: 'officer' });
    expect(ownRole.status).toBe(409);
    expect(ownRole.body.error.message).toMatch(/own role/);

    // the first run's own `admin` aside, two administrators disable each other at once: one stays, whichever came second
    expect((await asAdmin('POST', '/api/accounts/admin/disable')).status).toBe(204);
    const { temporaryPassword } = (
      await asAdmin<{ temporaryPassword: string }>('POST', '/api/accounts', { username: 'admin.two', displayName: '管理员二', role: 'admin' })
    ).body;
    const second = await signInCookie(server.url, '/api/auth/login', { username: 'admin.two', password: temporaryPassword });
    // a one-time password allows nothing but replacing it
    expect(
      (await api(server.url, 'POST', '/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'a much longer password' }, { cookie: second }))
        .status,
    ).toBe(204);
    const [first, other] = await Promise.all([
      asAdmin<Refusal>('POST', '/api/accounts/admin.two/disable'),
      api<Refusal>(server.url, 'POST', `/api/accounts/${testUsername('admin')}/disable`, undefined, { cookie: second }),
    ]);
    const statuses = [first.status, other.status].sort();
    expect(statuses[0]).toBe(204);
    expect([401, 409]).toContain(statuses[1]);
    const refused = [first, other].find((r) => r.status === 409);
    if (refused) expect(refused.body.error.message).toMatch(/no administrator/);
    const enabledAdmins = await server.app.deps.store.db
      .selectFrom('accounts')
      .select('username')
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .execute();
    expect(enabledAdmins).toHaveLength(1);
  });
});
