import type { FireAlertStatus } from '../../shared/fire-alerts.ts';
import type { RiskLevel } from '../../shared/risk-points.ts';
import type { CAP_SEVERITIES } from '../../shared/warnings.ts';

/*
 * Every colour the map's symbols and their legend use is written here once: the layers and the legend
 * (client/map/legend.ts) both read these, so a legend cannot show a colour the map no longer draws.
 */

/** The offline map's ground; also the dark halo and outline that keeps a symbol readable on any fill. */
export const GROUND_COLOR = '#07111f';

/** The four-colour risk scale, tuned to read on a dark screen. */
export const LEVEL_COLOR: Record<RiskLevel, string> = {
  red: '#ff4d4f',
  orange: '#ff8c1a',
  yellow: '#ffd23f',
  blue: '#3e9bff',
};

/** The dark rim of a red point, the light one of the others (as the tiles draw them). */
export const RED_POINT_RIM = '#2a0000';

/** The category character on a point: dark on the light levels, white on red. */
export const GLYPH_COLOR = { dark: GROUND_COLOR, light: '#ffffff' } as const;

/** A cluster's disc, under its ring of level shares and its total. */
export const CLUSTER_DISC_COLOR = '#0b1a2e';
export const CLUSTER_TEXT_COLOR = '#ffffff';

/**
 * What the map says of a fire alert: four phases, each with its own colour. The colours are of the
 * magenta–violet family, which no risk level uses (red, orange, yellow, blue), and the shape (a flame) is
 * not a dot either: an alert never reads as a risk point.
 */
export const FIRE_PHASES = ['new', 'handling', 'confirmed', 'out'] as const;
export type FirePhase = (typeof FIRE_PHASES)[number];

export const FIRE_PHASE_OF: Record<FireAlertStatus, FirePhase> = {
  new: 'new',
  acknowledged: 'handling',
  verifying: 'handling',
  confirmed: 'confirmed',
  responding: 'confirmed',
  false_alarm: 'out',
  extinguished: 'out',
  closed: 'out',
};

export const FIRE_PHASE_COLOR: Record<FirePhase, string> = {
  new: '#e83cff',
  handling: '#a67cff',
  confirmed: '#ff1f9a',
  out: '#9aa0b4',
};

/** The outline of a fire alert's flame, light so that the shape stands out on the dark ground and on districts. */
export const FIRE_OUTLINE_COLOR = '#fff0fb';

/** An alert flagged as a known industrial heat source: a grey square, not a flame — it is not a fire to act on. */
export const HEAT_SOURCE_COLOR = '#8fa3b8';

/** Screens that colour by exact status (feed, drawer, actions) use the colour of its phase, as the map does. */
export const FIRE_STATUS_COLOR = Object.fromEntries(Object.entries(FIRE_PHASE_OF).map(([status, phase]) => [status, FIRE_PHASE_COLOR[phase]])) as Record<
  FireAlertStatus,
  string
>;

/** The ring around the record the drawer shows: white inside black, which stands out on any fill. */
export const SELECTION_RING_COLOR = '#ffffff';
export const SELECTION_HALO_COLOR = '#000000';

/** The fading mark of a record changed in the last minutes: a cyan glow no level, phase or water uses. */
export const RECENT_MARK_COLOR = '#5ff2ff';

/** CAP severities in the colours of China's warning signals (红橙黄蓝). */
export const SEVERITY_COLOR: Record<(typeof CAP_SEVERITIES)[number], string> = {
  Extreme: '#ff2d2d',
  Severe: '#ff8c1a',
  Moderate: '#ffd23f',
  Minor: '#3e9bff',
  Unknown: '#8e8e93',
};

/** The districts' fill (the selected one lighter) and their outlines. */
export const DISTRICT_FILL_COLOR = '#0f2a44';
export const DISTRICT_SELECTED_COLOR = '#1d4f7a';
export const DISTRICT_LINE_COLOR = '#3fa9f5';
export const DISTRICT_LABEL_COLOR = '#cfe6ff';
