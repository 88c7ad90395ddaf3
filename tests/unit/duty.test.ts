import { describe, expect, it } from 'vitest';
import {
  confirmsOwnHandover,
  conflictingShift,
  copyWeekPlan,
  type DutyShift,
  dutyWeekDates,
  dutyWeekStart,
  handoverCandidates,
  handoverPairingProblem,
  localDutyDate,
  nextShifts,
  shanghaiInstant,
  shiftsOnDutyAt,
  shiftTimes,
} from '../../shared/duty.ts';

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

  it('counts a person who took the post early, by a confirmed handover, as on duty and no longer next', () => {
    const day = shift('day', shanghaiInstant('2026-11-23', 8), 12, 'handed_over');
    const night = shift('night', shanghaiInstant('2026-11-23', 20), 12, 'on_post'); // confirmed at 19:30
    const before = shanghaiInstant('2026-11-23', 19, 30);
    expect(shiftsOnDutyAt([day, night], before).map((s) => s.id)).toEqual(['night']);
    expect(nextShifts([day, night], before)).toEqual([]);
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

describe('the week plan (排班)', () => {
  it('runs Monday to Sunday in Beijing days, whatever the UTC date says', () => {
    expect(dutyWeekStart('2026-11-30')).toBe('2026-11-30'); // a Monday is its own week's start
    expect(dutyWeekStart('2026-12-06')).toBe('2026-11-30'); // Sunday closes the week, it does not open the next
    expect(dutyWeekStart('2026-12-07')).toBe('2026-12-07');
    expect(dutyWeekStart('2027-01-01')).toBe('2026-12-28'); // across a year
    // 07:30 on Monday in Beijing is still Sunday in UTC: the local day decides the week
    expect(dutyWeekStart(localDutyDate(new Date('2026-11-29T23:30:00Z')))).toBe('2026-11-30');
    expect(dutyWeekDates('2026-11-30')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it('turns the presets into instants: a night shift ends the next morning', () => {
    expect(shiftTimes('2026-12-01', '08:00', '20:00')).toEqual({ startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-01T12:00:00.000Z', overnight: false });
    expect(shiftTimes('2026-12-06', '20:00', '08:00')).toEqual({ startsAt: '2026-12-06T12:00:00.000Z', endsAt: '2026-12-07T00:00:00.000Z', overnight: true });
    expect(shiftTimes('2026-12-01', '09:30', '09:30').overnight).toBe(true); // equal hours: a 24-hour shift, never a zero-length one
  });

  const planned = (id: string, date: string, start: string, end: string, person: string, role: DutyShift['role'] = 'officer'): DutyShift => ({
    ...shift(id, new Date(shiftTimes(date, start, end).startsAt), 0),
    ...shiftTimes(date, start, end),
    date,
    role,
    person,
    status: 'scheduled',
  });

  it('copies last week seven days later, and names every copy that would clash', () => {
    const lastWeek = [planned('a', '2026-11-23', '08:00', '20:00', '张伟'), planned('b', '2026-11-29', '20:00', '08:00', '李娜')];
    const clean = copyWeekPlan(lastWeek, []);
    expect(clean.clashes).toEqual([]);
    expect(clean.copies.map((c) => [c.date, c.startsAt, c.endsAt, c.person])).toEqual([
      ['2026-11-30', '2026-11-30T00:00:00.000Z', '2026-11-30T12:00:00.000Z', '张伟'],
      ['2026-12-06', '2026-12-06T12:00:00.000Z', '2026-12-07T00:00:00.000Z', '李娜'],
    ]);
    // 李娜 is already on a driver's shift that Sunday evening: that copy clashes, the other does not
    const existing = [planned('x', '2026-12-06', '18:00', '22:00', '李娜', 'driver')];
    const clashing = copyWeekPlan(lastWeek, existing);
    expect(clashing.clashes.map((c) => [c.copy.person, c.clash.id])).toEqual([['李娜', 'x']]);
    // copying the same week twice clashes with every shift of the first copy
    const twice = copyWeekPlan(
      lastWeek,
      clean.copies.map((c, i) => ({ ...planned(`c${i}`, c.date, '00:00', '00:00', c.person), ...c })),
    );
    expect(twice.clashes).toHaveLength(2);
  });

  it('also refuses two copies that clash with each other', () => {
    const lastWeek = [planned('a', '2026-11-23', '08:00', '20:00', '张伟'), planned('b', '2026-11-23', '12:00', '16:00', '张伟', 'driver')];
    expect(copyWeekPlan(lastWeek, []).clashes).toHaveLength(1);
  });
});

describe('handover pairing (交接班)', () => {
  const day = { ...shift('day', shanghaiInstant('2026-12-01', 8), 12), role: 'officer' as const };
  const night = { ...shift('night', shanghaiInstant('2026-12-01', 20), 12, 'scheduled'), role: 'officer' as const };
  const driver = { ...shift('driver', shanghaiInstant('2026-12-01', 20), 12, 'scheduled'), role: 'driver' as const };
  const earlier = { ...shift('earlier', shanghaiInstant('2026-11-30', 20), 12, 'handed_over'), role: 'officer' as const };

  it('pairs only the same post, forward in time', () => {
    expect(handoverPairingProblem(day, night)).toBeNull();
    expect(handoverPairingProblem(day, driver)).toMatch(/one post/);
    expect(handoverPairingProblem(day, earlier)).toMatch(/later shift/);
    expect(handoverPairingProblem(day, day)).toMatch(/itself/);
  });

  it('offers the incoming shifts of the same post only, nearest first', () => {
    const later = { ...shift('later', shanghaiInstant('2026-12-02', 8), 12, 'scheduled'), role: 'officer' as const };
    expect(handoverCandidates(day, [later, driver, night, earlier, day]).map((s) => s.id)).toEqual(['night', 'later']);
  });

  it('knows the writer of a handover cannot confirm it', () => {
    expect(confirmsOwnHandover({ writtenBy: 'officer' }, 'officer')).toBe(true);
    expect(confirmsOwnHandover({ writtenBy: 'officer' }, 'leader')).toBe(false);
  });
});
