import { type Principal, principalSchema } from '../../shared/auth.ts';
import { send } from '../api/send.ts';

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
  const sent = await send('POST', path, body);
  if (sent.ok) return 'ok';
  return sent.status === 429 ? 'rate_limited' : sent.status === 401 || sent.status === 400 ? 'wrong' : 'unreachable';
}

export const signIn = (username: string, password: string) => post('/api/auth/login', { username, password });

/** A wall display's token, from its URL or configuration: no password at the wall. */
export const signInDevice = (token: string) => post('/api/auth/device', { token });

export async function signOut(): Promise<void> {
  await send('POST', '/api/auth/logout');
}
