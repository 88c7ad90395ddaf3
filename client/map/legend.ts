import { RISK_CATEGORIES } from '../../shared/risk-points.ts';
import {
  CLUSTER_DISC_COLOR,
  CLUSTER_TEXT_COLOR,
  DISTRICT_FILL_COLOR,
  DISTRICT_LABEL_COLOR,
  DISTRICT_LINE_COLOR,
  DISTRICT_SELECTED_COLOR,
  FIRE_PHASE_COLOR,
  FIRE_PHASE_OF,
  FIRE_PHASES,
  GLYPH_COLOR,
  GROUND_COLOR,
  HEAT_SOURCE_COLOR,
  LEVEL_COLOR,
  RECENT_MARK_COLOR,
  RED_POINT_RIM,
  SELECTION_HALO_COLOR,
  SELECTION_RING_COLOR,
  SEVERITY_COLOR,
} from '../ui/palette.ts';
import { RING_LEVELS, ringSegments, type RingSegment } from './cluster-ring.ts';
import { FIRE_ICONS, HEAT_SOURCE_ICON, type SymbolIcon } from './fire-symbols.ts';
import { RECENT_CHANGE_MS } from './recent-marks.ts';
import { CATEGORY_GLYPH } from './risk-point-features.ts';
import { RIVER_COLOR, WATER_COLOR } from './water.ts';

/**
 * The legend: every symbol the live map draws, as pure data. The desk and the wall render it each in their
 * own way (client/map/Legend.tsx); the colours are the palette's, the same constants the layers paint with,
 * and each entry names the layers it explains, so tests can hold the legend against the map's style.
 */

/** How an entry's sample is drawn. */
export type Swatch =
  | { kind: 'dot'; fill: string; stroke: string; glyph?: { text: string; color: string } }
  | { kind: 'icon'; icon: SymbolIcon; plate: { fill: string; rim: string } }
  | { kind: 'cluster'; disc: string; text: string; textColor: string; halo: string; segments: RingSegment[] }
  | { kind: 'selection'; ring: string; halo: string }
  | { kind: 'recent'; color: string }
  | { kind: 'area'; fills: string[]; line: string; dashed: boolean; opacity: number };

export interface LegendEntry {
  id: string;
  /** i18n keys, joined with " / " (the statuses of one fire phase), or one key with its parameters. */
  label: { keys: string[]; params?: Record<string, string | number> };
  swatch: Swatch;
  /** The map layers this entry explains (ids in the map's style). */
  layers: readonly string[];
  /** More colours those layers paint than the swatch shows (a halo, the selected district's fill). */
  alsoColors?: readonly string[];
  /** A line of detail under the label, as i18n keys with the text each goes with (the category characters). */
  detail?: { text: string; key: string }[];
}

export interface LegendGroup {
  id: string;
  titleKey: string;
  entries: LegendEntry[];
}

const levelDot = (level: 'orange' | 'yellow' | 'blue'): LegendEntry => ({
  id: `level-${level}`,
  label: { keys: [`level.${level}`] },
  swatch: { kind: 'dot', fill: LEVEL_COLOR[level], stroke: GROUND_COLOR },
  layers: ['risk-point-dot'],
});

/** A sample mix for the cluster's sample: all three levels, so each ring colour shows. */
const SAMPLE_RING = ringSegments({ orange: 2, yellow: 4, blue: 6 });

const fireStatuses = (phase: (typeof FIRE_PHASES)[number]) =>
  (Object.keys(FIRE_PHASE_OF) as (keyof typeof FIRE_PHASE_OF)[]).filter((s) => FIRE_PHASE_OF[s] === phase).map((s) => `fireStatus.${s}`);

export const LEGEND: readonly LegendGroup[] = [
  {
    id: 'riskPoints',
    titleKey: 'map.riskPoints',
    entries: [
      {
        id: 'level-red',
        label: { keys: ['legend.redAlone'] },
        swatch: { kind: 'dot', fill: LEVEL_COLOR.red, stroke: RED_POINT_RIM },
        layers: ['risk-red-dot'],
      },
      ...(['orange', 'yellow', 'blue'] as const).map(levelDot),
      {
        id: 'cluster',
        label: { keys: ['legend.cluster'] },
        swatch: { kind: 'cluster', disc: CLUSTER_DISC_COLOR, text: '12', textColor: CLUSTER_TEXT_COLOR, halo: GROUND_COLOR, segments: SAMPLE_RING },
        layers: ['risk-cluster', 'risk-cluster-ring', 'risk-cluster-count'],
        alsoColors: RING_LEVELS.map((l) => LEVEL_COLOR[l]),
      },
      {
        id: 'category',
        label: { keys: ['legend.category'] },
        swatch: { kind: 'dot', fill: LEVEL_COLOR.yellow, stroke: GROUND_COLOR, glyph: { text: CATEGORY_GLYPH.hazardous_chemicals, color: GLYPH_COLOR.dark } },
        layers: ['risk-point-glyph', 'risk-red-glyph', 'risk-recent-glyph'],
        alsoColors: [GLYPH_COLOR.light],
        detail: RISK_CATEGORIES.map((c) => ({ text: CATEGORY_GLYPH[c], key: `category.${c}` })),
      },
    ],
  },
  {
    id: 'fireAlerts',
    titleKey: 'map.fireAlerts',
    entries: [
      ...FIRE_PHASES.map((phase): LegendEntry => ({
        id: `fire-${phase}`,
        label: { keys: phase === 'new' ? ['legend.fireNew'] : fireStatuses(phase) },
        swatch: { kind: 'icon', icon: FIRE_ICONS[phase], plate: { fill: GROUND_COLOR, rim: FIRE_PHASE_COLOR[phase] } },
        layers: ['fire-alert-dot', 'fire-alert-icon'],
      })),
      {
        id: 'heat-source',
        label: { keys: ['heatSource.label'] },
        swatch: { kind: 'icon', icon: HEAT_SOURCE_ICON, plate: { fill: GROUND_COLOR, rim: HEAT_SOURCE_COLOR } },
        layers: ['fire-alert-dot', 'fire-alert-icon'],
      },
      {
        id: 'footprint',
        label: { keys: ['legend.footprint'] },
        swatch: { kind: 'area', fills: [FIRE_PHASE_COLOR.new], line: FIRE_PHASE_COLOR.new, dashed: false, opacity: 0.35 },
        layers: ['fire-footprint-fill', 'fire-footprint-line'],
        alsoColors: Object.values(FIRE_PHASE_COLOR),
      },
    ],
  },
  {
    id: 'marks',
    titleKey: 'legend.marks',
    entries: [
      {
        id: 'selected',
        label: { keys: ['legend.selected'] },
        swatch: { kind: 'selection', ring: SELECTION_RING_COLOR, halo: SELECTION_HALO_COLOR },
        layers: ['selection-halo', 'selection-ring'],
      },
      {
        id: 'recent',
        label: { keys: ['legend.recent'], params: { minutes: RECENT_CHANGE_MS / 60_000 } },
        swatch: { kind: 'recent', color: RECENT_MARK_COLOR },
        layers: ['risk-recent-mark', 'fire-recent-mark', 'risk-recent-dot'],
        // the changed point itself is drawn as the tiles draw it
        alsoColors: [...Object.values(LEVEL_COLOR), RED_POINT_RIM, GROUND_COLOR],
      },
    ],
  },
  {
    id: 'areas',
    titleKey: 'legend.areas',
    entries: [
      {
        id: 'warnings',
        label: { keys: ['legend.warnings'] },
        swatch: { kind: 'area', fills: Object.values(SEVERITY_COLOR), line: SEVERITY_COLOR.Severe, dashed: true, opacity: 0.45 },
        layers: ['warning-fill', 'warning-line'],
        alsoColors: Object.values(SEVERITY_COLOR),
      },
      {
        id: 'water',
        label: { keys: ['legend.water'] },
        swatch: { kind: 'area', fills: [WATER_COLOR], line: RIVER_COLOR, dashed: false, opacity: 0.9 },
        layers: ['water-fill', 'water-river'],
      },
      {
        id: 'districts',
        label: { keys: ['legend.districts'] },
        swatch: { kind: 'area', fills: [DISTRICT_FILL_COLOR], line: DISTRICT_LINE_COLOR, dashed: false, opacity: 0.9 },
        layers: ['district-fill', 'district-line', 'district-label'],
        alsoColors: [DISTRICT_SELECTED_COLOR, DISTRICT_LABEL_COLOR, GROUND_COLOR],
      },
    ],
  },
];

/** Layers of the style no entry explains: the ground and a basemap's own (its tiles carry their own legend). */
export const isUnexplainedLayer = (id: string): boolean => id === 'background' || id.startsWith('basemap');

/** Every colour an entry's sample shows or its layers are said to paint. */
export function entryColors(entry: LegendEntry): Set<string> {
  const s = entry.swatch;
  const shown: string[] =
    s.kind === 'dot'
      ? [s.fill, s.stroke, ...(s.glyph ? [s.glyph.color] : [])]
      : s.kind === 'icon'
        ? [s.icon.fill, s.icon.stroke, s.plate.fill, s.plate.rim]
        : s.kind === 'cluster'
          ? [s.disc, s.textColor, s.halo, ...s.segments.map((x) => x.color)]
          : s.kind === 'selection'
            ? [s.ring, s.halo]
            : s.kind === 'recent'
              ? [s.color]
              : [...s.fills, s.line];
  return new Set([...shown, ...(entry.alsoColors ?? [])].map((c) => c.toLowerCase()));
}

/** The layers the legend explains, each with the entries that explain it. */
export function legendLayers(): Map<string, LegendEntry[]> {
  const out = new Map<string, LegendEntry[]>();
  for (const group of LEGEND) for (const entry of group.entries) for (const id of entry.layers) out.set(id, [...(out.get(id) ?? []), entry]);
  return out;
}
