import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BarsProps } from './Bars.tsx';
import { shiftsOnDutyAt } from '../../shared/duty.ts';
import { countHazards } from '../../shared/hazards.ts';
import { RISK_CATEGORIES, RISK_LEVELS } from '../../shared/risk-points.ts';
import { inDistrict } from '../../shared/districts.ts';
import { activeFireCount, firesPerHour } from '../fire-alerts/figures.ts';
import { RiskFigureCounter } from '../risk-points/figures.ts';
import { formatNumber, formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { LEVEL_COLOR } from '../ui/palette.ts';
import { useNow } from '../ui/useNow.ts';

/** recharts is a third of the screen's code: the charts come a moment after the figures, in their own chunk. */
const Bars = lazy(() => import('./Bars.tsx'));

/** A chart's place while its code loads, so nothing below it jumps. */
function LazyBars(props: BarsProps) {
  return (
    <Suspense fallback={<div style={{ height: props.height }} />}>
      <Bars {...props} />
    </Suspense>
  );
}

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
  const hazards = useLive((v) => v.sync.live?.hazards);
  const district = useLive((v) => v.district);
  const now = useNow(60_000);
  const [counter] = useState(() => new RiskFigureCounter());

  // each collection changes identity only when one of its records changed
  const risk = useMemo(() => counter.count(riskPoints, district), [counter, riskPoints, district]);
  // the hazard records themselves, as the ledger lists them (tip-offs on no risk point too), by the ledger's rule
  const hazardCounts = useMemo(() => countHazards(inDistrict(hazards?.values() ?? [], district), new Date(now)), [hazards, district, now]);
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
  const labelWidth = i18n.language === 'en' ? { level: 64, category: 150 } : { level: 44, category: 92 };
  const perHour = fires.perHour.map((b) => ({ key: String(b.hour), name: formatTime(b.hour, i18n.language).slice(0, 2), value: b.count }));

  return (
    <section className="panel kpi" data-testid="kpi-panel">
      <h2>{t('kpi.title')}</h2>
      <div className="figures">
        <Figure label={t('kpi.riskPoints')} value={risk.total} />
        <Figure label={t('kpi.openHazards')} value={hazardCounts.open} tone="warn" />
        <Figure label={t('kpi.overdueHazards')} value={hazardCounts.overdue} tone="alarm" />
        <Figure label={t('kpi.activeFires')} value={fires.active} tone="alarm" />
        <Figure label={t('kpi.onPost')} value={onPost} />
      </div>
      <h3>{t('kpi.byLevel')}</h3>
      <LazyBars bars={byLevel} height={110} layout="vertical" labelWidth={labelWidth.level} color="#3fa9f5" />
      <h3>{t('kpi.byCategory')}</h3>
      <LazyBars bars={byCategory} height={190} layout="vertical" labelWidth={labelWidth.category} color="#3fa9f5" />
      <h3>{t('kpi.fires24h')}</h3>
      <LazyBars bars={perHour} height={90} layout="horizontal" color="#ff5e3a" />
    </section>
  );
}
