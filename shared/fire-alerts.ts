import { z } from 'zod';
import { districtCodeSchema } from './districts.ts';
import { distanceKm, latSchema, lonSchema } from './geo.ts';
import { idSchema, instantSchema } from './records.ts';

export const FIRE_ALERT_SOURCES = ['satellite', 'watchtower', 'patrol', 'public_report'] as const;
export const fireAlertSourceSchema = z.enum(FIRE_ALERT_SOURCES);
export type FireAlertSource = z.infer<typeof fireAlertSourceSchema>;

export const FIRE_ALERT_STATUSES = [
  'new', // 新警情
  'acknowledged', // 已接警
  'verifying', // 核查中
  'confirmed', // 已确认
  'false_alarm', // 误报
  'responding', // 处置中
  'extinguished', // 已扑灭
  'closed', // 已办结
] as const;
export const fireAlertStatusSchema = z.enum(FIRE_ALERT_STATUSES);
export type FireAlertStatus = z.infer<typeof fireAlertStatusSchema>;

/** The lifecycle of a forest-fire alert: every status lists the statuses it may move to. */
export const FIRE_ALERT_TRANSITIONS: Record<FireAlertStatus, readonly FireAlertStatus[]> = {
  new: ['acknowledged'],
  acknowledged: ['verifying'],
  verifying: ['confirmed', 'false_alarm'],
  confirmed: ['responding'],
  false_alarm: ['closed'],
  responding: ['extinguished'],
  extinguished: ['closed'],
  closed: [],
};

export function allowedNextStatuses(status: FireAlertStatus): readonly FireAlertStatus[] {
  return FIRE_ALERT_TRANSITIONS[status];
}

/** When an alert was reported: the first step of its history. */
export const reportedAt = (alert: Pick<FireAlert, 'history' | 'detectedAt'>) => alert.history[0]?.at ?? alert.detectedAt;

/** An alert still untaken `afterMs` after it was reported is escalated to the leader on duty, once. */
export function dueForEscalation(alert: FireAlert, now: Date, afterMs: number): boolean {
  return alert.status === 'new' && alert.escalatedAt === null && alert.heatSource === null && Date.parse(reportedAt(alert)) + afterMs <= now.getTime();
}

/** How hotspots merge: detections this close, this soon after the alert's last one, are the same fire. */
export interface MergeRule {
  distanceKm: number;
  windowMs: number;
}

/**
 * The active satellite alert a new detection belongs to, if any: within the distance of any of its
 * detections and the time window of its latest one. The nearest wins.
 */
export function mergeTarget(alerts: readonly FireAlert[], detection: Pick<Detection, 'lon' | 'lat' | 'at'>, rule: MergeRule): FireAlert | undefined {
  let best: { alert: FireAlert; km: number } | undefined;
  for (const alert of alerts) {
    if (alert.source !== 'satellite' || !isActiveFireAlert(alert.status) || alert.detections.length === 0) continue;
    const latest = Math.max(...alert.detections.map((d) => Date.parse(d.at)));
    if (Math.abs(Date.parse(detection.at) - latest) > rule.windowMs) continue;
    const km = Math.min(...alert.detections.map((d) => distanceKm(d, detection)));
    if (km <= rule.distanceKm && (!best || km < best.km)) best = { alert, km };
  }
  return best?.alert;
}

export function canTransition(from: FireAlertStatus, to: FireAlertStatus): boolean {
  return FIRE_ALERT_TRANSITIONS[from].includes(to);
}

/** Alerts that still need someone to act: everything before the fire is out or dismissed. */
export function isActiveFireAlert(status: FireAlertStatus): boolean {
  return status !== 'closed' && status !== 'extinguished' && status !== 'false_alarm';
}

export const fireAlertStepSchema = z.object({
  status: fireAlertStatusSchema,
  at: instantSchema,
  actor: z.string(),
  note: z.string(),
});
export type FireAlertStep = z.infer<typeof fireAlertStepSchema>;

/**
 * The ground a satellite pixel covers (FIRMS `scan` × `track`, in km): the fire is somewhere inside it, so
 * the map draws the whole pixel rather than a point. Scan runs across the satellite's path, track along it.
 */
export const footprintSchema = z.strictObject({
  scanKm: z.number().positive().max(20),
  trackKm: z.number().positive().max(20),
});
export type Footprint = z.infer<typeof footprintSchema>;

/** One satellite detection merged into an alert: every pass that saw the fire is kept. */
export const detectionSchema = z.object({
  at: instantSchema,
  lon: lonSchema,
  lat: latSchema,
  confidence: z.number().min(0).max(100).nullable(),
  frpMw: z.number().min(0).nullable(),
  footprint: footprintSchema.nullable(),
});
export type Detection = z.infer<typeof detectionSchema>;

export const fireAlertSchema = z.object({
  id: idSchema,
  source: fireAlertSourceSchema,
  lon: lonSchema,
  lat: latSchema,
  district: districtCodeSchema,
  description: z.string(),
  detectedAt: instantSchema,
  /** 0–100; satellites give it per detection, a person's report has none. */
  confidence: z.number().min(0).max(100).nullable(),
  /** Fire radiative power in MW, where a satellite measured it. */
  frpMw: z.number().min(0).nullable(),
  /** Where a satellite detected it and the pixel size is known. */
  footprint: footprintSchema.nullable(),
  status: fireAlertStatusSchema,
  /** Every transition with who and when, oldest first; the first step is the report itself. */
  history: z.array(fireAlertStepSchema),
  /** Satellite detections merged into this alert, the first one included; empty for a person's report. */
  detections: z.array(detectionSchema),
  /** When nobody had taken the alert in time and the leader on duty was called on; null otherwise. */
  escalatedAt: instantSchema.nullable(),
  /** The known industrial heat source this satellite hotspot lies on (flagged, not alarmed); null otherwise. */
  heatSource: z.string().nullable(),
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type FireAlert = z.infer<typeof fireAlertSchema>;

export const fireAlertReportSchema = z.strictObject({
  lon: lonSchema,
  lat: latSchema,
  source: fireAlertSourceSchema,
  description: z.string().trim().max(2000).default(''),
  detectedAt: instantSchema.optional(),
  confidence: z.number().min(0).max(100).optional(),
  frpMw: z.number().min(0).max(100_000).optional(),
  footprint: footprintSchema.optional(),
});
export type FireAlertReport = z.infer<typeof fireAlertReportSchema>;

export const fireAlertTransitionSchema = z.strictObject({
  status: fireAlertStatusSchema,
  note: z.string().trim().max(2000).default(''),
});
export type FireAlertTransition = z.infer<typeof fireAlertTransitionSchema>;

export const fireAlertQuerySchema = z.object({
  status: fireAlertStatusSchema.optional(),
  district: districtCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/**
 * Alerts a duty officer has not yet taken: they pulse on the map and flash in the feed. A hotspot on a known
 * industrial heat source is flagged instead: shown, never alarming.
 */
export function needsAttention(alert: FireAlert): boolean {
  return alert.status === 'new' && alert.heatSource === null;
}
