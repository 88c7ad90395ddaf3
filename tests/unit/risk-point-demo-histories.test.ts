import { describe, expect, it } from 'vitest';
import { generateRiskHistories } from '../../server/demo/assessments.ts';
import { demoFaker, generateRiskPoints } from '../../server/demo/generate.ts';
import { DistrictLocator } from '../../server/geo/district-locator.ts';
import { nextStages, proposeLevel, RISK_STAGES, riskAssessmentSchema, stageOf } from '../../shared/risk-assessment.ts';

const NOW = new Date('2026-11-23T02:00:00.000Z');

describe('the demo city’s risk points on their way to the map', () => {
  const points = generateRiskPoints(demoFaker(7), DistrictLocator.load(), 600, NOW.toISOString());
  const { steps, assessments } = generateRiskHistories(demoFaker(25), points, NOW);

  it('each point went through the stages in order, one step each, in the past', () => {
    const byPoint = new Map<string, typeof steps>();
    for (const step of steps) byPoint.set(step.riskPointId, [...(byPoint.get(step.riskPointId) ?? []), step]);
    const stages = new Set<string>();
    for (const point of points) {
      const own = byPoint.get(point.id) ?? [];
      expect(own.length).toBeGreaterThan(0);
      own.forEach((step, i) => {
        expect(step.n).toBe(i + 1);
        expect(step.stage).toBe(RISK_STAGES[i]);
        if (i > 0) {
          expect(nextStages(own[i - 1]!.stage)).toContain(step.stage);
          expect(Date.parse(step.at)).toBeGreaterThanOrEqual(Date.parse(own[i - 1]!.at));
        }
        expect(Date.parse(step.at)).toBeLessThan(NOW.getTime());
      });
      stages.add(stageOf(own));
    }
    expect([...stages].sort()).toEqual([...RISK_STAGES].sort());
  });

  it('every point past 摸底 has one assessment: its factors propose what they say, and its confirmed level is the point’s', () => {
    const assessed = new Set(steps.filter((s) => s.stage === 'assessed').map((s) => s.riskPointId));
    expect(assessments.map((a) => a.riskPointId).sort()).toEqual([...assessed].sort());
    const level = new Map(points.map((p) => [p.id, p.level]));
    let overridden = 0;
    for (const a of assessments) {
      riskAssessmentSchema.parse(a);
      expect(a.demo).toBe(true);
      const f = a.factors as { l: number; e: number; c: number };
      expect(proposeLevel({ method: 'lec', ...f })).toEqual({ score: a.score, level: a.proposedLevel });
      expect(a.confirmedLevel).toBe(level.get(a.riskPointId));
      if (a.proposedLevel !== a.confirmedLevel) {
        overridden++;
        expect(a.reason).not.toBe('');
      } else expect(a.reason).toBe('');
    }
    // a few were confirmed otherwise than proposed, most as proposed
    expect(overridden).toBeGreaterThan(0);
    expect(overridden).toBeLessThan(assessments.length / 5);
  });
});
