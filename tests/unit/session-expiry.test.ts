import { describe, expect, it } from 'vitest';
import { expiryCheckDelayMs } from '../../server/realtime/session-expiry.ts';
import { SessionSlots } from '../../server/realtime/session-slots.ts';

describe('when a connection looks at its session again', () => {
  const now = new Date('2026-11-23T06:00:00.000Z');
  const after = (ms: number) => new Date(now.getTime() + ms).toISOString();

  it('waits what is left of the session', () => {
    expect(expiryCheckDelayMs(after(24 * 3600_000), now)).toBe(24 * 3600_000);
    expect(expiryCheckDelayMs(after(1), now)).toBe(1);
  });

  it('says zero once it has expired, however long ago', () => {
    expect(expiryCheckDelayMs(after(0), now)).toBe(0);
    expect(expiryCheckDelayMs(after(-3600_000), now)).toBe(0);
    expect(expiryCheckDelayMs('not an instant', now)).toBe(0);
  });

  it('never asks a timer to wait past its 24.8-day limit, where it would fire at once', () => {
    expect(expiryCheckDelayMs(after(40 * 86_400_000), now)).toBe(2 ** 31 - 1);
  });
});

describe('the connections a session holds', () => {
  it('takes places up to the limit, gives them back once, and forgets an empty session', () => {
    const slots = new SessionSlots(2);
    expect([slots.take('s', 'a'), slots.take('s', 'b'), slots.take('s', 'c')]).toEqual([true, true, false]);
    expect(slots.take('t', 'c')).toBe(true); // another session has its own
    expect(slots.take('s', 'a')).toBe(true); // one connection holds one place, asked twice
    slots.release('s', 'a');
    slots.release('s', 'a');
    expect(slots.count('s')).toBe(1);
    expect(slots.take('s', 'c')).toBe(true);
    expect(slots.take('s', 'd')).toBe(false);
    slots.release('s', 'b');
    slots.release('s', 'c');
    expect(slots.count('s')).toBe(0);
  });
});
