import { FIRE_OUTLINE_COLOR, FIRE_PHASE_COLOR, FIRE_PHASES, type FirePhase, GROUND_COLOR, HEAT_SOURCE_COLOR } from '../ui/palette.ts';
import { expr } from './expression.ts';

/**
 * The shapes a fire alert is drawn with, as SVG path data in a 24 × 24 box: the map paints them onto a
 * canvas (Path2D reads the same data) and adds them as style images; the legend draws them as SVG. No
 * sprite sheet, no emoji font, nothing fetched.
 */
export const ICON_BOX = 24;

/** A flame with a side tongue: nothing else on the map has this outline. */
export const FLAME_PATH =
  'M12 1.6C12.7 5.4 16.4 7.8 18.1 11.3C20.2 15.5 17.9 21.4 12 22C6.1 21.4 3.9 15.7 6.1 11.7C6.9 10.2 8.1 9.2 8.5 7.3C9.9 8.5 10.4 10.2 10.3 11.9C12 9.4 12.7 5.8 12 1.6Z';
/** The flame's bright core, on the phases where the fire is (or may be) burning. */
export const FLAME_CORE_PATH = 'M12 12.6C13.7 14.3 15 15.9 14.6 17.8C14.2 19.6 13.1 20.4 12 20.4C10.5 20.4 9.4 19.2 9.5 17.6C9.6 16 10.9 14.7 12 12.6Z';
/** A known industrial heat source: a square, a plant not a fire. */
export const HEAT_SOURCE_PATH = 'M5 5H19V19H5Z';

export interface SymbolIcon {
  id: string;
  path: string;
  /** Drawn over the path, lighter: the flame's core. */
  core: string | null;
  fill: string;
  stroke: string;
  /** An outline only: the alert is over. */
  hollow: boolean;
}

export const FIRE_ICONS: Record<FirePhase, SymbolIcon> = Object.fromEntries(
  FIRE_PHASES.map((phase) => [
    phase,
    {
      id: `fire-${phase}`,
      path: FLAME_PATH,
      core: phase === 'out' ? null : FLAME_CORE_PATH,
      fill: FIRE_PHASE_COLOR[phase],
      stroke: phase === 'out' ? FIRE_PHASE_COLOR.out : FIRE_OUTLINE_COLOR,
      hollow: phase === 'out',
    },
  ]),
) as Record<FirePhase, SymbolIcon>;

export const HEAT_SOURCE_ICON: SymbolIcon = {
  id: 'fire-heat-source',
  path: HEAT_SOURCE_PATH,
  core: null,
  fill: HEAT_SOURCE_COLOR,
  stroke: GROUND_COLOR,
  hollow: false,
};

export const ALL_FIRE_ICONS: readonly SymbolIcon[] = [...Object.values(FIRE_ICONS), HEAT_SOURCE_ICON];

/** Which image an alert's feature is drawn with: a heat source's square, else its phase's flame. */
export const fireIconExpression = () =>
  expr('case', ['get', 'heatSource'], HEAT_SOURCE_ICON.id, [
    'match',
    ['get', 'phase'],
    ...FIRE_PHASES.flatMap((p) => [p, FIRE_ICONS[p].id]),
    FIRE_ICONS.new.id,
  ]);

/** The size the icons are drawn at (CSS pixels) and the screens' pixel ratio they are drawn for. */
export const ICON_SIZE_PX = 32;
const IMAGE_PIXEL_RATIO = 2;

/**
 * Paints an icon: a dark halo, then the shape in its colour (or its outline alone), then the light outline
 * and core, so that it reads on the dark ground, on a district, on a warning's area and on imagery alike.
 */
export function drawIconImage(icon: SymbolIcon): { image: ImageData; pixelRatio: number } {
  const side = ICON_SIZE_PX * IMAGE_PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const scale = side / (ICON_BOX + 4);
  ctx.scale(scale, scale);
  ctx.translate(2, 2);
  ctx.lineJoin = 'round';
  const shape = new Path2D(icon.path);
  ctx.strokeStyle = GROUND_COLOR;
  ctx.lineWidth = 3.2;
  ctx.stroke(shape);
  if (icon.hollow) {
    ctx.fillStyle = `${GROUND_COLOR}b0`;
    ctx.fill(shape);
  } else {
    ctx.fillStyle = icon.fill;
    ctx.fill(shape);
  }
  ctx.strokeStyle = icon.stroke;
  ctx.lineWidth = icon.hollow ? 1.8 : 1.2;
  ctx.stroke(shape);
  if (icon.core) {
    ctx.fillStyle = FIRE_OUTLINE_COLOR;
    ctx.globalAlpha = 0.9;
    ctx.fill(new Path2D(icon.core));
    ctx.globalAlpha = 1;
  }
  return { image: ctx.getImageData(0, 0, side, side), pixelRatio: IMAGE_PIXEL_RATIO };
}
