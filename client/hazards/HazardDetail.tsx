import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import { type Hazard, isHazardOverdue } from '../../shared/hazards.ts';
import { formatDateTimeWithYear } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';
import { HazardActions } from './HazardActions.tsx';
import { TipOffPanel } from './TipOffPanel.tsx';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="drawer-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * One hazard opened from the ledger, kept live: what it is, where, its notice and five elements, its tip-off,
 * its whole history (each step, who, when, the note, in Beijing time) and the steps it allows next.
 */
export function HazardDetail({ hazard, onClose }: { hazard: Hazard; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  const point = useLive((v) => (hazard.riskPointId ? v.sync.live?.riskPoints.get(hazard.riskPointId) : undefined));
  const d = districtByCode(hazard.district);
  const when = (iso: string) => formatDateTimeWithYear(iso, i18n.language);
  const overdue = isHazardOverdue(hazard, new Date(now));
  return (
    <section className="hazard-detail" data-testid="hazard-detail" data-hazard-id={hazard.id} data-status={hazard.status}>
      <button className="drawer-close" onClick={onClose} aria-label={t('drawer.close')}>
        ✕
      </button>
      <h3>
        <span className={`grade-tag grade-${hazard.grade}`}>{t(`hazard.grade.${hazard.grade}`)}</span>
        {hazard.title} {hazard.demo && <span className="demo-tag">{t('demo.badge')}</span>}
      </h3>
      <dl>
        <Row label={t('hazard.statusLabel')}>
          <strong data-testid="hazard-status">{t(`hazard.status.${hazard.status}`)}</strong>{' '}
          {overdue && <span className="escalated-tag">{t('hazard.overdue')}</span>}
        </Row>
        <Row label={t('hazard.sourceLabel')}>{t(`hazard.source.${hazard.source}`)}</Row>
        <Row label={t('drawer.district')}>
          {i18n.language === 'en' ? d?.nameEn : d?.name} <small className="muted">{hazard.district}</small>
        </Row>
        {point && <Row label={t('hazard.riskPoint')}>{point.name}</Row>}
        {hazard.address && <Row label={t('drawer.address')}>{hazard.address}</Row>}
        {hazard.place && (
          <Row label={t('drawer.location')}>
            {hazard.place.lon.toFixed(5)}, {hazard.place.lat.toFixed(5)}
          </Row>
        )}
        <Row label={t('hazard.foundAt')}>{when(hazard.foundAt)}</Row>
        {hazard.description && <Row label={t('hazard.description')}>{hazard.description}</Row>}
        {hazard.notice && (
          <>
            <Row label={t('hazard.notice.responsiblePerson')}>{hazard.notice.responsiblePerson}</Row>
            <Row label={t('hazard.notice.measures')}>{hazard.notice.measures}</Row>
            <Row label={t('hazard.notice.deadline')}>{when(hazard.notice.deadline)}</Row>
          </>
        )}
        {hazard.fiveElements && (
          <Row label={t('hazard.five.title')}>
            <ul className="five-list" data-testid="five-elements">
              <li>
                {t('hazard.five.responsibility')}：{hazard.fiveElements.responsibility}
              </li>
              <li>
                {t('hazard.five.measures')}：{hazard.fiveElements.measures}
              </li>
              <li>
                {t('hazard.five.funds')}：{hazard.fiveElements.funds}
              </li>
              <li>
                {t('hazard.five.deadline')}：{when(hazard.fiveElements.deadline)}
              </li>
              <li>
                {t('hazard.five.contingencyPlan')}：{hazard.fiveElements.contingencyPlan}
              </li>
            </ul>
          </Row>
        )}
      </dl>
      <TipOffPanel hazard={hazard} />
      <HazardActions key={`${hazard.id}:${hazard.status}`} hazard={hazard} />
      <h4>{t('hazard.history')}</h4>
      <ol className="timeline" data-testid="hazard-history">
        {hazard.history.map((step, i) => (
          <li key={i}>
            <time>{when(step.at)}</time>
            <strong>{t(`hazard.status.${step.status}`)}</strong>
            <span>{step.actor}</span>
            {step.note && <em>{step.note}</em>}
          </li>
        ))}
      </ol>
    </section>
  );
}
