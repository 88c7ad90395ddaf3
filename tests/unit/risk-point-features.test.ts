import { describe, expect, it } from 'vitest';
import { CLUSTER_REFRESH_MS, NEW_PICTURE_CHANGES, RECENT_CHANGE_MS, RiskPointDrawing } from '../../client/map/risk-point-features.ts';
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

describe('risk points on the map beside the server\'s clusters', () => {
  it('draws the red points the first time, and fetches the clusters once more after a while', () => {
    const drawing = new RiskPointDrawing();
    const first = picture(point('r', 'red'), point('b', 'blue'), point('y', 'yellow'));
    const redraw = drawing.redraw(first, 0);
    expect(ids(redraw.priority?.features)).toEqual(['r']);
    expect(redraw.priority!.features[0]!.properties).toMatchObject({ level: 'red', glyph: '气', recent: false });
    // the tiles were asked for as the map opened, perhaps before the picture was read
    expect(redraw.refreshClusters).toBe(false);
    expect(drawing.redraw(first, CLUSTER_REFRESH_MS - 1).refreshClusters).toBe(false);
    expect(drawing.redraw(first, CLUSTER_REFRESH_MS)).toEqual({ refreshClusters: true, priority: null });
    expect(drawing.redraw(first, 3 * CLUSTER_REFRESH_MS)).toEqual({ refreshClusters: false, priority: null });
  });

  it('a hazard count that ticks highlights the point but leaves the clusters alone', () => {
    const drawing = new RiskPointDrawing();
    const a = point('a', 'blue');
    const first = picture(a, point('b', 'blue'));
    drawing.redraw(first, 0);
    drawing.redraw(first, CLUSTER_REFRESH_MS); // the first refresh
    const redraw = drawing.redraw(picture(a, point('b', 'blue', 3)), 3 * CLUSTER_REFRESH_MS);
    expect(redraw.refreshClusters).toBe(false);
    expect(ids(redraw.priority?.features)).toEqual(['b']);
    expect(redraw.priority!.features[0]!.properties).toMatchObject({ recent: true });
  });

  it('a point that turns red, moves, appears or goes asks for the clusters again, at most every CLUSTER_REFRESH_MS', () => {
    for (const next of [
      picture(point('a', 'red'), point('b', 'blue')),
      picture(point('a', 'blue', 0, 116.5), point('b', 'blue')),
      picture(point('a', 'blue'), point('b', 'blue'), point('c', 'yellow')),
      picture(point('a', 'blue')),
    ]) {
      const drawing = new RiskPointDrawing();
      drawing.redraw(picture(point('a', 'blue'), point('b', 'blue')), 0);
      drawing.redraw(picture(point('a', 'blue'), point('b', 'blue')), CLUSTER_REFRESH_MS);
      const soon = drawing.redraw(next, CLUSTER_REFRESH_MS + 1000);
      expect(soon.refreshClusters).toBe(false); // the changed point is highlighted at once meanwhile
      expect(drawing.redraw(next, 2 * CLUSTER_REFRESH_MS).refreshClusters).toBe(true);
    }
  });

  it('a point that turns red stays drawn; forgotten changes leave only the red points', () => {
    const drawing = new RiskPointDrawing();
    drawing.redraw(picture(point('a', 'blue'), point('b', 'blue')), 0);
    const second = picture(point('a', 'red'), point('b', 'blue', 1));
    expect(ids(drawing.redraw(second, 1000).priority?.features)).toEqual(['a', 'b']);
    expect(drawing.recentIds()).toEqual(new Set(['a', 'b']));
    const later = drawing.redraw(second, 1000 + RECENT_CHANGE_MS + 1);
    expect(drawing.recentIds()).toEqual(new Set());
    expect(ids(later.priority?.features)).toEqual(['a']);
    expect(later.priority!.features[0]!.properties).toMatchObject({ recent: false });
  });

  it('a red point that goes away leaves the map', () => {
    const drawing = new RiskPointDrawing();
    const b = point('b', 'blue');
    drawing.redraw(picture(point('r', 'red'), b), 0);
    expect(ids(drawing.redraw(picture(b), 1000).priority?.features)).toEqual([]);
  });

  it('draws a fresh snapshot or a bulk import as a new picture, not as thousands of highlighted changes', () => {
    const drawing = new RiskPointDrawing();
    drawing.redraw(picture(point('r', 'red'), point('b', 'blue', 1)), 0);
    const many = Array.from({ length: NEW_PICTURE_CHANGES + 1 }, (_, i) => point(`n${i}`, i % 2 ? 'blue' : 'red'));
    const redraw = drawing.redraw(picture(point('r', 'red'), point('b', 'blue', 2), ...many), 1000);
    expect(drawing.recentIds()).toEqual(new Set());
    expect(redraw.priority!.features).toHaveLength(1 + Math.ceil(many.length / 2)); // the red points, none highlighted
    expect(redraw.refreshClusters).toBe(true); // at once: the clusters have all of them to take in
  });
});
