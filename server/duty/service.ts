import { type DutyShift, dutyShiftPatchSchema, localDutyDate } from '../../shared/duty.ts';
import { idSchema } from '../../shared/records.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { notFound, parseInput } from '../errors.ts';
import { findDutyShift, listDutyShifts, saveDutyShift } from './repository.ts';

const DAY_MS = 86_400_000;

/** Yesterday, today and tomorrow (local days): enough to cover a night shift and the next hand-over. */
export function dutyDatesAround(now: Date): string[] {
  return [-1, 0, 1].map((d) => localDutyDate(new Date(now.getTime() + d * DAY_MS)));
}

export function dutyRosterAround(deps: DomainDeps, now: Date): Promise<DutyShift[]> {
  return listDutyShifts(deps.store.db, dutyDatesAround(now));
}

/** Check-in, stepping away, swapping the person: the first time someone goes on post is recorded. */
export async function updateDutyShift(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<DutyShift> {
  const shiftId = parseInput(idSchema, id, 'duty shift id');
  const patch = parseInput(dutyShiftPatchSchema, input, 'duty shift change');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findDutyShift(trx, shiftId);
    if (!current) throw notFound('duty shift', shiftId);
    const at = now.toISOString();
    const checkedInAt = patch.status === 'on_post' && current.checkedInAt === null ? at : current.checkedInAt;
    const next: DutyShift = { ...current, ...patch, checkedInAt, updatedAt: at };
    await saveDutyShift(trx, next);
    return {
      result: next,
      changes: [{ entity: 'dutyShift', op: 'upsert', data: next }],
      audit: { action: 'dutyShift.update', entity: 'dutyShift', entityId: next.id, before: current, after: next },
    };
  });
}
