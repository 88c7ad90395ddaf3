import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { useRiskPointRecord } from '../risk-points/useRiskPointRecord.ts';
import { RiskPointWork } from '../risk-points/RiskPointWork.tsx';
import { HazardRows } from '../hazards/HazardRows.tsx';
import { ReportHazardButton } from '../hazards/ReportHazard.tsx';
import { useNow } from '../ui/useNow.ts';
import { AlertActions } from '../fire-alerts/AlertActions.tsx';
import { FIRE_STATUS_COLOR, LEVEL_COLOR } from '../ui/palette.ts';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="drawer-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function RiskPointDetail({ point }: { point: RiskPointSummary }) {
  const { t, i18n } = useTranslation();
  const d = districtByCode(point.district);
  const load = useRiskPointRecord(point);
  const now = useNow(60_000);
  const all = useLive((v) => v.sync.live?.hazards);
  const hazards = useMemo(() => [...(all?.values() ?? [])].filter((h) => h.riskPointId === point.id), [all, point.id]);
  const contact = (field: 'address' | 'responsibleUnit' | 'responsiblePerson' | 'responsiblePhone') =>
    load.state === 'loaded' ? load.record[field] : load.state === 'loading' ? '…' : t('drawer.unavailable');
  return (
    <>
      <h2>
        <span className="level-tag" style={{ background: LEVEL_COLOR[point.level] }}>
          {t(`level.${point.level}`)}
        </span>
        {point.name}
      </h2>
      <dl>
        <Row label={t('kpi.byCategory')}>{t(`category.${point.category}`)}</Row>
        <Row label={t('drawer.district')}>{i18n.language === 'en' ? d?.nameEn : d?.name}</Row>
        <Row label={t('drawer.address')}>{contact('address') || '—'}</Row>
        <Row label={t('drawer.unit')}>{contact('responsibleUnit') || '—'}</Row>
        <Row label={t('drawer.responsible')}>{contact('responsiblePerson') || '—'}</Row>
        <Row label={t('drawer.phone')}>
          {load.state === 'loaded' && load.record.responsiblePhone ? (
            <a href={`tel:${load.record.responsiblePhone}`}>{load.record.responsiblePhone}</a>
          ) : (
            contact('responsiblePhone') || '—'
          )}
        </Row>
        <Row label={t('kpi.openHazards')}>{t('drawer.hazards', { open: point.openHazards, overdue: point.overdueHazards })}</Row>
        <Row label={t('drawer.location')}>
          {point.lon.toFixed(5)}, {point.lat.toFixed(5)}
        </Row>
      </dl>
      <RiskPointWork point={point} load={load} />
      <h3>{t('hazard.onPoint')}</h3>
      {hazards.length === 0 ? (
        <p className="empty">{t('hazard.none')}</p>
      ) : (
        <table className="drawer-hazards" data-testid="point-hazards">
          <tbody>
            <HazardRows hazards={hazards} now={now} />
          </tbody>
        </table>
      )}
      <ReportHazardButton key={point.id} riskPoint={point} />
    </>
  );
}

function FireAlertDetail({ alert }: { alert: FireAlert }) {
  const { t, i18n } = useTranslation();
  const d = districtByCode(alert.district);
  return (
    <>
      <h2>
        <span className="level-tag" style={{ background: FIRE_STATUS_COLOR[alert.status] }}>
          {t(`fireStatus.${alert.status}`)}
        </span>
        {i18n.language === 'en' ? d?.nameEn : d?.name} · {t(`source.${alert.source}`)}
      </h2>
      <p className="drawer-text">{alert.description || '—'}</p>
      <dl>
        <Row label={t('drawer.detectedAt')}>{formatDateTime(alert.detectedAt, i18n.language)}</Row>
        <Row label={t('drawer.source')}>{t(`source.${alert.source}`)}</Row>
        <Row label={t('drawer.confidence')}>{alert.confidence === null ? '—' : `${alert.confidence}%`}</Row>
        <Row label={t('drawer.frp')}>{alert.frpMw === null ? '—' : `${alert.frpMw} MW`}</Row>
        {alert.footprint && (
          <Row label={t('drawer.footprint')}>
            {alert.footprint.scanKm} × {alert.footprint.trackKm} km
          </Row>
        )}
        <Row label={t('drawer.location')}>
          {alert.lon.toFixed(5)}, {alert.lat.toFixed(5)}
        </Row>
        {alert.detections.length > 1 && <Row label={t('drawer.detections')}>{alert.detections.length}</Row>}
        {alert.heatSource && (
          <Row label={t('heatSource.label')}>
            <span className="heat-source-tag">{t('heatSource.tag')}</span> {alert.heatSource}
          </Row>
        )}
        {alert.escalatedAt && (
          <Row label={t('escalation.at')}>
            <span className="escalated-tag">{t('escalation.tag')}</span> {formatDateTime(alert.escalatedAt, i18n.language)}
          </Row>
        )}
      </dl>
      <AlertActions alert={alert} />
      <h3>{t('drawer.timeline')}</h3>
      <ol className="timeline" data-testid="alert-timeline">
        {alert.history.map((step, i) => (
          <li key={i}>
            <time>{formatDateTime(step.at, i18n.language)}</time>
            <strong style={{ color: FIRE_STATUS_COLOR[step.status] }}>{t(`fireStatus.${step.status}`)}</strong>
            <span>{step.actor}</span>
            {step.note && <em>{step.note}</em>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The detail drawer: whatever the officer clicked, kept live as changes arrive. */
export function DetailDrawer() {
  const { t } = useTranslation();
  const store = useLiveStore();
  const selected = useLive((v) => v.selected);
  const record = useLive((v) =>
    v.selected?.kind === 'riskPoint' ? v.sync.live?.riskPoints.get(v.selected.id) : v.selected ? v.sync.live?.fireAlerts.get(v.selected.id) : undefined,
  );
  if (!selected || !record) return null;
  return (
    <aside className="drawer" data-testid="detail-drawer" data-kind={selected.kind}>
      <button className="drawer-close" onClick={() => store.update({ selected: null })} aria-label={t('drawer.close')}>
        ✕
      </button>
      {record.demo && <div className="demo-tag">{t('demo.badge')}</div>}
      {selected.kind === 'riskPoint' ? <RiskPointDetail point={record as RiskPointSummary} /> : <FireAlertDetail alert={record as FireAlert} />}
    </aside>
  );
}
