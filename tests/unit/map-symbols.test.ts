import { expression as styleExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { parseRingImageId, RING_LEVELS, RING_UNITS, ringImageExpression, ringImageId, ringSegments } from '../../client/map/cluster-ring.ts';
import { FIRE_ALERT_LAYERS } from '../../client/map/FireAlertLayers.tsx';
import { ALL_FIRE_ICONS, FIRE_ICONS, fireIconExpression } from '../../client/map/fire-symbols.ts';
import { entryColors, isUnexplainedLayer, LEGEND, legendLayers } from '../../client/map/legend.ts';
import { offlineStyle, type LayerSpecification } from '../../client/map/map-style.ts';
import { FADE_STEP_MS, RECENT_CHANGE_MS, recentMarkOpacity } from '../../client/map/recent-marks.ts';
import { RISK_POINT_LAYERS } from '../../client/map/RiskPointLayers.tsx';
import { SELECTION_LAYERS, selectedPlace } from '../../client/map/SelectionLayers.tsx';
import { WARNING_LAYERS } from '../../client/map/WarningLayers.tsx';
import { FIRE_PHASE_COLOR, FIRE_PHASE_OF, FIRE_PHASES, LEVEL_COLOR } from '../../client/ui/palette.ts';
import { ChunkedMap } from '../../shared/chunked-map.ts';
import { FIRE_ALERT_STATUSES } from '../../shared/fire-alerts.ts';
import type { ClusterMix } from '../../shared/risk-point-clusters.ts';
import type { LiveState } from '../../shared/sync.ts';
import { seededRandom } from '../support/seeded-random.ts';

/** Every layer a live map's style holds: the offline style's and the live layers, as the components add them. */
const MAP_LAYERS: readonly LayerSpecification[] = [
  ...offlineStyle('http://127.0.0.1/', { type: 'FeatureCollection', features: [] }).layers,
  ...WARNING_LAYERS,
  ...RISK_POINT_LAYERS,
  ...FIRE_ALERT_LAYERS,
  ...SELECTION_LAYERS,
];

const COLOR = /^(#[0-9a-f]{3,8}|rgba?\(.*\))$/i;

/** Every colour literal anywhere in a layer's paint and layout, expressions included. */
function colorsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string' && COLOR.test(value)) into.add(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) colorsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) colorsIn(v, into);
  return into;
}

/** Every string anywhere in an expression. */
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsIn)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(stringsIn)
        : [];

const hue = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const h = d === 0 ? 0 : max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { hue: (h * 60 + 360) % 360, saturation: max === 0 ? 0 : d / max };
};
const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

describe('the legend against the map it explains', () => {
  const explained = legendLayers();

  it('lists every layer the map draws, and no layer the map does not have', () => {
    const drawn = MAP_LAYERS.map((l) => l.id).filter((id) => !isUnexplainedLayer(id));
    expect(drawn.length).toBeGreaterThan(15);
    expect(drawn.filter((id) => !explained.has(id))).toEqual([]);
    expect([...explained.keys()].filter((id) => !drawn.includes(id))).toEqual([]);
  });

  it('shows every colour each layer paints, in an entry that names that layer', () => {
    for (const layer of MAP_LAYERS) {
      if (isUnexplainedLayer(layer.id)) continue;
      const painted = colorsIn([(layer as { paint?: unknown }).paint, (layer as { layout?: unknown }).layout]);
      const shown = new Set(explained.get(layer.id)!.flatMap((e) => [...entryColors(e)]));
      expect(
        [...painted].filter((c) => !shown.has(c)),
        layer.id,
      ).toEqual([]);
    }
  });

  it('has an entry for every image the fire alerts are drawn with, in that image’s colour', () => {
    const layer = FIRE_ALERT_LAYERS.find((l) => l.id === 'fire-alert-icon') as { layout: { 'icon-image': unknown } };
    expect(layer.layout['icon-image']).toEqual(fireIconExpression());
    const used = new Set(stringsIn(layer.layout['icon-image']).filter((s) => ALL_FIRE_ICONS.some((i) => i.id === s)));
    expect([...used].sort()).toEqual(ALL_FIRE_ICONS.map((i) => i.id).sort());
    const swatches = LEGEND.flatMap((g) => g.entries).flatMap((e) => (e.swatch.kind === 'icon' ? [e.swatch.icon] : []));
    for (const icon of ALL_FIRE_ICONS) expect(swatches.find((s) => s.id === icon.id)?.fill, icon.id).toBe(icon.fill);
  });

  it('gives every fire alert status a phase with its own flame, in colours no risk level is near', () => {
    for (const status of FIRE_ALERT_STATUSES) expect(FIRE_PHASES).toContain(FIRE_PHASE_OF[status]);
    expect(new Set(Object.values(FIRE_ICONS).map((i) => i.fill)).size).toBe(FIRE_PHASES.length);
    for (const phase of FIRE_PHASES) {
      const fire = hue(FIRE_PHASE_COLOR[phase]);
      if (fire.saturation < 0.3) continue; // the grey of an alert that is over is no hue at all
      for (const level of Object.values(LEVEL_COLOR)) expect(hueDistance(fire.hue, hue(level).hue), `${phase} vs ${level}`).toBeGreaterThanOrEqual(30);
    }
  });
});

describe('cluster rings', () => {
  const expression = styleExpression.createExpression(ringImageExpression(), { type: 'string' } as never);
  if (expression.result !== 'success') throw new Error(JSON.stringify(expression.value));
  const evaluate = (mix: ClusterMix) =>
    expression.value.evaluate({ zoom: 10 }, { type: 1, properties: { ...mix, point_count: mix.orange + mix.yellow + mix.blue } } as never) as string;

  it('leave out a level with no point, and draw every level present', () => {
    const random = seededRandom(15);
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const mix = { orange: 0, yellow: 0, blue: 0 };
      for (const level of RING_LEVELS) if (random() < 0.7) mix[level] = Math.floor(random() ** 3 * 5000);
      if (mix.orange + mix.yellow + mix.blue < 2) mix.blue += 2;
      const id = evaluate(mix);
      expect(id, JSON.stringify(mix)).toBe(ringImageId(mix)); // the style and the screen's own reading agree
      ids.add(id);
      const segments = parseRingImageId(id)!.segments;
      expect(segments.map((s) => s.level)).toEqual(RING_LEVELS.filter((l) => mix[l] > 0));
      expect(segments.every((s) => s.to > s.from)).toBe(true);
      expect(segments.at(-1)!.to).toBeCloseTo(1, 9);
      segments.forEach((s, j) => j > 0 && expect(s.from).toBe(segments[j - 1]!.to));
    }
    // a few dozen images for a whole city, never one per cluster
    expect(ids.size).toBeLessThan(4 * (RING_UNITS + 2) ** 2);
  });

  it('gives one point of a level among thousands its own segment', () => {
    const { segments } = parseRingImageId(ringImageId({ orange: 1, yellow: 0, blue: 4999 }))!;
    expect(segments.map((s) => s.level)).toEqual(['orange', 'blue']);
    expect(segments[0]!.to - segments[0]!.from).toBeGreaterThan(0);
  });

  it('draw nothing for nothing, and refuse an id that is not a ring’s', () => {
    expect(ringSegments({ orange: 0, yellow: 0, blue: 0 })).toEqual([]);
    expect(parseRingImageId('fire-new')).toBeNull();
    expect(parseRingImageId('cluster-ring:9:1:1:1')).toBeNull();
    expect(parseRingImageId('cluster-ring:0:x:1:1')).toBeNull();
  });
});

describe('recently changed marks', () => {
  it('fade with the change’s age and are gone after RECENT_CHANGE_MS', () => {
    expect(recentMarkOpacity(0)).toBe(1);
    expect(recentMarkOpacity(FADE_STEP_MS - 1)).toBe(1);
    expect(recentMarkOpacity(RECENT_CHANGE_MS / 2)).toBeCloseTo(0.5, 2);
    expect(recentMarkOpacity(RECENT_CHANGE_MS - 1)).toBeGreaterThan(0);
    expect(recentMarkOpacity(RECENT_CHANGE_MS)).toBe(0);
    expect(recentMarkOpacity(Number.NaN)).toBe(0);
    let last = 1;
    for (let age = 0; age <= RECENT_CHANGE_MS; age += 1000) {
      const opacity = recentMarkOpacity(age);
      expect(opacity).toBeLessThanOrEqual(last);
      // one value per fade step: the screen redraws the marks once a step
      expect(opacity).toBe(recentMarkOpacity(Math.floor(age / FADE_STEP_MS) * FADE_STEP_MS));
      last = opacity;
    }
  });
});

describe('the selected record’s ring', () => {
  it('follows the record where it is now, and goes with it', () => {
    const point = { id: 'p', lon: 116, lat: 29.7 };
    const live = {
      riskPoints: ChunkedMap.from([['p', point]]),
      fireAlerts: ChunkedMap.from([['f', { id: 'f', lon: 115.1, lat: 29.2 }]]),
    } as unknown as LiveState;
    expect(selectedPlace(live, { kind: 'riskPoint', id: 'p' })).toEqual({ lon: 116, lat: 29.7 });
    expect(selectedPlace(live, { kind: 'fireAlert', id: 'f' })).toEqual({ lon: 115.1, lat: 29.2 });
    expect(selectedPlace(live, { kind: 'fireAlert', id: 'p' })).toBeNull();
    expect(selectedPlace(live, null)).toBeNull();
    expect(selectedPlace(null, { kind: 'riskPoint', id: 'p' })).toBeNull();
  });
});
