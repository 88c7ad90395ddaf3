import { describe, expect, it } from 'vitest';
import {
  allowedNextStatuses,
  canTransition,
  type Detection,
  dueForEscalation,
  FIRE_ALERT_STATUSES,
  type FireAlert,
  isActiveFireAlert,
  mergeTarget,
} from '../../shared/fire-alerts.ts';

const LEGAL = new Set([
  'new>acknowledged',
  'acknowledged>verifying',
  'verifying>confirmed',
  'verifying>false_alarm',
  'confirmed>responding',
  'false_alarm>closed',
  'responding>extinguished',
  'extinguished>closed',
]);

describe('fire alert lifecycle', () => {
  for (const from of FIRE_ALERT_STATUSES)
    for (const to of FIRE_ALERT_STATUSES) {
      const legal = LEGAL.has(`${from}>${to}`);
      it(`${from} → ${to} is ${legal ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        expect(allowedNextStatuses(from).includes(to)).toBe(legal);
      });
    }

  it('counts alerts as active until the fire is out or dismissed', () => {
    expect(FIRE_ALERT_STATUSES.filter(isActiveFireAlert)).toEqual(['new', 'acknowledged', 'verifying', 'confirmed', 'responding']);
  });
});

const alertAt = (
  id: string,
  status: FireAlert['status'],
  reported: string,
  detections: Detection[] = [],
  source: FireAlert['source'] = 'satellite',
): FireAlert => ({
  id,
  source,
  lon: 115.97,
  lat: 29.55,
  district: '360483',
  description: '',
  detectedAt: reported,
  confidence: null,
  frpMw: null,
  footprint: null,
  status,
  history: [{ status: 'new', at: reported, actor: 't', note: '' }],
  detections,
  escalatedAt: null,
  heatSource: null,
  updatedAt: reported,
  demo: false,
});
const seen = (lon: number, at: string): Detection => ({ at, lon, lat: 29.55, confidence: null, frpMw: null, footprint: null });

describe('escalation', () => {
  const reported = '2026-11-23T02:00:00.000Z';
  const at = (seconds: number) => new Date(Date.parse(reported) + seconds * 1000);
  it('is due once the time has passed for an untaken alert, and only then', () => {
    expect(dueForEscalation(alertAt('a', 'new', reported), at(299), 300_000)).toBe(false);
    expect(dueForEscalation(alertAt('a', 'new', reported), at(300), 300_000)).toBe(true);
    expect(dueForEscalation(alertAt('a', 'acknowledged', reported), at(900), 300_000)).toBe(false);
    expect(dueForEscalation({ ...alertAt('a', 'new', reported), escalatedAt: at(300).toISOString() }, at(900), 300_000)).toBe(false);
    // a hotspot on a known industrial heat source is flagged, never escalated
    expect(dueForEscalation({ ...alertAt('a', 'new', reported), heatSource: '九江石化' }, at(900), 300_000)).toBe(false);
  });
});

describe('hotspot merging', () => {
  const rule = { distanceKm: 1, windowMs: 3600_000 };
  const t0 = '2026-11-23T05:00:00.000Z';
  const existing = alertAt('sat', 'verifying', t0, [seen(115.97, t0)]);
  it('picks the active satellite alert within distance and window of a detection', () => {
    expect(mergeTarget([existing], seen(115.975, '2026-11-23T05:30:00.000Z'), rule)?.id).toBe('sat'); // ≈0.5 km
    expect(mergeTarget([existing], seen(116.0, '2026-11-23T05:30:00.000Z'), rule)).toBeUndefined(); // ≈2.9 km
    expect(mergeTarget([existing], seen(115.975, '2026-11-23T06:30:01.000Z'), rule)).toBeUndefined(); // past the window
    expect(mergeTarget([{ ...existing, status: 'extinguished' }], seen(115.975, '2026-11-23T05:30:00.000Z'), rule)).toBeUndefined();
    expect(mergeTarget([{ ...existing, source: 'patrol' }], seen(115.975, '2026-11-23T05:30:00.000Z'), rule)).toBeUndefined();
  });
  it('prefers the nearest of several', () => {
    const other = alertAt('other', 'new', t0, [seen(115.978, t0)]);
    expect(mergeTarget([existing, other], seen(115.977, '2026-11-23T05:10:00.000Z'), rule)?.id).toBe('other');
  });
});
