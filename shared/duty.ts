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

/** Whoever's shift covers `now` and has not been handed over or missed: derived, never stored. */
export function shiftsOnDutyAt(shifts: readonly DutyShift[], now: Date): DutyShift[] {
  const t = now.getTime();
  return shifts.filter((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt) && s.status !== 'handed_over' && s.status !== 'absent');
}

/** The next hand-over: every shift that starts at the earliest start after `now`. */
export function nextShifts(shifts: readonly DutyShift[], now: Date): DutyShift[] {
  const t = now.getTime();
  const upcoming = shifts.filter((s) => Date.parse(s.startsAt) > t).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
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
