import { describe, expect, it } from 'vitest';
import type { WallRules } from '../../shared/basemap.ts';
import { ChunkedMap } from '../../shared/chunked-map.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import type { LiveState } from '../../shared/sync.ts';
import { type News, newsBetween, noticeNews, startDirector, tick } from '../../client/wall/director.ts';

const RULES: WallRules = { focusSeconds: 60, tourAfterSeconds: 120, tourStepSeconds: 20 };
const DISTRICTS = ['360423', '360424', '360483'];
const FIRE: News = { kind: 'fireAlert', id: 'fa-1', lon: 115.1, lat: 29.26, district: '360423' };
const RED: News = { kind: 'riskPoint', id: 'rp-1', lon: 116.2, lat: 29.7, district: '360429' };

describe('the wall director', () => {
  it('turns to news at once, stays for the focus time, then returns to the whole city', () => {
    let d = noticeNews(startDirector(0), [RED, FIRE], 1000, RULES);
    expect(d.shot).toEqual({ kind: 'focus', news: FIRE, until: 61_000 }); // the fire first
    expect(tick(d, 60_999, RULES, DISTRICTS)).toBe(d);
    d = tick(d, 61_000, RULES, DISTRICTS);
    expect(d.shot).toEqual({ kind: 'overview' });
    expect(d.quietSince).toBe(61_000);
  });

  it('tours the districts after a quiet spell, a step each, then the whole city, and round again', () => {
    let d = startDirector(0);
    expect(tick(d, 119_999, RULES, DISTRICTS)).toBe(d);
    const shots: string[] = [];
    for (let t = 120_000; t <= 120_000 + 20_000 * 8; t += 20_000) {
      d = tick(d, t, RULES, DISTRICTS);
      shots.push(d.shot.kind === 'tour' ? d.shot.district : d.shot.kind);
    }
    expect(shots).toEqual(['360423', '360424', '360483', 'overview', '360423', '360424', '360483', 'overview', '360423']);
  });

  it('breaks off the tour for news, and keeps still when the tour is off', () => {
    let d = tick(startDirector(0), 120_000, RULES, DISTRICTS);
    expect(d.shot.kind).toBe('tour');
    d = noticeNews(d, [RED], 125_000, RULES);
    expect(d.shot).toMatchObject({ kind: 'focus', news: RED });
    const still = startDirector(0);
    expect(tick(still, 10_000_000, { ...RULES, tourStepSeconds: 0 }, DISTRICTS)).toBe(still);
  });
});

describe('news between two live pictures', () => {
  const alert = (id: string, status: FireAlert['status'], heatSource: string | null = null) =>
    ({ id, status, heatSource, lon: 115.1, lat: 29.26, district: '360423' }) as FireAlert;
  const point = (id: string, level: RiskPointSummary['level']) => ({ id, level, lon: 116.2, lat: 29.7, district: '360429' }) as RiskPointSummary;
  const picture = (alerts: FireAlert[], points: RiskPointSummary[]) =>
    ({ fireAlerts: ChunkedMap.from(alerts.map((a) => [a.id, a])), riskPoints: ChunkedMap.from(points.map((p) => [p.id, p])) }) as LiveState;

  it('is a new untaken fire alert, or a point that became red; not a flagged heat source, a taken alert or a red point changing', () => {
    const before = picture([alert('fa-0', 'new')], [point('rp-0', 'red'), point('rp-1', 'orange')]);
    const after = {
      ...before,
      fireAlerts: before.fireAlerts.edit([
        ['fa-0', alert('fa-0', 'acknowledged')],
        ['fa-1', alert('fa-1', 'new')],
        ['fa-2', alert('fa-2', 'new', '九江石化')],
        ['fa-3', alert('fa-3', 'confirmed')],
      ]),
      riskPoints: before.riskPoints.edit([
        ['rp-0', { ...point('rp-0', 'red'), openHazards: 3 }],
        ['rp-1', point('rp-1', 'red')],
      ]),
    };
    expect(newsBetween(before, after).map((n) => n.id)).toEqual(['fa-1', 'rp-1']);
  });
});
