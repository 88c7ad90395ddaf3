import { type Principal, principalSchema } from '../../shared/auth.ts';
import { api, type Written } from '../api/write.ts';

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

function outcome(sent: Written<Principal>): SignInResult {
  if (sent.ok) return 'ok';
  return sent.status === 429 ? 'rate_limited' : sent.status === 401 || sent.status === 400 ? 'wrong' : 'unreachable';
}

export const signIn = async (username: string, password: string) => outcome(await api.auth.signIn({ username, password }));

/**
 * A wall display signs in with a token from its URL (the old way) or, with none, the device cookie it was
 * given when it was paired: no password at the wall.
 */
export const signInDevice = async (token?: string) => outcome(await api.auth.signInDevice(token ? { token } : {}));

/** Pairs this display with a one-time code an administrator made for it (`/wall?pair=CODE`). */
export const pairDisplay = async (code: string) => outcome(await api.auth.pairDisplay({ code }));

export async function signOut(): Promise<void> {
  await api.auth.signOut();
}
