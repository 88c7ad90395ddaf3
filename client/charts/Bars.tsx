import { memo } from 'react';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const AXIS = { stroke: '#7fa7c9', fontSize: 12 };
/** Recharts wraps a tick label at the axis width; right-aligned at the axis, a label that fits needs no wrap. */
const ONE_LINE_AXIS = { ...AXIS, width: 1000 };
const TOOLTIP_STYLE = { background: '#0b1a2e', border: '1px solid #27507a', color: '#e6f1ff' };

export interface BarDatum {
  key: string;
  name: string;
  value: number;
  color?: string;
}

export interface BarsProps {
  bars: BarDatum[];
  height: number;
  /** 'vertical' lists the bars down the panel with their names on the left. */
  layout: 'vertical' | 'horizontal';
  labelWidth?: number;
  color: string;
}

const sameBars = (a: BarsProps, b: BarsProps) =>
  a.height === b.height &&
  a.layout === b.layout &&
  a.labelWidth === b.labelWidth &&
  a.bars.length === b.bars.length &&
  a.bars.every((bar, i) => bar.key === b.bars[i]!.key && bar.name === b.bars[i]!.name && bar.value === b.bars[i]!.value);

/**
 * One bar chart of the panel. Redrawn only when a bar's value or name changes: the live picture changes
 * several times a second, the counts by level or category seldom, and an SVG chart is costly to lay out.
 */
const Bars = memo(function Bars({ bars, height, layout, labelWidth, color }: BarsProps) {
  const vertical = layout === 'vertical';
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={bars} layout={layout} margin={vertical ? { left: 4, right: 30 } : { left: 0, right: 0, top: 4 }}>
        {vertical ? <XAxis type="number" hide /> : <XAxis dataKey="name" tick={AXIS} interval={3} axisLine={false} tickLine={false} />}
        {vertical ? (
          // a label never wraps onto its neighbour's row: the axis is made wide enough for the longest instead
          <YAxis type="category" dataKey="name" width={labelWidth} tick={ONE_LINE_AXIS} axisLine={false} tickLine={false} interval={0} />
        ) : (
          <YAxis hide allowDecimals={false} />
        )}
        <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: '#ffffff10' }} />
        <Bar dataKey="value" fill={color} isAnimationActive={false} label={vertical ? { position: 'right', fill: '#e6f1ff', fontSize: 11 } : undefined}>
          {bars.map((bar) => (
            <Cell key={bar.key} fill={bar.color ?? color} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}, sameBars);

export default Bars;
