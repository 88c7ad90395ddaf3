import type { Faker } from '@faker-js/faker';
import { LEC_TABLES, proposeLevel, RISK_STAGES, type RiskAssessment, type RiskStage } from '../../shared/risk-assessment.ts';
import { RISK_LEVELS, type RiskLevel, type RiskPoint } from '../../shared/risk-points.ts';
import type { Trx } from '../db/store.ts';
import { insertHistories, type StoredStep } from '../risk-points/assessment-repository.ts';
import { demoFaker } from './generate.ts';
import { personName } from './people.ts';

const DAY_MS = 86_400_000;

/** Every LEC combination of the standard tables, by the level it proposes. */
const LEC_BY_LEVEL: Record<RiskLevel, { l: number; e: number; c: number }[]> = (() => {
  const by = Object.fromEntries(RISK_LEVELS.map((l) => [l, [] as { l: number; e: number; c: number }[]])) as Record<
    RiskLevel,
    { l: number; e: number; c: number }[]
  >;
  for (const l of LEC_TABLES.l)
    for (const e of LEC_TABLES.e)
      for (const c of LEC_TABLES.c) {
        // an assessor on a real site rarely reaches for the extremes of L × E at once
        if (l.value * e.value < 1) continue;
        const factors = { l: l.value, e: e.value, c: c.value };
        by[proposeLevel({ method: 'lec', ...factors }).level].push(factors);
      }
  return by;
})();

/** Where the demo city's points stand, in shares: most are on the map already, some still on their way. */
const STAGE_SHARE: [RiskStage, number][] = [
  ['online', 55],
  ['filed', 18],
  ['assessed', 15],
  ['survey', 12],
];

/** Why an assessor set another level than the method proposed, as they write it. */
const OVERRIDE_REASONS = ['毗邻学校，周边人员密集', '近三年发生过险情', '汛期临水，后果可能扩大', '设备已整改，实际风险低于测算', '夜间无人值守'];

function pickStage(faker: Faker): RiskStage {
  let roll = faker.number.int(99);
  for (const [stage, share] of STAGE_SHARE) if ((roll -= share) < 0) return stage;
  return 'online';
}

/** A level next to this one, for an override. */
const beside = (level: RiskLevel, faker: Faker): RiskLevel => {
  const i = RISK_LEVELS.indexOf(level);
  return RISK_LEVELS[i === 0 ? 1 : i === RISK_LEVELS.length - 1 ? i - 1 : i + faker.helpers.arrayElement([-1, 1])]!;
};

/**
 * The demo city's points' way to the map: each its steps (摸底, then as far as it got) and, past 摸底, the LEC
 * assessment whose confirmed level is the point's level — proposed so by its factors, or (one in twelve)
 * proposed a level beside it and confirmed otherwise with the assessor's reason.
 */
export function generateRiskHistories(faker: Faker, points: readonly RiskPoint[], now: Date): { steps: StoredStep[]; assessments: RiskAssessment[] } {
  const steps: StoredStep[] = [];
  const assessments: RiskAssessment[] = [];
  for (const point of points) {
    const stage = pickStage(faker);
    const reached = RISK_STAGES.slice(0, RISK_STAGES.indexOf(stage) + 1);
    // the days between steps first, so the last step still lies in the past
    const gaps = reached.map((_, i) => (i === 0 ? 0 : faker.number.int({ min: 2, max: 40 }) * DAY_MS));
    let at = now.getTime() - gaps.reduce((a, b) => a + b, 0) - faker.number.int({ min: 1, max: 400 }) * DAY_MS;
    const surveyor = `${personName(faker)}（演示）`;
    reached.forEach((s, i) => {
      at += gaps[i]!;
      const iso = new Date(at).toISOString();
      steps.push({ riskPointId: point.id, n: i + 1, stage: s, at: iso, actor: surveyor, note: '', demo: true });
      if (s !== 'assessed') return;
      const overridden = faker.number.int(11) === 0;
      const proposedFor = overridden ? beside(point.level, faker) : point.level;
      const factors = faker.helpers.arrayElement(LEC_BY_LEVEL[proposedFor]);
      const { score, level } = proposeLevel({ method: 'lec', ...factors });
      assessments.push({
        id: `demo-ra-${point.id.replace(/^demo-rp-/, '')}`,
        riskPointId: point.id,
        method: 'lec',
        factors,
        score,
        proposedLevel: level,
        confirmedLevel: point.level,
        reason: level === point.level ? '' : faker.helpers.arrayElement(OVERRIDE_REASONS),
        assessedBy: surveyor,
        assessedAt: iso,
        demo: true,
      });
    });
  }
  return { steps, assessments };
}

/** Seeds the histories in the city's own seeding write, from a generator of their own (the city's stays as it was). */
export async function seedRiskHistories(trx: Trx, points: readonly RiskPoint[], seed: number, now: Date): Promise<void> {
  const { steps, assessments } = generateRiskHistories(demoFaker(seed + 18), points, now);
  await insertHistories(trx, steps, assessments);
}
