import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIRE_OUTLINE_COLOR, GROUND_COLOR } from '../ui/palette.ts';
import { ICON_BOX } from './fire-symbols.ts';
import { LEGEND, type LegendEntry, type Swatch } from './legend.ts';
import type { RingSegment } from './cluster-ring.ts';
import './legend.css';

/** The sample's box, in its own units: the SVG scales it to the host's size (px on the desk, rem on the wall). */
const BOX = 24;
const C = BOX / 2;

/** A point on a circle at a fraction of a turn from twelve o'clock, clockwise. */
const at = (r: number, turn: number) => `${C + r * Math.sin(turn * 2 * Math.PI)} ${C - r * Math.cos(turn * 2 * Math.PI)}`;

function Arc({ r, segment, width }: { r: number; segment: RingSegment; width: number }) {
  if (segment.to - segment.from >= 0.999) return <circle cx={C} cy={C} r={r} fill="none" stroke={segment.color} strokeWidth={width} />;
  const large = segment.to - segment.from > 0.5 ? 1 : 0;
  return <path d={`M ${at(r, segment.from)} A ${r} ${r} 0 ${large} 1 ${at(r, segment.to)}`} fill="none" stroke={segment.color} strokeWidth={width} />;
}

function SwatchShape({ swatch }: { swatch: Swatch }) {
  switch (swatch.kind) {
    case 'dot':
      return <circle cx={C} cy={C} r={swatch.glyph ? 8 : 6} fill={swatch.fill} stroke={swatch.stroke} strokeWidth={1} />;
    case 'icon': {
      const { icon, plate } = swatch;
      // the plate, then the same paths in the same painting order as the map's image (fire-symbols.ts drawIconImage)
      const scale = 0.78;
      const offset = (BOX - ICON_BOX * scale) / 2;
      return (
        <>
          <circle cx={C} cy={C} r={10.6} fill={plate.fill} fillOpacity={0.85} stroke={plate.rim} strokeWidth={1.6} />
          <g transform={`translate(${offset} ${offset}) scale(${scale})`} strokeLinejoin="round">
            <path d={icon.path} fill="none" stroke={GROUND_COLOR} strokeWidth={3.2} />
            <path d={icon.path} fill={icon.hollow ? `${GROUND_COLOR}b0` : icon.fill} stroke={icon.stroke} strokeWidth={icon.hollow ? 1.8 : 1.2} />
            {icon.core && <path d={icon.core} fill={FIRE_OUTLINE_COLOR} opacity={0.9} />}
          </g>
        </>
      );
    }
    case 'cluster':
      return (
        <>
          <circle cx={C} cy={C} r={8} fill={swatch.disc} />
          <circle cx={C} cy={C} r={9.8} fill="none" stroke={swatch.halo} strokeWidth={4.4} />
          {swatch.segments.map((s) => (
            <Arc key={s.level} r={9.8} segment={s} width={3.4} />
          ))}
        </>
      );
    case 'selection':
      return (
        <>
          <circle cx={C} cy={C} r={8} fill="none" stroke={swatch.halo} strokeWidth={4.5} strokeOpacity={0.75} />
          <circle cx={C} cy={C} r={8} fill="none" stroke={swatch.ring} strokeWidth={2} />
        </>
      );
    case 'recent':
      return <circle cx={C} cy={C} r={8} fill={swatch.color} fillOpacity={0.28} stroke={swatch.color} strokeWidth={2} />;
    case 'area': {
      const band = 18 / swatch.fills.length;
      return (
        <>
          {swatch.fills.map((fill, i) => (
            <rect key={fill} x={3 + i * band} y={5} width={band} height={14} fill={fill} fillOpacity={swatch.opacity} />
          ))}
          <rect x={3} y={5} width={18} height={14} fill="none" stroke={swatch.line} strokeWidth={1.6} strokeDasharray={swatch.dashed ? '3 2' : undefined} />
        </>
      );
    }
  }
}

/** The text a sample carries (a cluster's total, a category's character), as HTML over the SVG: it scales with the host's font. */
const swatchText = (swatch: Swatch) =>
  swatch.kind === 'cluster' ? { text: swatch.text, color: swatch.textColor } : swatch.kind === 'dot' && swatch.glyph ? swatch.glyph : null;

function SwatchView({ swatch }: { swatch: Swatch }) {
  const text = swatchText(swatch);
  return (
    <span className="legend-swatch" data-swatch={swatch.kind}>
      <svg viewBox={`0 0 ${BOX} ${BOX}`} aria-hidden="true">
        <SwatchShape swatch={swatch} />
      </svg>
      {text && <b style={{ color: text.color }}>{text.text}</b>}
    </span>
  );
}

function Entry({ entry, details }: { entry: LegendEntry; details: boolean }) {
  const { t } = useTranslation();
  return (
    <li data-legend={entry.id} data-layers={entry.layers.join(' ')}>
      <SwatchView swatch={entry.swatch} />
      <span className="legend-label">
        {entry.label.keys.map((k) => t(k, entry.label.params)).join(' / ')}
        {details && entry.detail && (
          <span className="legend-detail">
            {entry.detail.map((d) => (
              <span key={d.key}>
                <b>{d.text}</b> {t(d.key)}
              </span>
            ))}
          </span>
        )}
      </span>
    </li>
  );
}

const OPEN_KEY = 'onemap.legend.open';

/** Whether the officer left the legend open (it is, the first time). */
function useOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => {
    try {
      return window.localStorage.getItem(OPEN_KEY) !== '0';
    } catch {
      return true;
    }
  });
  return [
    open,
    (next) => {
      setOpen(next);
      try {
        window.localStorage.setItem(OPEN_KEY, next ? '1' : '0');
      } catch {
        // private mode: the choice lasts as long as the page
      }
    },
  ];
}

/**
 * The map's legend, every symbol in it. On the desk it folds away (the officer's choice is kept); on the
 * wall, which has no input, it is always open, in the wall's rem sizes, without the category names.
 */
export function MapLegend({ host }: { host: 'desk' | 'wall' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useOpen();
  const shown = host === 'wall' || open;
  return (
    <section className={`map-legend on-${host}`} data-testid="map-legend" data-open={shown}>
      {host === 'desk' ? (
        <button type="button" className="legend-toggle" aria-expanded={shown} onClick={() => setOpen(!open)} title={t(open ? 'legend.hide' : 'legend.show')}>
          {t('map.legend')} <span className="chevron" data-open={open} aria-hidden="true" />
        </button>
      ) : (
        <h4>{t('map.legend')}</h4>
      )}
      {shown && (
        <div className="legend-groups">
          {LEGEND.map((group) => (
            <div key={group.id} className="legend-group">
              <h5>{t(group.titleKey)}</h5>
              <ul>
                {group.entries.map((entry) => (
                  <Entry key={entry.id} entry={entry} details={host === 'desk'} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
