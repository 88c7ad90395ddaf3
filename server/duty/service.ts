import {
  addDutyDays,
  confirmsOwnHandover,
  conflictingShift,
  copyWeekPlan,
  dutyDatesAround,
  type DutyHandover,
  dutyHandoverCreateSchema,
  dutyLogCreateSchema,
  type DutyLogEntry,
  type DutyShift,
  dutyShiftCreateSchema,
  dutyShiftPatchSchema,
  dutyWeekCopySchema,
  dutyWeekDates,
  dutyWeekStart,
  handoverPairingProblem,
  localDutyDate,
  MAX_SHIFTS_PER_WEEK,
} from '../../shared/duty.ts';
import { idSchema } from '../../shared/records.ts';
import type { Actor, Trx } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { findDutyShift, findHandover, insertDutyLogEntry, listDutyShifts, listHandovers, saveDutyShift, saveHandover } from './repository.ts';
import { newRecordId } from '../db/ids.ts';

export function dutyRosterAround(deps: DomainDeps, now: Date): Promise<DutyShift[]> {
  return listDutyShifts(deps.store.db, dutyDatesAround(now));
}

const shiftAudit = (action: string, before: DutyShift | null, after: DutyShift) => ({ action, entity: 'dutyShift', entityId: after.id, before, after });

/** Keeps a week's plan bounded, so a week's view and its copy stay bounded too. */
async function refuseFullWeek(trx: Trx, date: string, adding: number): Promise<void> {
  const planned = (await listDutyShifts(trx, dutyWeekDates(dutyWeekStart(date)))).length;
  if (planned + adding > MAX_SHIFTS_PER_WEEK)
    throw new ApiError('conflict', `a week holds at most ${MAX_SHIFTS_PER_WEEK} shifts; this one has ${planned}`, { planned, max: MAX_SHIFTS_PER_WEEK });
}

/** Refuses a roster that puts one person on two overlapping shifts. */
async function refuseConflict(trx: Trx, shift: DutyShift): Promise<void> {
  const around = await listDutyShifts(trx, [...new Set([...dutyDatesAround(new Date(shift.startsAt)), ...dutyDatesAround(new Date(shift.endsAt))])]);
  const clash = conflictingShift(around, shift);
  if (clash)
    throw new ApiError('conflict', `${shift.person} is already on duty then (${clash.role}, ${clash.startsAt} – ${clash.endsAt})`, { shiftId: clash.id });
}

export async function createDutyShift(deps: DomainDeps, input: unknown, actor: Actor): Promise<DutyShift> {
  const body = parseInput(dutyShiftCreateSchema, input, 'duty shift');
  return deps.store.write(actor, async (trx, now) => {
    const shift: DutyShift = {
      id: newRecordId('ds'),
      ...body,
      status: 'scheduled',
      checkedInAt: null,
      checkedOutAt: null,
      updatedAt: now.toISOString(),
      demo: deps.demo,
    };
    await refuseConflict(trx, shift);
    await refuseFullWeek(trx, shift.date, 1);
    await saveDutyShift(trx, shift);
    return { result: shift, changes: [{ entity: 'dutyShift', op: 'upsert', data: shift }], audit: shiftAudit('dutyShift.create', null, shift) };
  });
}

/** Stepping away, swapping the person: the first time someone goes on post is recorded. */
export async function updateDutyShift(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<DutyShift> {
  const shiftId = parseInput(idSchema, id, 'duty shift id');
  const patch = parseInput(dutyShiftPatchSchema, input, 'duty shift change');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findDutyShift(trx, shiftId);
    if (!current) throw notFound('duty shift', shiftId);
    const at = now.toISOString();
    const checkedInAt = patch.status === 'on_post' && current.checkedInAt === null ? at : current.checkedInAt;
    const next: DutyShift = { ...current, ...patch, checkedInAt, updatedAt: at };
    if (patch.person !== undefined) await refuseConflict(trx, next);
    await saveDutyShift(trx, next);
    return { result: next, changes: [{ entity: 'dutyShift', op: 'upsert', data: next }], audit: shiftAudit('dutyShift.update', current, next) };
  });
}

/** 签到: the person takes the post. */
export async function checkIn(deps: DomainDeps, id: unknown, actor: Actor): Promise<DutyShift> {
  const shiftId = parseInput(idSchema, id, 'duty shift id');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findDutyShift(trx, shiftId);
    if (!current) throw notFound('duty shift', shiftId);
    if (current.status === 'handed_over') throw new ApiError('conflict', 'this shift has been handed over already');
    const at = now.toISOString();
    const next: DutyShift = { ...current, status: 'on_post', checkedInAt: current.checkedInAt ?? at, updatedAt: at };
    await saveDutyShift(trx, next);
    return { result: next, changes: [{ entity: 'dutyShift', op: 'upsert', data: next }], audit: shiftAudit('dutyShift.checkIn', current, next) };
  });
}

/** 签退: only after the next shift has confirmed the handover — nobody leaves the post unattended. */
export async function checkOut(deps: DomainDeps, id: unknown, actor: Actor): Promise<DutyShift> {
  const shiftId = parseInput(idSchema, id, 'duty shift id');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findDutyShift(trx, shiftId);
    if (!current) throw notFound('duty shift', shiftId);
    const confirmed = (await listHandovers(trx, [shiftId])).some((h) => h.fromShiftId === shiftId && h.status === 'confirmed');
    if (!confirmed) throw new ApiError('conflict', 'write the handover and have the next shift confirm it before checking out');
    const at = now.toISOString();
    const next: DutyShift = { ...current, status: 'handed_over', checkedOutAt: at, updatedAt: at };
    await saveDutyShift(trx, next);
    return { result: next, changes: [{ entity: 'dutyShift', op: 'upsert', data: next }], audit: shiftAudit('dutyShift.checkOut', current, next) };
  });
}

/** 交接班记录: the outgoing shift writes what the next must know. */
export async function writeHandover(deps: DomainDeps, input: unknown, actor: Actor): Promise<DutyHandover> {
  const body = parseInput(dutyHandoverCreateSchema, input, 'handover');
  return deps.store.write(actor, async (trx, now) => {
    const [from, to] = await Promise.all([findDutyShift(trx, body.fromShiftId), findDutyShift(trx, body.toShiftId)]);
    if (!from) throw notFound('duty shift', body.fromShiftId);
    if (!to) throw notFound('duty shift', body.toShiftId);
    if (from.status !== 'on_post' && from.status !== 'away') throw new ApiError('conflict', 'only a shift on duty can hand over');
    const problem = handoverPairingProblem(from, to);
    if (problem) throw new ApiError('conflict', problem, { fromRole: from.role, toRole: to.role });
    const handover: DutyHandover = {
      id: newRecordId('ho'),
      ...body,
      status: 'pending',
      writtenBy: actor.name,
      writtenAt: now.toISOString(),
      confirmedBy: null,
      confirmedAt: null,
      demo: deps.demo,
    };
    await saveHandover(trx, handover);
    return {
      result: handover,
      changes: [{ entity: 'dutyHandover', op: 'upsert', data: handover }],
      audit: { action: 'dutyHandover.write', entity: 'dutyHandover', entityId: handover.id, before: null, after: handover },
    };
  });
}

/** The next shift confirms it has read the handover: it is on post now, the outgoing shift is relieved. */
export async function confirmHandover(deps: DomainDeps, id: unknown, actor: Actor): Promise<DutyHandover> {
  const handoverId = parseInput(idSchema, id, 'handover id');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findHandover(trx, handoverId);
    if (!current) throw notFound('handover', handoverId);
    if (current.status !== 'pending') throw new ApiError('conflict', 'this handover has been confirmed already');
    // a handover is two people's word: the one leaving and the one taking over
    if (confirmsOwnHandover(current, actor.name))
      throw new ApiError('forbidden', 'the person who wrote a handover cannot confirm it: the incoming shift confirms it');
    const at = now.toISOString();
    const handover: DutyHandover = { ...current, status: 'confirmed', confirmedBy: actor.name, confirmedAt: at };
    const [from, to] = await Promise.all([findDutyShift(trx, current.fromShiftId), findDutyShift(trx, current.toShiftId)]);
    const shifts: DutyShift[] = [];
    if (to) shifts.push({ ...to, status: 'on_post', checkedInAt: to.checkedInAt ?? at, updatedAt: at });
    if (from) shifts.push({ ...from, status: 'handed_over', checkedOutAt: at, updatedAt: at });
    await saveHandover(trx, handover);
    for (const shift of shifts) await saveDutyShift(trx, shift);
    return {
      result: handover,
      changes: [
        { entity: 'dutyHandover', op: 'upsert', data: handover },
        ...shifts.map((data) => ({ entity: 'dutyShift' as const, op: 'upsert' as const, data })),
      ],
      audit: { action: 'dutyHandover.confirm', entity: 'dutyHandover', entityId: handover.id, before: current, after: { handover, shifts } },
    };
  });
}

/** 值班日志: an entry in today's log (local day), signed by whoever wrote it. */
export async function addDutyLogEntry(deps: DomainDeps, input: unknown, actor: Actor): Promise<DutyLogEntry> {
  const body = parseInput(dutyLogCreateSchema, input, 'duty log entry');
  return deps.store.write(actor, async (trx, now) => {
    const entry: DutyLogEntry = { id: newRecordId('log'), date: localDutyDate(now), at: now.toISOString(), ...body, author: actor.name, demo: deps.demo };
    await insertDutyLogEntry(trx, entry);
    return {
      result: entry,
      changes: [{ entity: 'dutyLogEntry', op: 'upsert', data: entry }],
      audit: { action: 'dutyLog.add', entity: 'dutyLogEntry', entityId: entry.id, before: null, after: entry },
    };
  });
}

/** 排班 for one week (Mon–Sun, local days): its shifts, bounded by the week's own bound. */
export async function dutyWeek(deps: DomainDeps, anyDay: string): Promise<{ week: string; dates: string[]; shifts: DutyShift[] }> {
  const week = dutyWeekStart(anyDay);
  const dates = dutyWeekDates(week);
  return { week, dates, shifts: (await listDutyShifts(deps.store.db, dates)).slice(0, MAX_SHIFTS_PER_WEEK) };
}

/**
 * 复制上周: every shift of the week before, seven days later, in one write. All or nothing: a copy that would
 * put someone on two overlapping shifts refuses the whole copy, and the refusal lists every such copy, so the
 * planner fixes them at once rather than finding a half-copied week.
 */
export async function copyPreviousWeek(deps: DomainDeps, input: unknown, actor: Actor): Promise<DutyShift[]> {
  const { week: anyDay } = parseInput(dutyWeekCopySchema, input, 'week copy');
  const week = dutyWeekStart(anyDay);
  return deps.store.write(actor, async (trx, now) => {
    const source = await listDutyShifts(trx, dutyWeekDates(addDutyDays(week, -7)));
    if (source.length === 0) throw new ApiError('conflict', 'the week before has no shifts to copy', { copied: 0 });
    // a night shift of the week's last day runs into the next: look one day beyond either side
    const existing = await listDutyShifts(trx, [addDutyDays(week, -1), ...dutyWeekDates(week), addDutyDays(week, 7)]);
    const inWeek = existing.filter((s) => s.date >= week && s.date <= addDutyDays(week, 6)).length;
    if (inWeek + source.length > MAX_SHIFTS_PER_WEEK)
      throw new ApiError('conflict', `a week holds at most ${MAX_SHIFTS_PER_WEEK} shifts`, { planned: inWeek, copying: source.length });
    const { copies, clashes } = copyWeekPlan(source, existing);
    if (clashes.length > 0)
      throw new ApiError(
        'conflict',
        `${clashes.length} of ${copies.length} copies would put a person on two shifts at once: ${clashes
          .map((c) => `${c.copy.person} (${c.copy.role} ${c.copy.startsAt}) clashes with ${c.clash.role} ${c.clash.startsAt} – ${c.clash.endsAt}`)
          .join('; ')}`,
        { clashes },
      );
    const at = now.toISOString();
    const created: DutyShift[] = copies.map((copy) => ({
      id: newRecordId('ds'),
      ...copy,
      status: 'scheduled',
      checkedInAt: null,
      checkedOutAt: null,
      updatedAt: at,
      demo: deps.demo,
    }));
    for (const shift of created) await saveDutyShift(trx, shift);
    return {
      result: created,
      changes: created.map((data) => ({ entity: 'dutyShift' as const, op: 'upsert' as const, data })),
      audit: { action: 'dutyShift.copyWeek', entity: 'dutyShift', entityId: null, before: null, after: { week, copied: created.length } },
    };
  });
}
