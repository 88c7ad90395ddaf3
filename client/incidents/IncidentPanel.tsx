import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { districtByCode } from '../../shared/districts.ts';
import { type Incident, isIncidentOpen, type ReportingRules, reportingState } from '../../shared/incidents.ts';
import { api } from '../api/write.ts';
import { formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { loadScreenConfig } from '../screen-config.ts';
import { useNow } from '../ui/useNow.ts';

const MINUTE = 60_000;

/** Hours and minutes of a duration, for "1 h 05 min" / "1小时05分". */
function hoursMinutes(ms: number): { h: number; m: string } {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / MINUTE));
  return { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') };
}

function ReportForm({ incident, due }: { incident: Incident; due: 'initial' | 'follow_up' }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'initial' | 'follow_up' | 'final'>(due);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setKind(due), [due]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await api.incidents.report({ id: incident.id }, { kind, text: text.trim() });
    setError(sent.ok ? null : sent.message);
    if (sent.ok) setText('');
  };
  const kinds = due === 'initial' ? (['initial'] as const) : (['follow_up', 'final'] as const);
  return (
    <form className="incident-form" onSubmit={submit}>
      <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(`incidents.kind.${k}`)}
          </option>
        ))}
      </select>
      <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('incidents.placeholder')} maxLength={8000} required />
      {error && <p className="sign-in-error">{error}</p>}
    </form>
  );
}

/** 信息报送: open incidents, how long since each occurred, the report due next and whether it is late. */
export function IncidentPanel() {
  const { t, i18n } = useTranslation();
  const span = (ms: number) => t('incidents.span', hoursMinutes(ms));
  const incidents = useLive((v) => v.sync.live?.incidents);
  const district = useLive((v) => v.district);
  const role = useLive((v) => v.principal?.role);
  const now = useNow(15_000);
  const [rules, setRules] = useState<ReportingRules | null>(null);
  useEffect(() => void loadScreenConfig().then((c) => setRules(c.reporting)), []);
  const open = useMemo(
    () =>
      [...(incidents?.values() ?? [])]
        .filter((i) => isIncidentOpen(i) && (district === null || i.district === district))
        .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1)),
    [incidents, district],
  );
  if (!rules || open.length === 0) return null;

  return (
    <section className="panel incidents" data-testid="incident-panel">
      <h2>{t('incidents.title')}</h2>
      <ol>
        {open.map((incident) => {
          const state = reportingState(incident, new Date(now), rules);
          const d = districtByCode(incident.district);
          return (
            <li key={incident.id} className={state.overdue ? 'overdue' : ''} data-incident-id={incident.id}>
              <div className="incident-line">
                <strong>{incident.title}</strong>
                <span>{i18n.language === 'en' ? d?.nameEn : d?.name}</span>
                <a
                  className="consult-link"
                  href={`/consult/${encodeURIComponent(incident.id)}?incident=${encodeURIComponent(incident.id)}`}
                  target="_blank"
                  rel="noopener"
                >
                  {t('consult.open')}
                </a>
              </div>
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
              {role && can(role, 'operate') && state.due && state.due !== 'final' && <ReportForm incident={incident} due={state.due} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
