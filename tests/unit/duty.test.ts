import { describe, expect, it } from 'vitest';
import { conflictingShift, type DutyShift, localDutyDate, nextShifts, shanghaiInstant, shiftsOnDutyAt } from '../../shared/duty.ts';

const shift = (id: string, startsAt: Date, hours: number, status: DutyShift['status'] = 'on_post'): DutyShift => ({
  id,
  date: localDutyDate(startsAt),
  startsAt: startsAt.toISOString(),
  endsAt: new Date(startsAt.getTime() + hours * 3600_000).toISOString(),
  role: 'officer',
  person: id,
  phone: '13800000000',
  status,
  checkedInAt: null,
  checkedOutAt: null,
  updatedAt: startsAt.toISOString(),
  demo: false,
});

describe('duty roster rules', () => {
  it('reads local Shanghai days and wall-clock times', () => {
    expect(localDutyDate(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24'); // 00:30 next day in Beijing time
    expect(shanghaiInstant('2026-11-23', 8, 30).toISOString()).toBe('2026-11-23T00:30:00.000Z');
  });

  it('derives who is on duty now: covering shifts not handed over or missed', () => {
    const day = shanghaiInstant('2026-11-23', 8, 30);
    const night = shanghaiInstant('2026-11-23', 20, 30);
    const shifts = [shift('day', day, 12), shift('night', night, 12, 'scheduled'), shift('absent', day, 12, 'absent')];
    const noon = shanghaiInstant('2026-11-23', 12);
    expect(shiftsOnDutyAt(shifts, noon).map((s) => s.id)).toEqual(['day']);
    expect(nextShifts(shifts, noon).map((s) => s.id)).toEqual(['night']);
    expect(shiftsOnDutyAt(shifts, shanghaiInstant('2026-11-23', 22)).map((s) => s.id)).toEqual(['night']);
  });

  it('finds a clash only for the same person on overlapping shifts', () => {
    const t = new Date('2026-11-23T00:30:00Z');
    const day = { ...shift('day', t, 12), person: '王五' };
    const at = (hours: number, length: number, person = '王五', id = 'new') => ({ ...shift(id, new Date(t.getTime() + hours * 3600_000), length), person });
    expect(conflictingShift([day], at(11, 12))?.id).toBe('day');
    expect(conflictingShift([day], at(12, 12))).toBeUndefined(); // back to back is fine
    expect(conflictingShift([day], at(-3, 4))?.id).toBe('day');
    expect(conflictingShift([day], at(2, 2, '赵六'))).toBeUndefined();
    expect(conflictingShift([day], { ...day })).toBeUndefined(); // a shift does not clash with itself
  });
});
