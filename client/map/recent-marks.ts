import { RECENT_MARK_COLOR } from '../ui/palette.ts';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { expr } from './expression.ts';

/**
 * A record that changed in the last minutes carries a mark that fades out: news, not a permanent
 * highlight. Its opacity follows the change's age in steps, so a screen redraws the marks once a step, not
 * every frame, and a mark that has faded is no longer drawn at all.
 */

/** How long a change carries its mark. */
export const RECENT_CHANGE_MS = 10 * 60_000;
/** The marks' opacity moves on at most this often: 40 steps over the ten minutes. */
export const FADE_STEP_MS = 15_000;

/** The mark's opacity at this age of the change: 1 at once, falling step by step to 0 at RECENT_CHANGE_MS. */
export function recentMarkOpacity(ageMs: number): number {
  if (!Number.isFinite(ageMs) || ageMs >= RECENT_CHANGE_MS) return 0;
  if (ageMs <= 0) return 1;
  const steps = RECENT_CHANGE_MS / FADE_STEP_MS;
  return Math.round((1 - Math.floor(ageMs / FADE_STEP_MS) / steps) * 1000) / 1000;
}

/** The fade step a moment falls in: marks are redrawn when it moves on. */
export const fadeStepAt = (now: number): number => Math.floor(now / FADE_STEP_MS);

/** The mark: a cyan glow with a rim around the record, its opacity the feature's `fade`. */
export function recentMarkLayer(id: string, source: string, radius: unknown, filter?: unknown): LayerSpecification {
  return {
    id,
    type: 'circle',
    source,
    ...(filter ? { filter: filter as never } : {}),
    paint: {
      'circle-radius': radius as never,
      'circle-color': RECENT_MARK_COLOR,
      'circle-opacity': expr('*', 0.28, ['get', 'fade']),
      'circle-blur': 0.35,
      'circle-stroke-color': RECENT_MARK_COLOR,
      'circle-stroke-width': 2,
      'circle-stroke-opacity': expr('get', 'fade'),
    },
  } as LayerSpecification;
}
