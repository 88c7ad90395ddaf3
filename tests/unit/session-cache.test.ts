import { describe, expect, it } from 'vitest';
import { type LiveSession, SessionCache } from '../../server/auth/session-cache.ts';

const at = (iso: string) => new Date(iso);
const session = (id: string, expiresAt = '2026-12-02T00:00:00.000Z'): LiveSession => ({
  sessionId: id,
  expiresAt,
  principal: { kind: 'person', name: 'zhang.san', displayName: '张三', role: 'officer', mustChangePassword: false },
});
const audit = (entity: string) => ({ action: `${entity}.x`, entity, entityId: null, before: null, after: null });

describe('the session cache', () => {
  it('keeps a session read for a few seconds and never past its expiry', () => {
    let now = at('2026-12-01T10:00:00.000Z');
    const cache = new SessionCache(() => now);
    cache.remember(session('a'), now, cache.mark);
    cache.remember(session('b', '2026-12-01T10:00:02.000Z'), now, cache.mark);
    expect(cache.get('a')?.sessionId).toBe('a');
    now = at('2026-12-01T10:00:02.000Z');
    expect(cache.get('b')).toBeUndefined(); // expired
    expect(cache.get('a')?.sessionId).toBe('a');
    now = at('2026-12-01T10:00:06.000Z');
    expect(cache.get('a')).toBeUndefined(); // read too long ago: read it again
  });

  it('forgets everything when a write touched sessions, accounts or devices, and nothing else', () => {
    const now = at('2026-12-01T10:00:00.000Z');
    const cache = new SessionCache(() => now);
    cache.remember(session('a'), now, cache.mark);
    cache.forgetOn([audit('fireAlert'), audit('hazard')]);
    expect(cache.get('a')).toBeDefined();
    for (const entity of ['session', 'account', 'device']) {
      cache.remember(session('a'), now, cache.mark);
      cache.forgetOn([audit('fireAlert'), audit(entity)]);
      expect(cache.get('a'), entity).toBeUndefined();
    }
  });

  it('does not keep a read that began before a sign-out committed', () => {
    const now = at('2026-12-01T10:00:00.000Z');
    const cache = new SessionCache(() => now);
    const mark = cache.mark; // the read begins…
    cache.forgetOn([audit('session')]); // …a sign-out commits meanwhile…
    cache.remember(session('a'), now, mark); // …and the read's answer is stale
    expect(cache.get('a')).toBeUndefined();
  });
});
