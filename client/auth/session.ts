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

/**
 * A wall display signs in with a token from its URL (the old way) or, with none, the device cookie it was
 * given when it was paired: no password at the wall.
 */
export const signInDevice = (token?: string) => post('/api/auth/device', token ? { token } : {});

/** Pairs this display with a one-time code an administrator made for it (`/wall?pair=CODE`). */
export const pairDisplay = (code: string) => post('/api/auth/pair', { code });

export async function signOut(): Promise<void> {
  await send('POST', '/api/auth/logout');
}
