import { type FireAlert, isActiveFireAlert } from '../../shared/fire-alerts.ts';

/** Pure figures of the fire alerts for the panels, feeds and charts of every screen. */

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
