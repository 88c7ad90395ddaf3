import { z } from 'zod';
import { districtCodeSchema } from './districts.ts';
import { latSchema, lonSchema } from './geo.ts';
import { idSchema, instantSchema, textSchema } from './records.ts';

export const INCIDENT_TYPES = ['forest_fire', 'hazardous_chemicals', 'flood', 'geological', 'mine', 'traffic', 'other'] as const;

/** 首报, 续报, 终报: an incident is reported first, then followed up, and closed by its final report. */
export const REPORT_KINDS = ['initial', 'follow_up', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const incidentReportSchema = z.object({
  kind: z.enum(REPORT_KINDS),
  at: instantSchema,
  author: z.string(),
  text: z.string(),
});
export type IncidentReport = z.infer<typeof incidentReportSchema>;

/** 信息报送: an incident and the reports made on it to the higher authorities, oldest first. */
export const incidentSchema = z.object({
  id: idSchema,
  title: z.string(),
  type: z.enum(INCIDENT_TYPES),
  district: districtCodeSchema,
  lon: lonSchema,
  lat: latSchema,
  occurredAt: instantSchema,
  /** The fire alert it was opened from, if any. */
  fireAlertId: idSchema.nullable(),
  reports: z.array(incidentReportSchema),
  openedBy: z.string(),
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentCreateSchema = z.strictObject({
  title: textSchema(200),
  type: z.enum(INCIDENT_TYPES),
  lon: lonSchema,
  lat: latSchema,
  occurredAt: instantSchema.optional(),
  fireAlertId: idSchema.optional(),
});

export const incidentReportCreateSchema = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  text: textSchema(8000),
});

/** How soon reports are due: the initial one after the incident, then a follow-up this often until the final. */
export const reportingRulesSchema = z.object({ initialMin: z.number().int().positive(), followUpMin: z.number().int().positive() });
export type ReportingRules = z.infer<typeof reportingRulesSchema>;

export interface ReportingState {
  /** The report due next; null once the final report is in. */
  due: ReportKind | null;
  /** When it is due. */
  deadline: string | null;
  overdue: boolean;
}

const MINUTE = 60_000;

/** What an incident owes its superiors at `now`: the next report and its deadline, and whether it is late. */
export function reportingState(incident: Pick<Incident, 'occurredAt' | 'reports'>, now: Date, rules: ReportingRules): ReportingState {
  if (incident.reports.some((r) => r.kind === 'final')) return { due: null, deadline: null, overdue: false };
  const last = incident.reports.at(-1);
  const deadline = last ? new Date(Date.parse(last.at) + rules.followUpMin * MINUTE) : new Date(Date.parse(incident.occurredAt) + rules.initialMin * MINUTE);
  return { due: last ? 'follow_up' : 'initial', deadline: deadline.toISOString(), overdue: now.getTime() > deadline.getTime() };
}

/** Why a report of this kind cannot be made now, or null: the initial comes first and once, nothing after the final. */
export function reportRefusal(incident: Pick<Incident, 'reports'>, kind: ReportKind): string | null {
  const kinds = incident.reports.map((r) => r.kind);
  if (kinds.includes('final')) return 'the final report has been made; the incident is closed';
  if (kind === 'initial') return kinds.includes('initial') ? 'the initial report has been made already' : null;
  return kinds.includes('initial') ? null : 'make the initial report first';
}

export const isIncidentOpen = (incident: Pick<Incident, 'reports'>) => !incident.reports.some((r) => r.kind === 'final');
