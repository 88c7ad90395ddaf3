import { z } from 'zod';
import { idSchema, instantSchema, phoneSchema, textSchema } from './records.ts';

export const DUTY_ROLES = [
  'leader', // 带班领导
  'officer', // 值班员
  'tech_support', // 技术保障
  'driver', // 驾驶员
] as const;
export const dutyRoleSchema = z.enum(DUTY_ROLES);
export type DutyRole = z.infer<typeof dutyRoleSchema>;

export const DUTY_STATUSES = [
  'scheduled', // 待上岗
  'on_post', // 在岗
  'away', // 暂离
  'handed_over', // 已交班
  'absent', // 缺岗
] as const;
export const dutyStatusSchema = z.enum(DUTY_STATUSES);
export type DutyStatus = z.infer<typeof dutyStatusSchema>;

/** A calendar day in Asia/Shanghai, `YYYY-MM-DD`: the roster is planned by local day. */
export const dutyDateSchema = z.iso.date();

export const dutyShiftSchema = z.object({
  id: idSchema,
  date: dutyDateSchema,
  startsAt: instantSchema,
  endsAt: instantSchema,
  role: dutyRoleSchema,
  person: z.string(),
  phone: z.string(),
  status: dutyStatusSchema,
  checkedInAt: instantSchema.nullable(),
  /** When the person left the post after a confirmed handover. */
  checkedOutAt: instantSchema.nullable(),
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type DutyShift = z.infer<typeof dutyShiftSchema>;

export const dutyShiftPatchSchema = z
  .strictObject({
    status: dutyStatusSchema,
    person: textSchema(60),
    phone: phoneSchema,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must change at least one field' });
export type DutyShiftPatch = z.infer<typeof dutyShiftPatchSchema>;

export const dutyRosterQuerySchema = z.object({ date: dutyDateSchema.optional() });

/** Already took the post: checked in, or handed the duty by a confirmed handover, maybe before the shift's start. */
const tookPost = (s: DutyShift) => s.status === 'on_post' || s.status === 'away';

/**
 * Whoever's shift covers `now` and has not been handed over or missed, and whoever took the post early (the
 * handover was confirmed before the planned change): derived, never stored.
 */
export function shiftsOnDutyAt(shifts: readonly DutyShift[], now: Date): DutyShift[] {
  const t = now.getTime();
  return shifts.filter((s) => (Date.parse(s.startsAt) <= t || tookPost(s)) && t < Date.parse(s.endsAt) && s.status !== 'handed_over' && s.status !== 'absent');
}

/** The next hand-over: every shift that starts at the earliest start after `now`, but those already on post. */
export function nextShifts(shifts: readonly DutyShift[], now: Date): DutyShift[] {
  const t = now.getTime();
  const upcoming = shifts.filter((s) => Date.parse(s.startsAt) > t && !tookPost(s)).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const firstStart = upcoming[0]?.startsAt;
  return firstStart === undefined ? [] : upcoming.filter((s) => s.startsAt === firstStart);
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has kept UTC+8 all year since 1991

/** The Asia/Shanghai calendar day of an instant. */
export function localDutyDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local Shanghai wall-clock time happens on a given duty date. */
export function shanghaiInstant(date: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS + (hour * 60 + minute) * 60_000);
}

/** A new shift on the roster. */
export const dutyShiftCreateSchema = z
  .strictObject({
    date: dutyDateSchema,
    startsAt: instantSchema,
    endsAt: instantSchema,
    role: dutyRoleSchema,
    person: textSchema(60),
    phone: phoneSchema,
  })
  .refine((s) => Date.parse(s.startsAt) < Date.parse(s.endsAt), { message: 'a shift must end after it starts', path: ['endsAt'] });

const overlaps = (a: Pick<DutyShift, 'startsAt' | 'endsAt'>, b: Pick<DutyShift, 'startsAt' | 'endsAt'>) =>
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

/** The shift that would put the same person in two places at once, if any: such a roster is refused. */
export function conflictingShift(shifts: readonly DutyShift[], candidate: Pick<DutyShift, 'id' | 'person' | 'startsAt' | 'endsAt'>): DutyShift | undefined {
  const person = candidate.person.trim();
  return shifts.find((s) => s.id !== candidate.id && s.person.trim() === person && overlaps(s, candidate));
}

/** 交接班: the outgoing shift writes what the next must know; the next confirms it has read it. */
export const HANDOVER_STATUSES = ['pending', 'confirmed'] as const;
export const dutyHandoverSchema = z.object({
  id: idSchema,
  fromShiftId: idSchema,
  toShiftId: idSchema,
  note: z.string(),
  status: z.enum(HANDOVER_STATUSES),
  writtenBy: z.string(),
  writtenAt: instantSchema,
  confirmedBy: z.string().nullable(),
  confirmedAt: instantSchema.nullable(),
  demo: z.boolean(),
});
export type DutyHandover = z.infer<typeof dutyHandoverSchema>;

export const dutyHandoverCreateSchema = z.strictObject({
  fromShiftId: idSchema,
  toShiftId: idSchema,
  note: textSchema(4000),
});

/** 值班日志: what happened during a shift, as it happened. */
export const DUTY_LOG_KINDS = ['note', 'call', 'instruction', 'report'] as const;
export const dutyLogEntrySchema = z.object({
  id: idSchema,
  /** The local day the entry belongs to. */
  date: dutyDateSchema,
  at: instantSchema,
  kind: z.enum(DUTY_LOG_KINDS),
  text: z.string(),
  author: z.string(),
  demo: z.boolean(),
});
export type DutyLogEntry = z.infer<typeof dutyLogEntrySchema>;

export const dutyLogCreateSchema = z.strictObject({
  kind: z.enum(DUTY_LOG_KINDS).default('note'),
  text: textSchema(2000),
});

/** The duty part of a snapshot: the shifts, handovers and log around now (yesterday to tomorrow, local days). */
export const dutyRosterSchema = z.object({
  shifts: z.array(dutyShiftSchema),
  handovers: z.array(dutyHandoverSchema),
  log: z.array(dutyLogEntrySchema),
});
export type DutyRoster = z.infer<typeof dutyRosterSchema>;

const DAY_MS = 86_400_000;

/** Yesterday, today and tomorrow (local days): enough to cover a night shift and the next hand-over. */
export function dutyDatesAround(now: Date): string[] {
  return [-1, 0, 1].map((d) => localDutyDate(new Date(now.getTime() + d * DAY_MS)));
}

// ——— 排班: the week plan ———

/** The posts a week is planned by, in the order the plan lists them (one row each). */
export const DUTY_POSTS = DUTY_ROLES;

/** A week holds at most this many shifts: four posts, two shifts a day, with room for split shifts. */
export const MAX_SHIFTS_PER_WEEK = 200;

/** The Monday (Asia/Shanghai, `YYYY-MM-DD`) of the week a local day falls in: the office plans Mon–Sun. */
export function dutyWeekStart(date: string): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  const fromMonday = (day.getUTCDay() + 6) % 7; // Sunday is the 7th day of the office's week, not the 1st
  return new Date(day.getTime() - fromMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The seven local days of the week that starts on `monday`. */
export function dutyWeekDates(monday: string): string[] {
  const start = Date.parse(`${monday}T00:00:00.000Z`);
  return Array.from({ length: 7 }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

/** A local day moved by whole days (a week back is -7). */
export function addDutyDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Any day of the week asked for; the week is the one it falls in (today's when absent). */
export const dutyWeekQuerySchema = z.object({ week: dutyDateSchema.optional() });

export const dutyWeekSchema = z.object({
  /** The week's Monday. */
  week: dutyDateSchema,
  dates: z.array(dutyDateSchema),
  shifts: z.array(dutyShiftSchema),
});
export type DutyWeek = z.infer<typeof dutyWeekSchema>;

/** 复制上周: the week (any day of it) that receives a copy of the week before. */
export const dutyWeekCopySchema = z.strictObject({ week: dutyDateSchema });

/** A shift as planned, before it has an id or a status. */
export type PlannedShift = Pick<DutyShift, 'date' | 'startsAt' | 'endsAt' | 'role' | 'person' | 'phone'>;

/** One copy that cannot go in: the copied shift, and the shift (existing or another copy) it would clash with. */
export interface CopyClash {
  copy: PlannedShift;
  clash: Pick<DutyShift, 'id' | 'date' | 'startsAt' | 'endsAt' | 'role' | 'person'>;
}

/**
 * The plan of `source` moved by seven days, and every copy that would put a person on two overlapping shifts
 * (against `existing` or against another copy). A copy identical to a shift already there clashes too: copying
 * the same week twice must not double it.
 */
export function copyWeekPlan(source: readonly DutyShift[], existing: readonly DutyShift[]): { copies: PlannedShift[]; clashes: CopyClash[] } {
  const week = 7 * DAY_MS;
  const copies = source.map((s) => ({
    date: addDutyDays(s.date, 7),
    startsAt: new Date(Date.parse(s.startsAt) + week).toISOString(),
    endsAt: new Date(Date.parse(s.endsAt) + week).toISOString(),
    role: s.role,
    person: s.person,
    phone: s.phone,
  }));
  const clashes: CopyClash[] = [];
  const placed: DutyShift[] = [...existing];
  copies.forEach((copy, i) => {
    const candidate = { id: `copy-${i}`, ...copy };
    const clash = conflictingShift(placed, candidate);
    if (clash) clashes.push({ copy, clash });
    else placed.push({ ...candidate, status: 'scheduled', checkedInAt: null, checkedOutAt: null, updatedAt: copy.startsAt, demo: false });
  });
  return { copies, clashes };
}

// ——— 交接班: pairing and confirming ———

/**
 * Why `from` cannot hand over to `to`, or null when it may: a handover passes one post's duty to the next
 * person on the same post (the officer's to the next officer, never to the driver), and goes forward in time.
 */
export function handoverPairingProblem(from: Pick<DutyShift, 'id' | 'role' | 'startsAt'>, to: Pick<DutyShift, 'id' | 'role' | 'startsAt'>): string | null {
  if (from.id === to.id) return 'a shift cannot hand over to itself';
  if (from.role !== to.role) return `a handover stays on one post: ${from.role} hands over to the next ${from.role}, not to ${to.role}`;
  if (Date.parse(to.startsAt) <= Date.parse(from.startsAt)) return 'a handover goes to a later shift';
  return null;
}

/** The shifts `from` may hand over to, nearest first: later shifts of the same post not yet begun or handed over. */
export function handoverCandidates(from: DutyShift, shifts: readonly DutyShift[]): DutyShift[] {
  return shifts
    .filter((s) => handoverPairingProblem(from, s) === null && (s.status === 'scheduled' || s.status === 'on_post'))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** Whether `actor` may confirm the handover: the person who wrote it cannot also say they have received it. */
export const confirmsOwnHandover = (handover: Pick<DutyHandover, 'writtenBy'>, actor: string): boolean => handover.writtenBy === actor;

/** The recent handovers as the duty panel keeps them in view. */
export const dutyHandoverListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** A handover as the list of recent ones shows it: with the two shifts it joins. */
export const dutyHandoverListedSchema = dutyHandoverSchema.extend({ from: dutyShiftSchema.nullable(), to: dutyShiftSchema.nullable() });
export type DutyHandoverListed = z.infer<typeof dutyHandoverListedSchema>;

/**
 * A shift's start and end from a local day and wall-clock hours (`HH:MM`, Beijing time); an end at or before
 * the start is the next day's, as a night shift 20:00–08:00 is.
 */
export function shiftTimes(date: string, start: string, end: string): { startsAt: string; endsAt: string; overnight: boolean } {
  const hm = (t: string) => [Number(t.slice(0, 2)), Number(t.slice(3, 5))] as const;
  const overnight = end <= start;
  return {
    startsAt: shanghaiInstant(date, ...hm(start)).toISOString(),
    endsAt: shanghaiInstant(overnight ? addDutyDays(date, 1) : date, ...hm(end)).toISOString(),
    overnight,
  };
}
