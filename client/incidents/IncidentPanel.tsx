import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { districtByCode } from '../../shared/districts.ts';
import { incidentTypeEntry } from '../../shared/incident-types.ts';
import { type Incident, isIncidentOpen, nextReportKinds, type ReportingRules, reportingState, unsentReport } from '../../shared/incidents.ts';
import { formatDateTime, formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { loadScreenConfig } from '../screen-config.ts';
import { useNow } from '../ui/useNow.ts';
import { CallerLine } from './CallerLine.tsx';
import { openIntake, useIntake } from './intake.ts';
import { IntakeForm } from './IntakeForm.tsx';
import { ReportList } from './ReportList.tsx';
import { type ReportDraft, ReportTemplate } from './ReportTemplate.tsx';
import './incidents.css';

const MINUTE = 60_000;

/** Hours and minutes of a duration, for "1 h 05 min" / "1小时05分". */
function hoursMinutes(ms: number): { h: number; m: string } {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / MINUTE));
  return { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') };
}

/**
 * 信息报送: the incidents taken in (open first, then those closed lately), how long since each was received,
 * the report due next and whether it is late; each incident's reports with their sign-off; the 接报登记 button
 * and the report template. Only sent (signed-off) reports count for the deadlines.
 */
export function IncidentPanel() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const span = (ms: number) => t('incidents.span', hoursMinutes(ms));
  const incidents = useLive((v) => v.sync.live?.incidents);
  const district = useLive((v) => v.district);
  const role = useLive((v) => v.principal?.role);
  const now = useNow(15_000);
  const intake = useIntake();
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [rules, setRules] = useState<ReportingRules | null>(null);
  useEffect(() => void loadScreenConfig().then((c) => setRules(c.reporting)), []);
  const shown = useMemo(
    () =>
      [...(incidents?.values() ?? [])]
        .filter((i) => district === null || i.district === district)
        .sort((a, b) => Number(isIncidentOpen(b)) - Number(isIncidentOpen(a)) || (a.receivedAt < b.receivedAt ? 1 : -1)),
    [incidents, district],
  );
  const operates = role !== undefined && can(role, 'operate');
  const waiting = shown.reduce((n, i) => n + i.reports.filter((r) => r.status === 'pending').length, 0);
  // the draft follows the live record: a report signed or returned meanwhile is seen as it now stands
  const live = (incident: Incident) => incidents?.get(incident.id) ?? incident;
  if (!rules) return null;

  return (
    <section className="panel incidents" data-testid="incident-panel">
      <h2>
        {t('incidents.title')}
        {waiting > 0 && <span className="reports-waiting">{t('incidentWork.waiting', { count: waiting })}</span>}
        {operates && (
          <button className="intake-open" onClick={() => openIntake()} data-testid="open-intake">
            {t('incidentWork.intake')}
          </button>
        )}
      </h2>
      {shown.length === 0 && <p className="empty">{t('incidentWork.none')}</p>}
      <ol>
        {shown.map((incident) => {
          const open = isIncidentOpen(incident);
          const state = reportingState(incident, new Date(now), rules);
          const d = districtByCode(incident.district);
          const type = incidentTypeEntry(incident.type);
          const kinds = nextReportKinds(incident);
          const canWrite = operates && open && kinds.length > 0 && !unsentReport(incident);
          return (
            <li key={incident.id} className={[state.overdue ? 'overdue' : '', open ? '' : 'closed'].join(' ')} data-incident-id={incident.id}>
              <div className="incident-line">
                <strong>{incident.title}</strong>
                <span>{en ? d?.nameEn : d?.name}</span>
                <a
                  className="consult-link"
                  href={`/consult/${encodeURIComponent(incident.id)}?incident=${encodeURIComponent(incident.id)}`}
                  target="_blank"
                  rel="noopener"
                >
                  {t('consult.open')}
                </a>
              </div>
              <div className="incident-line incident-meta">
                <span>{type ? type[en ? 'en' : 'zh'] : en ? 'Unclassified' : '未分类'}</span>
                <span>
                  {t('incidentWork.received', {
                    time: formatDateTime(incident.receivedAt, i18n.language),
                    channel: t(`incidentWork.channels.${incident.channel}`),
                  })}
                </span>
              </div>
              {operates && <CallerLine id={incident.id} />}
              {open && (
                <div className="incident-line">
                  <span>{t('incidents.since', { span: span(now - Date.parse(incident.occurredAt)) })}</span>
                  {state.due && state.deadline && (
                    <span className="incident-due">
                      {t(`incidents.kind.${state.due}`)} {formatTime(state.deadline, i18n.language).slice(0, 5)}{' '}
                      {state.overdue
                        ? t('incidents.overdue', { span: span(now - Date.parse(state.deadline)) })
                        : t('incidents.left', { span: span(Date.parse(state.deadline) - now) })}
                    </span>
                  )}
                </div>
              )}
              <ReportList incident={incident} role={role} onRevise={(report) => setDraft({ incident, kinds: [report.kind], revising: report })} />
              {canWrite && (
                <button className="write-report" onClick={() => setDraft({ incident, kinds })} data-testid="write-report">
                  {t('incidentWork.write', { kind: t(`incidents.kind.${kinds[0]}`) })}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {intake && <IntakeForm key={intake.key} request={intake} />}
      {draft && <ReportTemplate draft={{ ...draft, incident: live(draft.incident) }} onClose={() => setDraft(null)} />}
    </section>
  );
}
