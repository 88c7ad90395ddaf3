import { z } from 'zod';
import { idSchema, instantSchema } from './records.ts';
import { type RiskLevel, riskLevelSchema } from './risk-points.ts';

/**
 * How a risk point comes to be on the books: 摸底 (found in the survey) → 评估 (its level assessed and
 * confirmed) → 建档 (filed in the ledger) → 上网 (published on the map layers). One step at a time; a point
 * with no recorded step stands at 摸底, as a new one does.
 */
export const RISK_STAGES = ['survey', 'assessed', 'filed', 'online'] as const;
export const riskStageSchema = z.enum(RISK_STAGES);
export type RiskStage = z.infer<typeof riskStageSchema>;
export const RISK_STAGE_ZH: Record<RiskStage, string> = { survey: '摸底', assessed: '评估', filed: '建档', online: '上网' };

/**
 * The stage that may follow this one (none after 上网). 评估 is reached only by an assessment, which may also
 * be made again at any later stage (a periodic review) without moving the point back.
 */
export function nextStages(stage: RiskStage): readonly RiskStage[] {
  const i = RISK_STAGES.indexOf(stage);
  return RISK_STAGES.slice(i + 1, i + 2);
}

/** One step of a point's stages, with who took it and when. */
export const riskStepSchema = z.object({
  stage: riskStageSchema,
  at: instantSchema,
  actor: z.string(),
  note: z.string(),
});
export type RiskStep = z.infer<typeof riskStepSchema>;

/** 建档 and 上网, each a confirmed step. */
export const riskStepCreateSchema = z.strictObject({
  stage: z.enum(['filed', 'online']),
  note: z.string().trim().max(500).default(''),
});
export type RiskStepCreate = z.infer<typeof riskStepCreateSchema>;

/** One row of a scoring table: the value, and what it means in the method's own words. */
export interface FactorRow {
  value: number;
  zh: string;
  en: string;
}

/**
 * LEC, 作业条件危险性评价法 (Graham–Kinney): D = L × E × C, with the standard tables as Chinese safety
 * practice uses them (AQ/T and enterprise 双重预防 guides). L: 事故发生的可能性, E: 人员暴露于危险环境的频繁程度,
 * C: 一旦发生事故可能造成的后果.
 */
export const LEC_TABLES = {
  l: [
    { value: 10, zh: '完全可以预料', en: 'fully expected' },
    { value: 6, zh: '相当可能', en: 'quite possible' },
    { value: 3, zh: '可能，但不经常', en: 'possible, not often' },
    { value: 1, zh: '可能性小，完全意外', en: 'unlikely, a pure accident' },
    { value: 0.5, zh: '很不可能，可以设想', en: 'very unlikely, conceivable' },
    { value: 0.2, zh: '极不可能', en: 'extremely unlikely' },
    { value: 0.1, zh: '实际不可能', en: 'practically impossible' },
  ],
  e: [
    { value: 10, zh: '连续暴露', en: 'continuous' },
    { value: 6, zh: '每天工作时间内暴露', en: 'daily, in working hours' },
    { value: 3, zh: '每周一次或偶然暴露', en: 'weekly or occasionally' },
    { value: 2, zh: '每月一次暴露', en: 'monthly' },
    { value: 1, zh: '每年几次暴露', en: 'a few times a year' },
    { value: 0.5, zh: '非常罕见地暴露', en: 'very rarely' },
  ],
  c: [
    { value: 100, zh: '大灾难，许多人死亡', en: 'catastrophe, many deaths' },
    { value: 40, zh: '灾难，数人死亡', en: 'disaster, several deaths' },
    { value: 15, zh: '非常严重，一人死亡', en: 'very serious, one death' },
    { value: 7, zh: '严重，重伤', en: 'serious, severe injury' },
    { value: 3, zh: '重大，致残', en: 'major, disability' },
    { value: 1, zh: '引人注目，需要救护', en: 'notable, first aid needed' },
  ],
} as const satisfies Record<'l' | 'e' | 'c', readonly FactorRow[]>;

/**
 * The LEC bands, on the four-colour scale: D > 320 重大 (red); 160 ≤ D ≤ 320 较大 (orange);
 * 70 ≤ D < 160 一般 (yellow); D < 70 低 (blue). Each band holds its lower edge, except that 320 itself is
 * still 较大 ("D > 320" is the standard's wording for 极其危险).
 */
export const LEC_BANDS = { red: 320, orange: 160, yellow: 70 } as const;

export function lecLevel(d: number): RiskLevel {
  if (d > LEC_BANDS.red) return 'red';
  if (d >= LEC_BANDS.orange) return 'orange';
  if (d >= LEC_BANDS.yellow) return 'yellow';
  return 'blue';
}

/** D = L × E × C, to two decimals (0.1 × 0.5 × 1 is 0.05, not 0.05000000000000001). */
export const lecScore = (l: number, e: number, c: number): number => Math.round(l * e * c * 100) / 100;

/** 风险矩阵 (LS法): R = L × S, likelihood and severity each 1–5. */
export const MATRIX_TABLES = {
  likelihood: [
    { value: 5, zh: '几乎肯定发生', en: 'almost certain' },
    { value: 4, zh: '很可能发生', en: 'likely' },
    { value: 3, zh: '可能发生', en: 'possible' },
    { value: 2, zh: '不太可能发生', en: 'unlikely' },
    { value: 1, zh: '极不可能发生', en: 'rare' },
  ],
  severity: [
    { value: 5, zh: '灾难性（多人死亡）', en: 'catastrophic (deaths)' },
    { value: 4, zh: '严重（死亡或重伤）', en: 'severe (death or severe injury)' },
    { value: 3, zh: '较重（轻伤、较大损失）', en: 'moderate (injury, loss)' },
    { value: 2, zh: '较轻（轻微伤害）', en: 'minor (slight harm)' },
    { value: 1, zh: '轻微（无伤害）', en: 'negligible (no harm)' },
  ],
} as const satisfies Record<'likelihood' | 'severity', readonly FactorRow[]>;

/** The matrix bands: R ≥ 20 重大 (red); 15 ≤ R < 20 较大 (orange); 9 ≤ R < 15 一般 (yellow); R < 9 低 (blue). */
export const MATRIX_BANDS = { red: 20, orange: 15, yellow: 9 } as const;

export function matrixLevel(r: number): RiskLevel {
  if (r >= MATRIX_BANDS.red) return 'red';
  if (r >= MATRIX_BANDS.orange) return 'orange';
  if (r >= MATRIX_BANDS.yellow) return 'yellow';
  return 'blue';
}

export const ASSESSMENT_METHODS = ['lec', 'matrix'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

const tableValue = (rows: readonly FactorRow[]) => z.literal(rows.map((r) => r.value) as [number, ...number[]]);

const lecFactorsSchema = z.strictObject({ l: tableValue(LEC_TABLES.l), e: tableValue(LEC_TABLES.e), c: tableValue(LEC_TABLES.c) });
const matrixFactorsSchema = z.strictObject({ likelihood: tableValue(MATRIX_TABLES.likelihood), severity: tableValue(MATRIX_TABLES.severity) });

export type AssessmentFactors = { method: 'lec'; l: number; e: number; c: number } | { method: 'matrix'; likelihood: number; severity: number };

/** What the chosen factors propose: the method's score and the level its bands give it. */
export function proposeLevel(factors: AssessmentFactors): { score: number; level: RiskLevel } {
  if (factors.method === 'lec') {
    const score = lecScore(factors.l, factors.e, factors.c);
    return { score, level: lecLevel(score) };
  }
  const score = factors.likelihood * factors.severity;
  return { score, level: matrixLevel(score) };
}

/** The level a person confirms; differing from the proposal needs a reason. */
const confirmation = {
  confirmedLevel: riskLevelSchema,
  reason: z.string().trim().max(500).default(''),
};

export const OVERRIDE_NEEDS_REASON = 'give the reason when the confirmed level differs from the proposed one';

/** An assessment as a person files it: the method's factors, and the level they confirm. */
export const riskAssessmentCreateSchema = z
  .discriminatedUnion('method', [
    lecFactorsSchema.extend({ method: z.literal('lec'), ...confirmation }),
    matrixFactorsSchema.extend({ method: z.literal('matrix'), ...confirmation }),
  ])
  .superRefine((input, ctx) => {
    if (input.confirmedLevel !== proposeLevel(input).level && input.reason === '')
      ctx.addIssue({ code: 'custom', path: ['reason'], message: OVERRIDE_NEEDS_REASON });
  });
export type RiskAssessmentCreate = z.infer<typeof riskAssessmentCreateSchema>;

/** One assessment as it is kept: who, when, how, with what factors, what they proposed and what was confirmed. */
export const riskAssessmentSchema = z.object({
  id: idSchema,
  riskPointId: idSchema,
  method: z.enum(ASSESSMENT_METHODS),
  factors: z.union([lecFactorsSchema, matrixFactorsSchema]),
  /** D for LEC, R for the matrix. */
  score: z.number(),
  proposedLevel: riskLevelSchema,
  confirmedLevel: riskLevelSchema,
  reason: z.string(),
  assessedBy: z.string(),
  assessedAt: instantSchema,
  demo: z.boolean(),
});
export type RiskAssessment = z.infer<typeof riskAssessmentSchema>;

/** The factors of an input alone, as they are kept. */
export function factorsOf(input: AssessmentFactors): RiskAssessment['factors'] {
  return input.method === 'lec' ? { l: input.l, e: input.e, c: input.c } : { likelihood: input.likelihood, severity: input.severity };
}

/** Where a point stands on its way to the map, and how it got there: what its drawer shows. */
export const riskPointProgressSchema = z.object({
  riskPointId: idSchema,
  stage: riskStageSchema,
  /** The stage that may follow, for the buttons (评估 comes by an assessment). */
  next: z.array(riskStageSchema),
  steps: z.array(riskStepSchema),
  /** Newest first. */
  assessments: z.array(riskAssessmentSchema),
});
export type RiskPointProgress = z.infer<typeof riskPointProgressSchema>;

/** The stage a point's steps leave it at: the last one, or 摸底 when none was recorded. */
export const stageOf = (steps: readonly Pick<RiskStep, 'stage'>[]): RiskStage => steps.at(-1)?.stage ?? 'survey';

/** At most this many assessments are shown and answered per point (newest first); older ones stay in the database and the audit log. */
export const ASSESSMENTS_SHOWN = 50;
