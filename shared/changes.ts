import { z } from 'zod';
import { districtCodeSchema } from './districts.ts';
import { dutyHandoverSchema, dutyLogEntrySchema, dutyRosterSchema, dutyShiftSchema } from './duty.ts';
import { fireAlertSchema } from './fire-alerts.ts';
import { hazardSchema } from './hazards.ts';
import { warningSchema } from './warnings.ts';
import { incidentSchema } from './incidents.ts';
import { notificationSchema } from './notifications.ts';
import { instantSchema, oneOrMany } from './records.ts';
import { riskPointSummarySchema } from './risk-points.ts';

/** Everything a screen holds, and the sequence number of the last change folded into it. */
export const snapshotSchema = z.object({
  seq: z.number().int().min(0),
  riskPoints: z.array(riskPointSummarySchema),
  fireAlerts: z.array(fireAlertSchema),
  duty: dutyRosterSchema,
  /** Open incidents, and those closed in the last week. */
  incidents: z.array(incidentSchema),
  /** Open hazards, and those closed or dismissed in the last week. */
  hazards: z.array(hazardSchema),
  /** Warnings in force (not superseded), and those cancelled in the last week. */
  warnings: z.array(warningSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

const changeMeta = {
  seq: z.number().int().min(1),
  at: instantSchema,
  actor: z.string(),
  /**
   * Set only on a district-filtered stream: the seq of the previous change sent on that stream, so a
   * screen can tell a real gap from changes that were filtered out. Absent means `seq - 1`.
   */
  prevSeq: z.number().int().min(0).optional(),
};

const upsert = <E extends string, T extends z.ZodType>(entity: E, data: T) =>
  z.object({ ...changeMeta, entity: z.literal(entity), op: z.literal('upsert'), data });
const deletion = <E extends string>(entity: E) =>
  z.object({ ...changeMeta, entity: z.literal(entity), op: z.literal('delete'), data: z.object({ id: z.string() }) });

/** One committed change, in global sequence order. Upserts carry the record as screens hold it now. */
export const changeSchema = z.union([
  upsert('riskPoint', riskPointSummarySchema),
  deletion('riskPoint'),
  upsert('fireAlert', fireAlertSchema),
  deletion('fireAlert'),
  upsert('dutyShift', dutyShiftSchema),
  deletion('dutyShift'),
  upsert('dutyHandover', dutyHandoverSchema),
  upsert('dutyLogEntry', dutyLogEntrySchema),
  upsert('incident', incidentSchema),
  upsert('hazard', hazardSchema),
  upsert('warning', warningSchema),
  // seen only by those who act: server/realtime keeps it from walls and observers (seesNotifications)
  upsert('notification', notificationSchema),
]);
export type Change = z.infer<typeof changeSchema>;
/** A change before the log gives it a sequence number and time. */
export type ChangeDraft = Change extends infer C ? (C extends Change ? Omit<C, 'seq' | 'at' | 'actor' | 'prevSeq'> : never) : never;

/** The district a change concerns, if any: district screens get those, plus every change without one. */
export function changeDistrict(change: Pick<Change, 'op' | 'data'>): string | undefined {
  if (change.op !== 'upsert') return undefined;
  return 'district' in change.data ? change.data.district : undefined;
}

export const resumeSchema = z.strictObject({ lastSeq: z.number().int().min(0) });
export type Resume = z.infer<typeof resumeSchema>;

/** `GET /api/snapshot?district=360402,360403`: the picture a district screen starts from. */
export const snapshotQuerySchema = z.object({ district: oneOrMany(districtCodeSchema).optional() });

/** A screen narrows its live feed to some districts; an empty list means the whole city. */
export const subscribeSchema = z.strictObject({ districts: z.array(districtCodeSchema).max(13) });
export type Subscribe = z.infer<typeof subscribeSchema>;
