import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { type PersonRole, SESSION_COOKIE } from '../../shared/auth.ts';
import { createAccount, createDevice } from '../../server/auth/service.ts';
import type { DomainDeps } from '../../server/deps.ts';

/** Who a test acts as: a person of a role, the test wall display, or nobody. */
export type TestIdentity = PersonRole | 'wall' | null;

export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_WALL_TOKEN = 'test-wall-token-0001';
export const testUsername = (role: PersonRole) => `test-${role}`;

/** One account per role and one wall device, created through the real account service. */
export async function createTestAccounts(deps: DomainDeps): Promise<void> {
  for (const role of ['admin', 'leader', 'officer', 'observer'] as const)
    await createAccount(deps, { username: testUsername(role), displayName: `测试${role}`, role, password: TEST_PASSWORD });
  await createDevice(deps, '测试大屏', TEST_WALL_TOKEN);
}

/** Signs in for real and returns the session's `Cookie` header. */
export async function signInCookie(base: string, path: '/api/auth/login' | '/api/auth/device', body: object): Promise<string> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // a display's sign-in sets its device cookie too: the session's is the one to send
  const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!res.ok || !session) throw new Error(`sign-in at ${path} failed: HTTP ${res.status}`);
  return session.split(';')[0]!;
}

const cookies = new Map<string, Promise<string>>();

/** The `Cookie` header of a real sign-in as that identity (cached per server); empty for nobody. */
export function sessionCookie(base: string, who: TestIdentity): Promise<string> {
  if (who === null) return Promise.resolve('');
  const key = `${base} ${who}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie =
      who === 'wall'
        ? signInCookie(base, '/api/auth/device', { token: TEST_WALL_TOKEN })
        : signInCookie(base, '/api/auth/login', { username: testUsername(who), password: TEST_PASSWORD });
    cookies.set(key, cookie);
    cookie.catch(() => cookies.delete(key));
  }
  return cookie;
}

/** A raw socket.io client signed in as that identity (officer by default), for protocol-level tests. */
export async function socketAs(base: string, options: Partial<ManagerOptions & SocketOptions> = {}, who: TestIdentity = 'officer'): Promise<Socket> {
  const cookie = await sessionCookie(base, who);
  return io(base, { transports: ['websocket'], forceNew: true, ...(cookie ? { extraHeaders: { cookie } } : {}), ...options });
}
