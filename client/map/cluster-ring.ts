import type { ClusterMix } from '../../shared/risk-point-clusters.ts';
import { LEVEL_COLOR, GROUND_COLOR } from '../ui/palette.ts';
import { expr } from './expression.ts';

/**
 * A cluster shows one number, its total, inside a ring of its levels' shares (MapLibre's "cluster with
 * donut" pattern, drawn as a style image instead of HTML markers, so the wall magnifies it with the map and
 * the compositor has nothing to move). A level with no point in the cluster has no segment.
 */

/** The levels a cluster can hold, in ring order from twelve o'clock: red points are never clustered. */
export const RING_LEVELS = ['orange', 'yellow', 'blue'] as const satisfies readonly (keyof ClusterMix)[];

/**
 * A share is drawn to a twelfth of the ring (30°): fine enough to read a mix, coarse enough that a city's
 * clusters need a few dozen distinct images, not one each. Every level present gets at least one twelfth.
 */
export const RING_UNITS = 12;

/** Clusters come in four sizes by their total; the disc and its ring are drawn crisp at each, not stretched. */
export const CLUSTER_SIZES = [
  { fromCount: 0, radiusPx: 17, textPx: 12 },
  { fromCount: 100, radiusPx: 23, textPx: 13 },
  { fromCount: 1000, radiusPx: 30, textPx: 15 },
  { fromCount: 10_000, radiusPx: 38, textPx: 16 },
] as const;

/** The ring's width outside the disc, in CSS pixels, at every size. */
export const RING_WIDTH_PX = 6;
/** Images are drawn for screens up to this device pixel ratio (the wall's magnified map included). */
const IMAGE_PIXEL_RATIO = 2;

export const RING_IMAGE_PREFIX = 'cluster-ring:';

/** The size class of a cluster of this many points. */
export function sizeClassOf(pointCount: number): number {
  let size = 0;
  CLUSTER_SIZES.forEach((s, i) => {
    if (pointCount >= s.fromCount) size = i;
  });
  return size;
}

/** A level's share in twelfths: none for no point, else at least one. The style expression below says the same. */
export const unitsOf = (count: number, total: number): number => (count > 0 ? Math.max(1, Math.round((RING_UNITS * count) / total)) : 0);

/** The image a cluster is drawn with: its size class and each level's share. */
export function ringImageId(mix: ClusterMix): string {
  const total = mix.orange + mix.yellow + mix.blue;
  return `${RING_IMAGE_PREFIX}${sizeClassOf(total)}:${RING_LEVELS.map((l) => unitsOf(mix[l], total)).join(':')}`;
}

/** The same as ringImageId, as a style expression over a cluster's tags. */
export function ringImageExpression() {
  const units = (level: string) =>
    expr('case', ['>', ['get', level], 0], ['max', 1, ['round', ['/', ['*', RING_UNITS, ['get', level]], ['get', 'point_count']]]], 0);
  const size = expr('step', ['get', 'point_count'], ...CLUSTER_SIZES.flatMap((s, i) => (i === 0 ? [0] : [s.fromCount, i])));
  return expr('concat', RING_IMAGE_PREFIX, ['to-string', size], ...RING_LEVELS.flatMap((l) => [':', ['to-string', units(l)]]));
}

/** A cluster's disc radius and text size by its total, as style expressions. */
export const clusterRadiusExpression = () =>
  expr('step', ['get', 'point_count'], ...CLUSTER_SIZES.flatMap((s, i) => (i === 0 ? [s.radiusPx] : [s.fromCount, s.radiusPx])));
export const clusterTextSizeExpression = () =>
  expr('step', ['get', 'point_count'], ...CLUSTER_SIZES.flatMap((s, i) => (i === 0 ? [s.textPx] : [s.fromCount, s.textPx])));

export interface RingSegment {
  level: (typeof RING_LEVELS)[number];
  color: string;
  /** Where the segment starts and ends, as fractions of the ring from twelve o'clock, clockwise. */
  from: number;
  to: number;
}

/** The segments of a ring from the shares in an image id: levels with no share are left out. */
export function ringSegments(units: Readonly<Record<(typeof RING_LEVELS)[number], number>>): RingSegment[] {
  const total = RING_LEVELS.reduce((sum, l) => sum + Math.max(0, units[l]), 0);
  if (total === 0) return [];
  const segments: RingSegment[] = [];
  let at = 0;
  for (const level of RING_LEVELS) {
    if (!(units[level] > 0)) continue;
    const to = at + units[level] / total;
    segments.push({ level, color: LEVEL_COLOR[level], from: at, to });
    at = to;
  }
  return segments;
}

/** Reads an image id back: its size class and its segments; null for an id that is not a ring's. */
export function parseRingImageId(id: string): { sizeClass: number; segments: RingSegment[] } | null {
  if (!id.startsWith(RING_IMAGE_PREFIX)) return null;
  const parts = id.slice(RING_IMAGE_PREFIX.length).split(':').map(Number);
  if (parts.length !== 1 + RING_LEVELS.length || parts.some((n) => !Number.isInteger(n) || n < 0 || n > RING_UNITS + 1)) return null;
  const [sizeClass, ...shares] = parts as [number, ...number[]];
  if (sizeClass >= CLUSTER_SIZES.length) return null;
  const units = Object.fromEntries(RING_LEVELS.map((l, i) => [l, shares[i]!])) as Record<(typeof RING_LEVELS)[number], number>;
  return { sizeClass, segments: ringSegments(units) };
}

/** A thin gap between segments, as a fraction of the ring, so that two neighbouring levels read as two. */
const SEGMENT_GAP = 0.008;

/** Draws a ring into an image MapLibre takes (map.addImage); null for an id that is not a ring's. */
export function drawRingImage(id: string): { image: ImageData; pixelRatio: number } | null {
  const ring = parseRingImageId(id);
  if (!ring || ring.segments.length === 0) return null;
  const outer = CLUSTER_SIZES[ring.sizeClass]!.radiusPx + RING_WIDTH_PX;
  const side = Math.ceil((outer + 1) * 2 * IMAGE_PIXEL_RATIO);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(IMAGE_PIXEL_RATIO, IMAGE_PIXEL_RATIO);
  const centre = side / IMAGE_PIXEL_RATIO / 2;
  const middle = outer - RING_WIDTH_PX / 2;
  // a dark rim around the ring keeps it apart from a yellow warning area or a light basemap
  ctx.beginPath();
  ctx.arc(centre, centre, middle, 0, Math.PI * 2);
  ctx.strokeStyle = GROUND_COLOR;
  ctx.lineWidth = RING_WIDTH_PX + 2;
  ctx.stroke();
  const gap = ring.segments.length > 1 ? SEGMENT_GAP : 0;
  for (const s of ring.segments) {
    ctx.beginPath();
    const start = (s.from + gap / 2) * Math.PI * 2 - Math.PI / 2;
    const end = (s.to - gap / 2) * Math.PI * 2 - Math.PI / 2;
    ctx.arc(centre, centre, middle, start, end);
    ctx.strokeStyle = s.color;
    ctx.lineWidth = RING_WIDTH_PX;
    ctx.stroke();
  }
  return { image: ctx.getImageData(0, 0, side, side), pixelRatio: IMAGE_PIXEL_RATIO };
}
