import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_CATEGORIES, INCIDENT_CATEGORY_NAMES, typesOfCategory } from '../../shared/incident-types.ts';
import {
  type Casualties,
  composeReportText,
  type Incident,
  type IncidentReport,
  prefillReport,
  REQUIRED_TEXT_ELEMENTS,
  type ReportElements,
  type ReportKind,
} from '../../shared/incidents.ts';
import { api } from '../api/write.ts';
import { beijingInputValue, instantOfBeijingInput } from './intake.ts';

const COUNTS = ['dead', 'injured', 'missing', 'trapped'] as const;
const TEXTS = ['situation', 'cause', 'measures', 'nextSteps'] as const;

export interface ReportDraft {
  incident: Incident;
  /** The kinds the officer may choose from (the first is chosen); one for a revision. */
  kinds: ReportKind[];
  /** The returned (or waiting) report being written again; none for a new report. */
  revising?: IncidentReport;
}

/**
 * 首报 / 续报 / 终报 in the template: every required element of 突发事件信息报告, prefilled from the incident and
 * the previous report, each marked where the kind requires it, with the text the report will read beside it
 * as it is typed. Submitted, it waits for the leader's sign-off (待签发).
 */
export function ReportTemplate({ draft, onClose }: { draft: ReportDraft; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { incident, revising } = draft;
  const [kind, setKind] = useState<ReportKind>(revising?.kind ?? draft.kinds[0]!);
  const start = revising?.elements ?? prefillReport(incident);
  const [occurred, setOccurred] = useState(beijingInputValue(start.occurredAt));
  const [place, setPlace] = useState(start.place);
  const [type, setType] = useState<string>(start.type);
  const [counts, setCounts] = useState<Record<keyof Casualties, string>>({
    dead: String(start.casualties.dead),
    injured: String(start.casualties.injured),
    missing: String(start.casualties.missing),
    trapped: String(start.casualties.trapped),
  });
  const [texts, setTexts] = useState<Record<(typeof TEXTS)[number], string>>({
    situation: start.situation,
    cause: start.cause,
    measures: start.measures,
    nextSteps: start.nextSteps,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = new Set<string>(REQUIRED_TEXT_ELEMENTS[kind]);

  const elements: ReportElements = {
    occurredAt: instantOfBeijingInput(occurred) ?? start.occurredAt,
    place,
    type: type as ReportElements['type'],
    casualties: Object.fromEntries(COUNTS.map((k) => [k, counts[k].trim() === '' ? 0 : Number(counts[k])])) as Casualties,
    ...texts,
  };
  // the words the report will read, as they are typed (composed by the same rule the server uses)
  const preview = composeReportText(kind, elements);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const sent = revising
      ? await api.incidents.reviseReport({ id: incident.id, n: revising.n }, { elements })
      : await api.incidents.report({ id: incident.id }, { kind, elements });
    setBusy(false);
    if (sent.ok) onClose();
    else setError(sent.message);
  };

  const mark = (element: string) => (required.has(element) ? <em className="required">*</em> : null);

  return (
    <div
      className="incident-dialog report-template"
      role="dialog"
      aria-label={t('incidentWork.template', { kind: t(`incidents.kind.${kind}`), title: incident.title })}
      data-testid="report-template"
    >
      <form onSubmit={submit}>
        <header>
          <h2>{t('incidentWork.template', { kind: t(`incidents.kind.${kind}`), title: incident.title })}</h2>
          <button type="button" onClick={onClose} aria-label={t('incidentWork.cancel')}>
            ✕
          </button>
        </header>
        {revising?.returned && (
          <p className="returned-remark">{t('incidentWork.returnedBy', { name: revising.returned.by, remark: revising.returned.remark })}</p>
        )}
        <div className="report-columns">
          <div className="incident-grid">
            {!revising && draft.kinds.length > 1 && (
              <label className="wide">
                {t('incidents.title')}
                <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as ReportKind)}>
                  {draft.kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`incidents.kind.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <span>
                {t('incidentWork.element.occurredAt')} {mark('occurredAt')}
              </span>
              <input name="occurredAt" type="datetime-local" value={occurred} onChange={(e) => setOccurred(e.target.value)} required />
            </label>
            <label>
              {t('incidentWork.element.type')}
              <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
                {INCIDENT_CATEGORIES.map((c) => (
                  <optgroup key={c} label={INCIDENT_CATEGORY_NAMES[c][en ? 'en' : 'zh']}>
                    {typesOfCategory(c).map((entry) => (
                      <option key={entry.code} value={entry.code}>
                        {entry[en ? 'en' : 'zh']}
                      </option>
                    ))}
                  </optgroup>
                ))}
                {type === 'unclassified' && <option value="unclassified">{en ? 'Unclassified' : '未分类'}</option>}
              </select>
            </label>
            <label className="wide">
              <span>
                {t('incidentWork.element.place')} {mark('place')}
              </span>
              <input name="place" value={place} onChange={(e) => setPlace(e.target.value)} maxLength={300} required={required.has('place')} />
            </label>
            <fieldset className="wide">
              <legend>{t('incidentWork.element.casualties')}</legend>
              <div className="incident-row">
                {COUNTS.map((k) => (
                  <label key={k} className="count">
                    {t(`incidentWork.${k}`)}
                    <input name={k} type="number" min={0} step={1} value={counts[k]} onChange={(e) => setCounts({ ...counts, [k]: e.target.value })} />
                  </label>
                ))}
              </div>
            </fieldset>
            {TEXTS.map((k) => (
              <label key={k} className="wide">
                <span>
                  {t(`incidentWork.element.${k}`)} {mark(k)}
                </span>
                <textarea
                  name={k}
                  rows={k === 'situation' ? 3 : 2}
                  value={texts[k]}
                  onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
                  maxLength={2000}
                  required={required.has(k)}
                  placeholder={k === 'cause' && !required.has(k) ? t('incidentWork.causeHint') : undefined}
                />
              </label>
            ))}
          </div>
          <div className="report-preview">
            <h3>{t('incidentWork.preview')}</h3>
            <pre data-testid="report-preview">{preview}</pre>
          </div>
        </div>
        {error && (
          <p className="sign-in-error" role="alert">
            {t('incidentWork.submitFailed', { reason: error })}
          </p>
        )}
        <footer>
          <button type="button" onClick={onClose}>
            {t('incidentWork.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="report-submit">
            {revising ? t('incidentWork.resubmit') : t('incidentWork.submit')}
          </button>
        </footer>
      </form>
    </div>
  );
}
