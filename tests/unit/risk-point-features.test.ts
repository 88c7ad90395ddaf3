import { describe, expect, it } from 'vitest';
import { RECENT_CHANGE_MS, RiskPointDrawing } from '../../client/map/risk-point-features.ts';
import { ChunkedMap } from '../../shared/chunked-map.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';

const point = (id: string, level: RiskPointSummary['level'], open = 0, lon = 116): RiskPointSummary => ({
  id,
  name: id,
  category: 'gas',
  level,
  lon,
  lat: 29.7,
  district: '360403',
  openHazards: open,
  overdueHazards: 0,
  updatedAt: '2026-11-23T00:00:00.000Z',
  demo: true,
});

const ids = (features: GeoJSON.Feature[] | undefined) => (features ?? []).map((f) => f.properties!.id as string).sort();
const picture = (...points: RiskPointSummary[]) => ChunkedMap.from(points.map((p) => [p.id, p] as const));

describe('risk points on the map', () => {
  it('draws everything the first time, never clustering red points', () => {
    const first = new RiskPointDrawing().redraw(picture(point('r', 'red'), point('b', 'blue'), point('y', 'yellow')), 0);
    expect(first.clustered && 'data' in first.clustered && ids(first.clustered.data.features)).toEqual(['b', 'y']);
    expect(ids(first.priority?.features)).toEqual(['r']);
    expect(first.priority!.features[0]!.properties).toMatchObject({ level: 'red', glyph: '气', recent: false });
  });

  it('sends the clusters only what they draw: a hazard count that ticks highlights the point but keeps the clusters', () => {
    const drawing = new RiskPointDrawing();
    const a = point('a', 'blue');
    const first = picture(a, point('b', 'blue'));
    drawing.redraw(first, 0);
    expect(drawing.redraw(first, 10)).toEqual({ clustered: null, priority: null });

    const ticked = picture(a, point('b', 'blue', 3));
    const redraw = drawing.redraw(ticked, 1000);
    expect(redraw.clustered).toBeNull();
    expect(ids(redraw.priority?.features)).toEqual(['b']);
    expect(redraw.priority!.features[0]!.properties).toMatchObject({ recent: true });
  });

  it('moves a point that turns red out of the clusters, updates one that moves, removes one that is gone', () => {
    const drawing = new RiskPointDrawing();
    drawing.redraw(picture(point('a', 'blue'), point('b', 'blue'), point('c', 'yellow')), 0);
    const redraw = drawing.redraw(picture(point('a', 'red'), point('b', 'blue', 0, 116.5)), 1000);
    expect(redraw.clustered && 'diff' in redraw.clustered && redraw.clustered.diff.remove?.sort()).toEqual(['a', 'c']);
    expect(redraw.clustered && 'diff' in redraw.clustered && ids(redraw.clustered.diff.add)).toEqual(['b']);
    expect(ids(redraw.priority?.features)).toEqual(['a', 'b']);
  });

  it('forgets recent changes after a while; red points stay highlighted', () => {
    const drawing = new RiskPointDrawing();
    const first = picture(point('r', 'red'), point('b', 'blue'));
    drawing.redraw(first, 0);
    const second = picture(point('r', 'red', 1), point('b', 'blue', 1));
    drawing.redraw(second, 1000);
    expect(drawing.recentIds()).toEqual(new Set(['r', 'b']));
    const later = drawing.redraw(second, 1000 + RECENT_CHANGE_MS + 1);
    expect(drawing.recentIds()).toEqual(new Set());
    expect(ids(later.priority?.features)).toEqual(['r']);
    expect(later.priority!.features[0]!.properties).toMatchObject({ recent: false });
  });
});
