import { describe, expect, it } from 'vitest';
import { FADE_STEP_MS } from '../../client/map/recent-marks.ts';
import { MAX_RECENT, NEW_PICTURE_CHANGES, RECENT_CHANGE_MS, RiskPointDrawing, TILE_REFRESH_MS } from '../../client/map/risk-point-features.ts';
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

describe("risk points changed live, beside the server's tiles", () => {
  it('highlights nothing in the first picture, and fetches the tiles once more after a while', () => {
    const drawing = new RiskPointDrawing();
    const first = picture(point('r', 'red'), point('b', 'blue'), point('y', 'yellow'));
    expect(drawing.redraw(first, 0)).toEqual({ refreshTiles: false, recent: { type: 'FeatureCollection', features: [] } });
    // the tiles were asked for as the map opened, perhaps before the picture was read
    expect(drawing.redraw(first, TILE_REFRESH_MS - 1).refreshTiles).toBe(false);
    expect(drawing.redraw(first, TILE_REFRESH_MS)).toEqual({ refreshTiles: true, recent: null });
    expect(drawing.redraw(first, 3 * TILE_REFRESH_MS)).toEqual({ refreshTiles: false, recent: null });
  });

  it('a hazard count that ticks highlights the point and leaves the tiles alone', () => {
    const drawing = new RiskPointDrawing();
    const a = point('a', 'blue');
    const first = picture(a, point('b', 'blue'));
    drawing.redraw(first, 0);
    drawing.redraw(first, TILE_REFRESH_MS); // the first refresh
    const redraw = drawing.redraw(picture(a, point('b', 'blue', 3)), 3 * TILE_REFRESH_MS);
    expect(redraw.refreshTiles).toBe(false);
    expect(ids(redraw.recent?.features)).toEqual(['b']);
    expect(redraw.recent!.features[0]!.properties).toEqual({ id: 'b', level: 'blue', category: 'gas', fade: 1 });
  });

  it('a point that turns red, moves, appears or goes asks for the tiles again, at most every TILE_REFRESH_MS', () => {
    for (const next of [
      picture(point('a', 'red'), point('b', 'blue')),
      picture(point('a', 'blue', 0, 116.5), point('b', 'blue')),
      picture(point('a', 'blue'), point('b', 'blue'), point('c', 'yellow')),
      picture(point('a', 'blue')),
    ]) {
      const drawing = new RiskPointDrawing();
      drawing.redraw(picture(point('a', 'blue'), point('b', 'blue')), 0);
      drawing.redraw(picture(point('a', 'blue'), point('b', 'blue')), TILE_REFRESH_MS);
      const soon = drawing.redraw(next, TILE_REFRESH_MS + 1000);
      expect(soon.refreshTiles).toBe(false); // the changed point is highlighted at once meanwhile
      expect(drawing.redraw(next, 2 * TILE_REFRESH_MS).refreshTiles).toBe(true);
    }
  });

  it('forgets changes after a while, and a point that went away at once', () => {
    const drawing = new RiskPointDrawing();
    const [red, c] = [point('a', 'red'), point('c', 'blue')];
    drawing.redraw(picture(point('a', 'blue'), point('b', 'blue'), c), 0);
    const second = picture(red, point('b', 'blue', 1), c);
    expect(ids(drawing.redraw(second, 1000).recent?.features)).toEqual(['a', 'b']);
    const third = picture(red, c);
    expect(ids(drawing.redraw(third, 2000).recent?.features)).toEqual(['a']);
    expect(drawing.recentIds()).toEqual(new Set(['a']));
    const later = drawing.redraw(third, 1000 + RECENT_CHANGE_MS + 1);
    expect(drawing.recentIds()).toEqual(new Set());
    expect(later.recent?.features).toEqual([]);
  });

  it('draws a fresh snapshot or a bulk import as a new picture, not as thousands of highlighted changes', () => {
    const drawing = new RiskPointDrawing();
    const b = point('b', 'blue');
    drawing.redraw(picture(point('r', 'red'), b), 0);
    drawing.redraw(picture(point('r', 'red', 1), b), 1000);
    expect(drawing.recentIds()).toEqual(new Set(['r']));
    const many = Array.from({ length: NEW_PICTURE_CHANGES + 1 }, (_, i) => point(`n${i}`, i % 2 ? 'blue' : 'red'));
    const redraw = drawing.redraw(picture(point('r', 'red'), point('b', 'blue', 2), ...many), 2000);
    expect(drawing.recentIds()).toEqual(new Set());
    expect(redraw.recent?.features).toEqual([]);
    expect(redraw.refreshTiles).toBe(true); // at once: the tiles have all of them to take in
  });

  it('fades a change’s mark over RECENT_CHANGE_MS, redrawn once a fade step and not at every redraw', () => {
    const drawing = new RiskPointDrawing();
    const b = point('b', 'blue');
    const first = picture(point('a', 'blue'), b);
    drawing.redraw(first, 0);
    const changed = picture(point('a', 'blue', 2), b);
    const fade = (at: number) => drawing.redraw(changed, at).recent?.features.map((f) => f.properties!.fade as number);
    expect(fade(FADE_STEP_MS)).toEqual([1]);
    expect(fade(FADE_STEP_MS + 1000)).toBeUndefined(); // nothing to redraw within the step
    const halfway = fade(FADE_STEP_MS + RECENT_CHANGE_MS / 2)!;
    expect(halfway[0]).toBeGreaterThan(0.4);
    expect(halfway[0]).toBeLessThan(0.6);
    expect(fade(FADE_STEP_MS + RECENT_CHANGE_MS - 1)![0]).toBeGreaterThan(0);
    expect(fade(FADE_STEP_MS + RECENT_CHANGE_MS + 1)).toEqual([]); // gone, not a permanent highlight
    expect(fade(FADE_STEP_MS + 2 * RECENT_CHANGE_MS)).toBeUndefined(); // and no more redraws for it
  });

  it('keeps at most MAX_RECENT changes, forgetting the oldest first', () => {
    const drawing = new RiskPointDrawing();
    const all = Array.from({ length: MAX_RECENT + 10 }, (_, i) => point(`p${i}`, 'blue'));
    let shown = picture(...all);
    drawing.redraw(shown, 0);
    // changes come in batches small enough to be news, until there are more than the screen keeps
    for (let from = 0; from < all.length; from += 500) {
      shown = shown.edit(all.slice(from, from + 500).map((p) => [p.id, { ...p, openHazards: 1 }] as const));
      drawing.redraw(shown, 1000 + from);
    }
    const kept = drawing.recentIds();
    expect(kept.size).toBe(MAX_RECENT);
    const forgotten = all.map((p) => p.id).filter((id) => !kept.has(id));
    expect(forgotten).toHaveLength(10);
    expect(forgotten.every((id) => Number(id.slice(1)) < 500)).toBe(true); // from the first batch, the oldest
  });
});
