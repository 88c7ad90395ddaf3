import { useMemo } from 'react';
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
  const live = useLive((v) => v.sync.live);
  const district = useLive((v) => v.district);
  const now = useNow(60_000);

  const figures = useMemo(() => {
    const points = inDistrict(live?.riskPoints.values() ?? [], district);
    const alerts = inDistrict(live?.fireAlerts.values() ?? [], district);
    const onPost = shiftsOnDutyAt([...(live?.dutyShifts.values() ?? [])], new Date(now)).filter((s) => s.status === 'on_post').length;
    return { risk: riskFigures(points), activeFires: activeFireCount(alerts), perHour: firesPerHour(alerts, now), onPost };
    // the picture changes identity on every change; `now` moves the 24-hour window
  }, [live, district, now]);

  const byLevel = RISK_LEVELS.map((level) => ({ level, name: t(`level.${level}`), value: figures.risk.byLevel[level] }));
  const byCategory = RISK_CATEGORIES.map((c) => ({ name: t(`category.${c}`), value: figures.risk.byCategory[c] }))
    .filter((c) => c.value > 0)
    .sort((a, b) => b.value - a.value);
  // English labels run longer than Chinese ones
  const labelWidth = i18n.language === 'en' ? { level: 64, category: 118 } : { level: 44, category: 92 };
  const perHour = figures.perHour.map((b) => ({ name: formatTime(b.hour, i18n.language).slice(0, 2), value: b.count }));

  return (
    <section className="panel kpi" data-testid="kpi-panel">
      <h2>{t('kpi.title')}</h2>
      <div className="figures">
        <Figure label={t('kpi.riskPoints')} value={figures.risk.total} />
        <Figure label={t('kpi.openHazards')} value={figures.risk.openHazards} tone="warn" />
        <Figure label={t('kpi.overdueHazards')} value={figures.risk.overdueHazards} tone="alarm" />
        <Figure label={t('kpi.activeFires')} value={figures.activeFires} tone="alarm" />
        <Figure label={t('kpi.onPost')} value={figures.onPost} />
      </div>
      <h3>{t('kpi.byLevel')}</h3>
      <ResponsiveContainer width="100%" height={110}>
        <BarChart data={byLevel} layout="vertical" margin={{ left: 4, right: 24 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={labelWidth.level} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: '#ffffff10' }} />
          <Bar dataKey="value" isAnimationActive={false} label={{ position: 'right', fill: '#e6f1ff', fontSize: 12 }}>
            {byLevel.map((d) => (
              <Cell key={d.level} fill={LEVEL_COLOR[d.level]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <h3>{t('kpi.byCategory')}</h3>
      <ResponsiveContainer width="100%" height={190}>
        <BarChart data={byCategory} layout="vertical" margin={{ left: 4, right: 30 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={labelWidth.category} tick={AXIS} axisLine={false} tickLine={false} interval={0} />
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: '#ffffff10' }} />
          <Bar dataKey="value" fill="#3fa9f5" isAnimationActive={false} label={{ position: 'right', fill: '#e6f1ff', fontSize: 11 }} />
        </BarChart>
      </ResponsiveContainer>
      <h3>{t('kpi.fires24h')}</h3>
      <ResponsiveContainer width="100%" height={90}>
        <BarChart data={perHour} margin={{ left: 0, right: 0, top: 4 }}>
          <XAxis dataKey="name" tick={AXIS} interval={3} axisLine={false} tickLine={false} />
          <YAxis hide allowDecimals={false} />
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: '#ffffff10' }} />
          <Bar dataKey="value" fill="#ff5e3a" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}
