import { describe, expect, it } from 'vitest';
import { RECENT_CHANGE_MS, riskPointFeatures, trackRecentChanges } from '../../client/map/risk-point-features.ts';
import type { RiskPoint } from '../../shared/risk-points.ts';

const point = (id: string, level: RiskPoint['level'], open = 0): RiskPoint => ({
  id,
  name: id,
  category: 'gas',
  level,
  lon: 116,
  lat: 29.7,
  district: '360403',
  address: '',
  responsibleUnit: '',
  responsiblePerson: '',
  responsiblePhone: '',
  openHazards: open,
  overdueHazards: 0,
  updatedAt: '2026-11-23T00:00:00.000Z',
  demo: true,
});

describe('risk points on the map', () => {
  it('never clusters red points or points that just changed', () => {
    const { clustered, priority } = riskPointFeatures([point('r', 'red'), point('b', 'blue'), point('y', 'yellow')], new Set(['y']));
    expect(priority.features.map((f) => f.properties!.id)).toEqual(['r', 'y']);
    expect(clustered.features.map((f) => f.properties!.id)).toEqual(['b']);
    expect(priority.features[0]!.properties).toMatchObject({ level: 'red', glyph: '气' });
  });

  it('marks points replaced by a live change as recent, and forgets them after a while', () => {
    const recent = new Map<string, number>();
    const a = point('a', 'blue');
    const b = point('b', 'blue');
    const first = new Map([['a', a], ['b', b]]);
    expect(trackRecentChanges(recent, null, first, 0)).toEqual(new Set()); // the snapshot itself is not news
    const second = new Map([['a', a], ['b', point('b', 'blue', 1)]]);
    expect(trackRecentChanges(recent, first, second, 1000)).toEqual(new Set(['b']));
    expect(trackRecentChanges(recent, second, second, 1000 + RECENT_CHANGE_MS + 1)).toEqual(new Set());
  });
});
