import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';

/**
 * A style expression built from parts: the style-spec's tuple types cannot follow spreads and helpers. Apart
 * from map-style.ts, so that what the legend shares with the layers pulls no font list into a screen's chunk.
 */
export function expr(...parts: unknown[]): ExpressionSpecification {
  return parts as ExpressionSpecification;
}
