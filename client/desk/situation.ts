import type { ChunkedMap } from '../../shared/chunked-map.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import { type FireAlert, isActiveFireAlert } from '../../shared/fire-alerts.ts';
import { RISK_CATEGORIES, RISK_LEVELS, type RiskCategory, type RiskLevel, type RiskPointSummary } from '../../shared/risk-points.ts';

/** Pure figures for the panels and charts, computed from the live picture and the chosen district. */

export function inDistrict<T extends { district: string }>(records: Iterable<T>, district: DistrictCode | null): T[] {
  const all = [...records];
  return district === null ? all : all.filter((r) => r.district === district);
}

export interface RiskFigures {
  total: number;
  byLevel: Record<RiskLevel, number>;
  byCategory: Record<RiskCategory, number>;
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

export function newestFirst(alerts: readonly FireAlert[]): FireAlert[] {
  return [...alerts].sort((a, b) => (a.detectedAt < b.detectedAt ? 1 : a.detectedAt > b.detectedAt ? -1 : a.id < b.id ? 1 : -1));
}

export function activeFireCount(alerts: readonly FireAlert[]): number {
  return alerts.filter((a) => isActiveFireAlert(a.status)).length;
}

const HOUR_MS = 3600_000;

/** Fire alerts detected in each of the last 24 hours, oldest hour first; `hour` is the bucket's start. */
export function firesPerHour(alerts: readonly FireAlert[], now: number): { hour: number; count: number }[] {
  const end = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  const buckets = Array.from({ length: 24 }, (_, i) => ({ hour: end - (24 - i) * HOUR_MS, count: 0 }));
  for (const a of alerts) {
    const i = Math.floor((Date.parse(a.detectedAt) - (end - 24 * HOUR_MS)) / HOUR_MS);
    if (i >= 0 && i < 24) buckets[i]!.count++;
  }
  return buckets;
}

/**
 * Alerts a duty officer has not yet taken: they pulse on the map and flash in the feed. A hotspot on a known
 * industrial heat source is flagged instead: shown, never alarming.
 */
export function needsAttention(alert: FireAlert): boolean {
  return alert.status === 'new' && alert.heatSource === null;
}
