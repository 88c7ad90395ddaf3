import { type Principal, principalSchema } from '../../shared/auth.ts';

/** Who this browser is signed in as, or null. */
export async function fetchPrincipal(): Promise<Principal | null> {
  try {
    const response = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
    return response.ok ? principalSchema.parse(await response.json()) : null;
  } catch {
    return null;
  }
}

export type SignInResult = 'ok' | 'wrong' | 'rate_limited' | 'unreachable';

async function post(path: string, body: unknown): Promise<SignInResult> {
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.ok) return 'ok';
    return response.status === 429 ? 'rate_limited' : response.status === 401 || response.status === 400 ? 'wrong' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

export const signIn = (username: string, password: string) => post('/api/auth/login', { username, password });

/** A wall display's token, from its URL or configuration: no password at the wall. */
export const signInDevice = (token: string) => post('/api/auth/device', { token });

export async function signOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
}
