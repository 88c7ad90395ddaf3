import { describe, expect, it } from 'vitest';
import { type DutyShift, localDutyDate, nextShifts, shanghaiInstant, shiftsOnDutyAt } from '../../shared/duty.ts';

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
});
