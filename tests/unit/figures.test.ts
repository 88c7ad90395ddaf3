import { describe, expect, it } from 'vitest';
import { inDistrict } from '../../shared/districts.ts';
import { activeFireCount, firesPerHour, newestFirst } from '../../client/fire-alerts/figures.ts';
import { RiskFigureCounter, riskFigures } from '../../client/risk-points/figures.ts';
import { ChunkedMap } from '../../shared/chunked-map.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';

const point = (id: string, level: RiskPointSummary['level'], district: RiskPointSummary['district'], open = 0, overdue = 0): RiskPointSummary => ({
  id,
  name: id,
  category: 'mine',
  level,
  lon: 115,
  lat: 29,
  district,
  openHazards: open,
  overdueHazards: overdue,
  updatedAt: '2026-11-23T00:00:00.000Z',
  demo: true,
});
const fire = (id: string, detectedAt: string, status: FireAlert['status'] = 'new'): FireAlert => ({
  id,
  source: 'patrol',
  lon: 115,
  lat: 29,
  district: '360483',
  description: '',
  detectedAt,
  confidence: null,
  frpMw: null,
  footprint: null,
  status,
  history: [],
  detections: [],
  escalatedAt: null,
  heatSource: null,
  updatedAt: detectedAt,
  demo: true,
});

describe('situation figures', () => {
  const points = [point('a', 'red', '360481', 3, 1), point('b', 'blue', '360481', 1), point('c', 'red', '360429')];

  it('filters by district, or keeps the whole city', () => {
    expect(inDistrict(points, '360481').map((p) => p.id)).toEqual(['a', 'b']);
    expect(inDistrict(points, null)).toHaveLength(3);
  });

  it('counts risk points by level and category and sums hazards', () => {
    const f = riskFigures(points);
    expect(f.byLevel).toEqual({ red: 2, orange: 0, yellow: 0, blue: 1 });
    expect(f.byCategory.mine).toBe(3);
    expect([f.openHazards, f.overdueHazards]).toEqual([4, 1]);
  });

  it('counts a whole picture as riskFigures does, for the city and a district, after every edit', () => {
    const counter = new RiskFigureCounter();
    let picture = ChunkedMap.from(
      Array.from({ length: 3000 }, (_, i) => [`p${i}`, point(`p${i}`, i % 2 ? 'blue' : 'red', i % 3 ? '360481' : '360429', i % 4)] as const),
    );
    for (const edit of [[['p7', point('p7', 'orange', '360429', 9, 2)]], [['p8', undefined]], [['new', point('new', 'yellow', '360481')]]] as const) {
      picture = picture.edit(edit);
      expect(counter.count(picture, null)).toEqual(riskFigures([...picture.values()]));
      expect(counter.count(picture, '360429')).toEqual(riskFigures(inDistrict(picture.values(), '360429')));
    }
    expect(counter.count(undefined, null).total).toBe(0);
  });

  it('orders alerts newest first and counts the active ones', () => {
    const alerts = [fire('x', '2026-11-23T01:00:00Z'), fire('y', '2026-11-23T03:00:00Z', 'closed'), fire('z', '2026-11-23T02:00:00Z')];
    expect(newestFirst(alerts).map((a) => a.id)).toEqual(['y', 'z', 'x']);
    expect(activeFireCount(alerts)).toBe(2);
  });

  it('buckets fire alerts into the last 24 hours', () => {
    const now = Date.parse('2026-11-23T10:30:00Z');
    const buckets = firesPerHour(
      [fire('a', '2026-11-23T10:05:00Z'), fire('b', '2026-11-23T10:20:00Z'), fire('c', '2026-11-22T11:10:00Z'), fire('d', '2026-11-22T10:59:00Z')],
      now,
    );
    expect(buckets).toHaveLength(24);
    expect(buckets.at(-1)).toEqual({ hour: Date.parse('2026-11-23T10:00:00Z'), count: 2 });
    expect(buckets[0]).toEqual({ hour: Date.parse('2026-11-22T11:00:00Z'), count: 1 });
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(3);
  });
});
