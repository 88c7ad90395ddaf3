import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Role } from '../../shared/auth.ts';
import { type Incident, type IncidentReport, incidentReportPath } from '../../shared/incidents.ts';
import { api } from '../api/write.ts';
import { formatDateTime } from '../i18n/format.ts';

const docxPath = incidentReportPath('.docx');

/** A waiting report's leader buttons: 签发, or 退回修改 with a remark for the writer. */
function SignOff({ incident, report }: { incident: Incident; report: IncidentReport }) {
  const { t } = useTranslation();
  const [returning, setReturning] = useState(false);
  const [remark, setRemark] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = (sent: { ok: boolean; message?: string }) => {
    setBusy(false);
    setError(sent.ok ? null : (sent.message ?? ''));
    if (sent.ok) setReturning(false);
  };
  const sign = async () => {
    setBusy(true);
    done(await api.incidents.signReport({ id: incident.id, n: report.n }));
  };
  const giveBack = async () => {
    setBusy(true);
    done(await api.incidents.returnReport({ id: incident.id, n: report.n }, { remark }));
  };
  return (
    <div className="report-actions">
      {returning ? (
        <>
          <input
            value={remark}
            onChange={(e) => setRemark(e.target.value)}
            placeholder={t('incidentWork.returnRemark')}
            aria-label={t('incidentWork.returnRemark')}
            maxLength={1000}
          />
          <button onClick={giveBack} disabled={busy || remark.trim() === ''}>
            {t('incidentWork.returnConfirm')}
          </button>
          <button onClick={() => setReturning(false)}>{t('incidentWork.cancel')}</button>
        </>
      ) : (
        <>
          <button className="primary" onClick={sign} disabled={busy} data-testid="sign-report">
            {t('incidentWork.sign')}
          </button>
          <button onClick={() => setReturning(true)} disabled={busy}>
            {t('incidentWork.return')}
          </button>
        </>
      )}
      {error && (
        <p className="sign-in-error" role="alert">
          {t('incidentWork.actFailed', { reason: error })}
        </p>
      )}
    </div>
  );
}

/**
 * The reports of one incident, oldest first: each with its state — waiting for sign-off, returned with the
 * leader's remark, or sent with who signed it off and when and its document to download.
 */
export function ReportList({ incident, role, onRevise }: { incident: Incident; role: Role | undefined; onRevise: (report: IncidentReport) => void }) {
  const { t, i18n } = useTranslation();
  if (incident.reports.length === 0) return null;
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <ol className="report-list">
      {incident.reports.map((r) => (
        <li key={r.n} className={`report report-${r.status}`} data-report-n={r.n} data-status={r.status}>
          <div className="incident-line">
            <strong>{t('incidentWork.reportLine', { n: r.n, kind: t(`incidents.kind.${r.kind}`) })}</strong>
            <span className={`report-status status-${r.status}`}>{t(`incidentWork.status.${r.status}`)}</span>
          </div>
          <div className="report-meta">{t('incidentWork.writtenBy', { name: r.authorName, time: time(r.writtenAt) })}</div>
          {r.status === 'sent' && r.signedBy && r.signedAt && (
            <div className="report-meta signed" data-testid="report-signed">
              {t('incidentWork.signedBy', { name: r.signedBy, time: time(r.signedAt) })}
              <a href={docxPath({ id: incident.id, n: r.n })} download data-testid="report-docx">
                {t('incidentWork.download')}
              </a>
            </div>
          )}
          {r.status === 'returned' && r.returned && (
            <div className="report-meta returned">
              {t('incidentWork.returnedBy', { name: r.returned.by, remark: r.returned.remark })}
              {role && can(role, 'operate') && <button onClick={() => onRevise(r)}>{t('incidentWork.revise')}</button>}
            </div>
          )}
          {r.status === 'pending' && role === 'leader' && <SignOff incident={incident} report={r} />}
        </li>
      ))}
    </ol>
  );
}
