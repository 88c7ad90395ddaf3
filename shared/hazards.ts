import { z } from 'zod';
import { districtCodeSchema } from './districts.ts';
import { idSchema, instantSchema, textSchema } from './records.ts';

/** 一般隐患 / 重大隐患. */
export const HAZARD_GRADES = ['general', 'major'] as const;

/** Who found it: an inspector, a grid officer (网格员), or a member of the public (举报). */
export const HAZARD_SOURCES = ['inspector', 'grid_officer', 'public_tip_off'] as const;

/**
 * 隐患排查治理, up to 闭环销号: a public tip-off waits for review; a hazard found gets a rectification
 * notice (整改通知), is rectified, submitted for acceptance, re-inspected — rejected back to rectifying or
 * accepted and closed (销号).
 */
export const HAZARD_STATUSES = [
  'reported', // 待审核 (public tip-off)
  'dismissed', // 不予受理
  'found', // 已发现
  'notice', // 已下达整改通知
  'rectifying', // 整改中
  'submitted', // 申请验收
  'reinspection', // 复查中
  'closed', // 已销号
] as const;
export const hazardStatusSchema = z.enum(HAZARD_STATUSES);
export type HazardStatus = z.infer<typeof hazardStatusSchema>;

export const HAZARD_TRANSITIONS: Record<HazardStatus, readonly HazardStatus[]> = {
  reported: ['found', 'dismissed'],
  dismissed: [],
  found: ['notice'],
  notice: ['rectifying'],
  rectifying: ['submitted'],
  submitted: ['reinspection'],
  reinspection: ['closed', 'rectifying'],
  closed: [],
};

export const canMoveHazard = (from: HazardStatus, to: HazardStatus) => HAZARD_TRANSITIONS[from].includes(to);

/** 整改通知: who rectifies, how, by when. */
export const rectificationNoticeSchema = z.strictObject({
  responsiblePerson: textSchema(60),
  measures: textSchema(2000),
  deadline: instantSchema,
});

/** 五落实 of a major hazard: responsibility, measures, funds, deadline, contingency plan. */
export const fiveElementsSchema = z.strictObject({
  responsibility: textSchema(500),
  measures: textSchema(2000),
  funds: textSchema(200),
  deadline: instantSchema,
  contingencyPlan: textSchema(2000),
});

export const hazardStepSchema = z.object({ status: hazardStatusSchema, at: instantSchema, actor: z.string(), note: z.string() });

export const hazardSchema = z.object({
  id: idSchema,
  riskPointId: idSchema.nullable(),
  district: districtCodeSchema,
  title: z.string(),
  description: z.string(),
  grade: z.enum(HAZARD_GRADES),
  source: z.enum(HAZARD_SOURCES),
  foundAt: instantSchema,
  status: hazardStatusSchema,
  notice: rectificationNoticeSchema.nullable(),
  fiveElements: fiveElementsSchema.nullable(),
  history: z.array(hazardStepSchema),
  /** Set by the overdue check when the notice's deadline passed before acceptance. */
  overdueSince: instantSchema.nullable(),
  /** The number in the office's own ledger (台账编号), when the hazard came from one. */
  externalId: z.string().max(64).nullable(),
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type Hazard = z.infer<typeof hazardSchema>;

export const hazardCreateSchema = z.strictObject({
  riskPointId: idSchema,
  title: textSchema(200),
  description: z.string().trim().max(4000).default(''),
  grade: z.enum(HAZARD_GRADES),
  source: z.enum(['inspector', 'grid_officer']),
});

/** The public tip-off form (群众举报): no account needed, so only what a citizen can tell. */
export const tipOffSchema = z.strictObject({
  district: districtCodeSchema,
  title: textSchema(200),
  description: textSchema(4000),
  contact: z.string().trim().max(60).default(''),
});

export const hazardTransitionSchema = z.strictObject({
  status: hazardStatusSchema,
  note: z.string().trim().max(2000).default(''),
  notice: rectificationNoticeSchema.optional(),
  fiveElements: fiveElementsSchema.optional(),
});
export type HazardTransition = z.infer<typeof hazardTransitionSchema>;

/**
 * Why this step cannot be taken, or null. Beyond the lifecycle: a notice needs its content, and a major
 * hazard cannot leave "notice" until all five elements are in place.
 */
export function hazardStepRefusal(hazard: Pick<Hazard, 'status' | 'grade' | 'notice' | 'fiveElements'>, step: HazardTransition): string | null {
  if (!canMoveHazard(hazard.status, step.status)) return `a ${hazard.status} hazard cannot become ${step.status}`;
  if (step.status === 'notice' && !step.notice) return 'a rectification notice needs the responsible person, the measures and the deadline';
  if (hazard.status === 'notice' && hazard.grade === 'major' && !(step.fiveElements ?? hazard.fiveElements))
    return 'a major hazard needs the five elements (responsibility, measures, funds, deadline, contingency plan) before rectification';
  return null;
}

/**
 * The hazard after a step of its closed loop (one `hazardStepRefusal` allowed): the notice and five elements it
 * brought, and the step in the history. One builder for the officers' steps and the demo city's histories.
 */
export function hazardAfterStep(current: Hazard, step: HazardTransition, at: string, actor: string): Hazard {
  return {
    ...current,
    status: step.status,
    notice: step.notice ?? current.notice,
    fiveElements: step.fiveElements ?? current.fiveElements,
    history: [...current.history, { status: step.status, at, actor, note: step.note }],
    updatedAt: at,
  };
}

/** Still to be dealt with: neither closed nor dismissed. */
export const isHazardOpen = (status: HazardStatus) => status !== 'closed' && status !== 'dismissed';

/** Overdue: the rectification deadline has passed and the hazard is not yet accepted. */
export function isHazardOverdue(hazard: Pick<Hazard, 'status' | 'notice'>, now: Date): boolean {
  return isHazardOpen(hazard.status) && hazard.notice !== null && Date.parse(hazard.notice.deadline) < now.getTime();
}

export const hazardQuerySchema = z.object({
  district: districtCodeSchema.optional(),
  status: hazardStatusSchema.optional(),
  grade: z.enum(HAZARD_GRADES).optional(),
  riskPointId: idSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Still open (neither closed nor dismissed): the rows the open-hazard figures count. */
  open: z.enum(['true', 'false']).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

/** What a new hazard says of itself; the rest is where every hazard starts its closed loop. */
export type NewHazard = Pick<Hazard, 'riskPointId' | 'district' | 'title' | 'description' | 'grade' | 'source'> & Partial<Pick<Hazard, 'externalId'>>;

/**
 * A hazard as it enters the closed loop: found by an inspector (`found`), or told by the public and waiting
 * for review (`reported`), with its first step in the history. One builder for every way a hazard comes in
 * (a report, a tip-off, a ledger), so they cannot drift apart.
 */
export function newHazard(
  fields: NewHazard,
  entry: { id: string; status: Extract<HazardStatus, 'found' | 'reported'>; foundAt: string; at: string; actor: string; note: string; demo: boolean },
): Hazard {
  return {
    id: entry.id,
    ...fields,
    foundAt: entry.foundAt,
    status: entry.status,
    notice: null,
    fiveElements: null,
    history: [{ status: entry.status, at: entry.foundAt, actor: entry.actor, note: entry.note }],
    overdueSince: null,
    externalId: fields.externalId ?? null,
    updatedAt: entry.at,
    demo: entry.demo,
  };
}

/** What the figures say of a set of hazards: how many are still open, and how many of those are overdue. */
export interface HazardCounts {
  open: number;
  overdue: number;
}

/**
 * The one rule for hazard figures — a risk point's counts, a district's, the city's on every screen — counted
 * from the hazard records themselves, by the same words the ledger filters with (`isHazardOpen`,
 * `isHazardOverdue`). Never a tally moved by deltas: those drifted into fiction.
 */
export function countHazards(hazards: Iterable<Pick<Hazard, 'status' | 'notice'>>, now: Date): HazardCounts {
  const counts: HazardCounts = { open: 0, overdue: 0 };
  for (const hazard of hazards) {
    if (!isHazardOpen(hazard.status)) continue;
    counts.open++;
    if (isHazardOverdue(hazard, now)) counts.overdue++;
  }
  return counts;
}
