import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { shiftsOnDutyAt } from '../../shared/duty.ts';
import { RISK_CATEGORIES, RISK_LEVELS } from '../../shared/risk-points.ts';
import { activeFireCount, firesPerHour, inDistrict, riskFigures } from '../desk/situation.ts';
import { formatNumber, formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { LEVEL_COLOR } from '../ui/palette.ts';
import { useNow } from '../ui/useNow.ts';

const AXIS = { stroke: '#7fa7c9', fontSize: 12 };
const TOOLTIP_STYLE = { background: '#0b1a2e', border: '1px solid #27507a', color: '#e6f1ff' };

interface Bar {
  key: string;
  name: string;
  value: number;
  color?: string;
}

interface BarsProps {
  bars: Bar[];
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
          <YAxis type="category" dataKey="name" width={labelWidth} tick={AXIS} axisLine={false} tickLine={false} interval={0} />
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

function Figure({ label, value, tone }: { label: string; value: number; tone?: string }) {
  const { i18n } = useTranslation();
  return (
    <div className={`figure ${tone ?? ''}`}>
      <strong>{formatNumber(value, i18n.language)}</strong>
      <span>{label}</span>
    </div>
  );
}

/** 态势统计: every figure and chart follows the live store and the chosen district. */
export function KpiPanel() {
  const { t, i18n } = useTranslation();
  const riskPoints = useLive((v) => v.sync.live?.riskPoints);
  const fireAlerts = useLive((v) => v.sync.live?.fireAlerts);
  const dutyShifts = useLive((v) => v.sync.live?.dutyShifts);
  const district = useLive((v) => v.district);
  const now = useNow(60_000);

  // each collection changes identity only when one of its records changed
  const risk = useMemo(() => riskFigures(inDistrict(riskPoints?.values() ?? [], district)), [riskPoints, district]);
  const fires = useMemo(() => {
    const alerts = inDistrict(fireAlerts?.values() ?? [], district);
    return { active: activeFireCount(alerts), perHour: firesPerHour(alerts, now) };
  }, [fireAlerts, district, now]);
  const onPost = useMemo(
    () => shiftsOnDutyAt([...(dutyShifts?.values() ?? [])], new Date(now)).filter((s) => s.status === 'on_post').length,
    [dutyShifts, now],
  );

  const byLevel = RISK_LEVELS.map((level) => ({ key: level, name: t(`level.${level}`), value: risk.byLevel[level], color: LEVEL_COLOR[level] }));
  const byCategory = RISK_CATEGORIES.map((c) => ({ key: c, name: t(`category.${c}`), value: risk.byCategory[c] }))
    .filter((c) => c.value > 0)
    .sort((a, b) => b.value - a.value);
  // English labels run longer than Chinese ones
  const labelWidth = i18n.language === 'en' ? { level: 64, category: 118 } : { level: 44, category: 92 };
  const perHour = fires.perHour.map((b) => ({ key: String(b.hour), name: formatTime(b.hour, i18n.language).slice(0, 2), value: b.count }));

  return (
    <section className="panel kpi" data-testid="kpi-panel">
      <h2>{t('kpi.title')}</h2>
      <div className="figures">
        <Figure label={t('kpi.riskPoints')} value={risk.total} />
        <Figure label={t('kpi.openHazards')} value={risk.openHazards} tone="warn" />
        <Figure label={t('kpi.overdueHazards')} value={risk.overdueHazards} tone="alarm" />
        <Figure label={t('kpi.activeFires')} value={fires.active} tone="alarm" />
        <Figure label={t('kpi.onPost')} value={onPost} />
      </div>
      <h3>{t('kpi.byLevel')}</h3>
      <Bars bars={byLevel} height={110} layout="vertical" labelWidth={labelWidth.level} color="#3fa9f5" />
      <h3>{t('kpi.byCategory')}</h3>
      <Bars bars={byCategory} height={190} layout="vertical" labelWidth={labelWidth.category} color="#3fa9f5" />
      <h3>{t('kpi.fires24h')}</h3>
      <Bars bars={perHour} height={90} layout="horizontal" color="#ff5e3a" />
    </section>
  );
}
