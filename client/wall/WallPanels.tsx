import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRICTS, districtByCode } from '../../shared/districts.ts';
import { DUTY_ROLES, shiftsOnDutyAt } from '../../shared/duty.ts';
import { countHazards } from '../../shared/hazards.ts';
import { RISK_LEVELS } from '../../shared/risk-points.ts';
import { fireDangerByDistrict } from '../../shared/warnings.ts';
import { activeFireCount, newestFirst } from '../fire-alerts/figures.ts';
import { RiskFigureCounter } from '../risk-points/figures.ts';
import { formatNumber, formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { LEVEL_COLOR, SEVERITY_COLOR } from '../ui/palette.ts';
import { useNow } from '../ui/useNow.ts';

/** How many of the newest alerts the wall lists. */
const WALL_ALERTS = 6;
const DESCRIPTION_CHARS = 24;

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  const { i18n } = useTranslation();
  return (
    <div className="wall-figure">
      <strong style={color ? { color } : undefined}>{formatNumber(value, i18n.language)}</strong>
      <span>{label}</span>
    </div>
  );
}

/** 态势: the headline figures of the whole city. */
export function WallFigures() {
  const { t } = useTranslation();
  const riskPoints = useLive((v) => v.sync.live?.riskPoints);
  const fireAlerts = useLive((v) => v.sync.live?.fireAlerts);
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const hazards = useLive((v) => v.sync.live?.hazards);
  const now = useNow(30_000);
  const [counter] = useState(() => new RiskFigureCounter());
  const risk = useMemo(() => counter.count(riskPoints, null), [counter, riskPoints]);
  // the hazard records themselves, by the ledger's rule, as the desk counts them (tip-offs on no risk point too)
  const hazardCounts = useMemo(() => countHazards(hazards?.values() ?? [], new Date(now)), [hazards, now]);
  const fires = useMemo(() => activeFireCount([...(fireAlerts?.values() ?? [])]), [fireAlerts]);
  const onPost = useMemo(() => shiftsOnDutyAt([...(shifts?.values() ?? [])], new Date(now)).filter((s) => s.status === 'on_post').length, [shifts, now]);
  return (
    <section className="wall-panel" data-testid="wall-figures">
      <h2>{t('wall.riskPoints')}</h2>
      <div className="wall-figures levels">
        {RISK_LEVELS.map((level) => (
          <Figure key={level} label={t(`level.${level}`)} value={risk.byLevel[level]} color={LEVEL_COLOR[level]} />
        ))}
      </div>
      <div className="wall-figures">
        <Figure label={t('wall.openHazards')} value={hazardCounts.open} />
        <Figure label={t('wall.overdueHazards')} value={hazardCounts.overdue} color={hazardCounts.overdue > 0 ? '#ff6b6b' : undefined} />
        <Figure label={t('wall.activeFires')} value={fires} color={fires > 0 ? '#ff7a2f' : undefined} />
        <Figure label={t('wall.onPost')} value={onPost} />
      </div>
    </section>
  );
}

/** 森林火险等级: the fire danger warning in force over each district. */
export function FireDanger() {
  const { t, i18n } = useTranslation();
  const warnings = useLive((v) => v.sync.live?.warnings);
  const now = useNow(60_000);
  const danger = useMemo(() => fireDangerByDistrict(warnings?.values() ?? [], new Date(now)), [warnings, now]);
  return (
    <section className="wall-panel" data-testid="wall-fire-danger">
      <h2>{t('wall.fireDanger')}</h2>
      <ul className="fire-danger">
        {DISTRICTS.map((d) => {
          const severity = danger.get(d.code);
          return (
            <li key={d.code}>
              <span>{i18n.language === 'en' ? d.nameEn : d.name}</span>
              <b style={severity ? { background: SEVERITY_COLOR[severity] } : undefined}>
                {severity ? t(`warnings.severity.${severity}`) : t('wall.noDanger')}
              </b>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** 值班: the leader on duty and the officers, with their phones. */
export function WallDuty() {
  const { t } = useTranslation();
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const now = useNow(30_000);
  const onDuty = useMemo(
    () => shiftsOnDutyAt([...(shifts?.values() ?? [])], new Date(now)).sort((a, b) => DUTY_ROLES.indexOf(a.role) - DUTY_ROLES.indexOf(b.role)),
    [shifts, now],
  );
  return (
    <section className="wall-panel" data-testid="wall-duty">
      <h2>{t('duty.title')}</h2>
      {onDuty.length === 0 && <p>{t('duty.none')}</p>}
      <ul className="wall-duty">
        {onDuty.map((s) => (
          <li key={s.id} className={`role-${s.role}`}>
            <span className="wall-role">{t(`role.${s.role}`)}</span>
            <strong>{s.person}</strong>
            <span className="wall-phone">{s.phone}</span>
            <span className={`duty-status status-${s.status}`}>{t(`dutyStatus.${s.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 最新警情: the newest fire alerts, flagged heat sources marked. */
export function WallAlerts() {
  const { t, i18n } = useTranslation();
  const alerts = useLive((v) => v.sync.live?.fireAlerts);
  const newest = useMemo(() => newestFirst([...(alerts?.values() ?? [])]).slice(0, WALL_ALERTS), [alerts]);
  return (
    <section className="wall-panel" data-testid="wall-alerts">
      <h2>{t('wall.newestAlerts')}</h2>
      <ol className="wall-alerts">
        {newest.map((a) => (
          <li key={a.id} className={a.status === 'new' && !a.heatSource ? 'attention' : ''}>
            <div>
              <time>{formatTime(a.detectedAt, i18n.language).slice(0, 5)}</time> <b>{districtByCode(a.district)?.name}</b> {t(`source.${a.source}`)}{' '}
              <span className="wall-status">{a.heatSource ? t('heatSource.tag') : t(`fireStatus.${a.status}`)}</span>
            </div>
            <p>{a.description.slice(0, DESCRIPTION_CHARS) || '—'}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
