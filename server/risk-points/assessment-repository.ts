import type { Kysely, Selectable } from 'kysely';
import {
  ASSESSMENTS_SHOWN,
  nextStages,
  type RiskAssessment,
  type RiskPointProgress,
  type RiskStep,
  riskAssessmentSchema,
  stageOf,
} from '../../shared/risk-assessment.ts';
import type { Database } from '../db/schema.ts';
import { INSERT_CHUNK_ROWS } from '../db/store.ts';
import type { RiskAssessmentsTable } from './tables.ts';

/** A step as stored: the point, its number among the point's steps, and whether it is simulated. */
export interface StoredStep extends RiskStep {
  riskPointId: string;
  n: number;
  demo: boolean;
}

function assessmentFromRow(row: Selectable<RiskAssessmentsTable>): RiskAssessment {
  // the factors were parsed by the same schema before they were written
  return { ...row, factors: riskAssessmentSchema.shape.factors.parse(JSON.parse(row.factors)), demo: row.demo === 1 };
}

const assessmentToRow = (a: RiskAssessment): RiskAssessmentsTable => ({ ...a, factors: JSON.stringify(a.factors), demo: a.demo ? 1 : 0 });
const stepToRow = (s: StoredStep) => ({ ...s, demo: s.demo ? 1 : 0 });

/** A point's steps in order. Four stages bound them: one step each. */
export async function listSteps(db: Kysely<Database>, riskPointId: string): Promise<StoredStep[]> {
  const rows = await db.selectFrom('riskPointSteps').selectAll().where('riskPointId', '=', riskPointId).orderBy('n').execute();
  return rows.map((row) => ({ ...row, demo: row.demo === 1 }));
}

export async function insertStep(db: Kysely<Database>, step: StoredStep): Promise<void> {
  await db.insertInto('riskPointSteps').values(stepToRow(step)).execute();
}

export async function insertAssessment(db: Kysely<Database>, assessment: RiskAssessment): Promise<void> {
  await db.insertInto('riskAssessments').values(assessmentToRow(assessment)).execute();
}

/** A point's newest assessments, newest first. */
export async function listAssessments(db: Kysely<Database>, riskPointId: string, limit = ASSESSMENTS_SHOWN): Promise<RiskAssessment[]> {
  const rows = await db
    .selectFrom('riskAssessments')
    .selectAll()
    .where('riskPointId', '=', riskPointId)
    .orderBy('assessedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(assessmentFromRow);
}

/** Where a point stands and how it got there. */
export async function readProgress(db: Kysely<Database>, riskPointId: string): Promise<RiskPointProgress> {
  const steps = await listSteps(db, riskPointId);
  const stage = stageOf(steps);
  return {
    riskPointId,
    stage,
    next: [...nextStages(stage)],
    steps: steps.map(({ stage, at, actor, note }) => ({ stage, at, actor, note })),
    assessments: await listAssessments(db, riskPointId),
  };
}

/** Many steps and assessments at once (seeding the demo city): chunked multi-row inserts. */
export async function insertHistories(db: Kysely<Database>, steps: readonly StoredStep[], assessments: readonly RiskAssessment[]): Promise<void> {
  for (let i = 0; i < steps.length; i += INSERT_CHUNK_ROWS)
    await db
      .insertInto('riskPointSteps')
      .values(steps.slice(i, i + INSERT_CHUNK_ROWS).map(stepToRow))
      .execute();
  for (let i = 0; i < assessments.length; i += INSERT_CHUNK_ROWS)
    await db
      .insertInto('riskAssessments')
      .values(assessments.slice(i, i + INSERT_CHUNK_ROWS).map(assessmentToRow))
      .execute();
}

/** The points of these ids that have gone online (上网): the layers the bureau publishes show only those. */
export async function onlinePointIds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('riskPointSteps').select('riskPointId').where('stage', '=', 'online').execute();
  return new Set(rows.map((r) => r.riskPointId));
}
