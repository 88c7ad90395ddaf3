import type { ChunkedMap } from '../../shared/chunked-map.ts';
import { type DistrictCode, inDistrict } from '../../shared/districts.ts';
import { RISK_CATEGORIES, RISK_LEVELS, type RiskCategory, type RiskLevel, type RiskPointSummary } from '../../shared/risk-points.ts';

/** Pure figures of the risk points for the panels and charts of every screen, from the live picture. */

export interface RiskFigures {
  total: number;
  byLevel: Record<RiskLevel, number>;
  byCategory: Record<RiskCategory, number>;
  /**
   * The points' own hazard counts summed (each point's counted from its hazard records). Hazards on no point
   * (a public tip-off) are not among them: a screen's hazard figures count the hazard records themselves
   * (`countHazards` over the live hazards, as the desk's KPI panel does), which is what the ledger lists.
   */
  openHazards: number;
  overdueHazards: number;
}

export function riskFigures(points: readonly RiskPointSummary[]): RiskFigures {
  const byLevel = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
  const byCategory = Object.fromEntries(RISK_CATEGORIES.map((c) => [c, 0])) as Record<RiskCategory, number>;
  let openHazards = 0;
  let overdueHazards = 0;
  for (const p of points) {
    byLevel[p.level]++;
    byCategory[p.category]++;
    openHazards += p.openHazards;
    overdueHazards += p.overdueHazards;
  }
  return { total: points.length, byLevel, byCategory, openHazards, overdueHazards };
}

function sumFigures(parts: RiskFigures[]): RiskFigures {
  const sum = riskFigures([]);
  for (const part of parts) {
    sum.total += part.total;
    for (const level of RISK_LEVELS) sum.byLevel[level] += part.byLevel[level];
    for (const category of RISK_CATEGORIES) sum.byCategory[category] += part.byCategory[category];
    sum.openHazards += part.openHazards;
    sum.overdueHazards += part.overdueHazards;
  }
  return sum;
}

/**
 * The figures of a whole picture, for the city or one district, as the panels show them several times a
 * second: counted per chunk of the picture and remembered, so after a change only the chunks it touched are
 * counted again, not all 100,000 points.
 */
export class RiskFigureCounter {
  private readonly parts = new Map<DistrictCode | null, WeakMap<object, RiskFigures>>();

  count(points: ChunkedMap<RiskPointSummary> | undefined, district: DistrictCode | null): RiskFigures {
    if (!points) return riskFigures([]);
    let memo = this.parts.get(district);
    if (!memo) this.parts.set(district, (memo = new WeakMap()));
    return points.foldChunks(memo, (values) => riskFigures(inDistrict(values, district)), sumFigures);
  }
}
