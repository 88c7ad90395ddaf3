import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmsImportReport } from '../../shared/firms.ts';
import type { Warning } from '../../shared/warnings.ts';
import { fileType, upload, type Uploaded } from '../api/send.ts';
import { formatDateTime } from '../i18n/format.ts';
import { Refusal, RejectedRows } from './ImportReports.tsx';

/** What the import screen shows of the FIRMS poller (see server/imports/firms-poller.ts). */
interface PollerStatus {
  enabled: boolean;
  source: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
}

function PollerLine() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<PollerStatus | null>(null);
  useEffect(() => {
    void fetch('/api/import/firms/poller')
      .then((r) => (r.ok ? (r.json() as Promise<PollerStatus>) : null))
      .then(setStatus);
  }, []);
  if (!status) return null;
  if (!status.enabled) return <p className="poller">{t('imports.pollerOff')}</p>;
  const when = (at: string | null) => (at ? formatDateTime(at, i18n.language) : '—');
  return (
    <p className={`poller ${status.consecutiveFailures > 0 ? 'failing' : ''}`} data-testid="firms-poller">
      {t('imports.pollerOn', { source: status.source, last: when(status.lastSuccessAt), next: when(status.nextPollAt) })}
      {status.lastError && ` · ${t('imports.pollerFailing', { count: status.consecutiveFailures, error: status.lastError })}`}
    </p>
  );
}

/** A file chosen and sent at once, with the server's answer kept for its report. */
function useFileUpload<T>(path: string) {
  const [answer, setAnswer] = useState<Uploaded<T> | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setAnswer(await upload<T>(path, file, fileType(file.name)));
    setBusy(false);
  };
  return { answer, busy, send };
}

/** NASA FIRMS hotspots: a file downloaded from FIRMS, and the state of the live poller. */
export function FirmsImport() {
  const { t } = useTranslation();
  const { answer, busy, send } = useFileUpload<FirmsImportReport>('/api/import/firms');
  return (
    <div data-testid="import-firms">
      <PollerLine />
      <input type="file" accept=".csv,.txt" disabled={busy} aria-label={t('imports.chooseFile')} onChange={(e) => void send(e.target.files?.[0])} />
      {answer && !answer.ok && <Refusal refusal={answer} />}
      {answer?.ok && (
        <>
          <p className="import-done" data-testid="import-done">
            {t('imports.firmsCounts', { ...answer.body, rejected: answer.body.rejectedRows })}
          </p>
          <RejectedRows rejected={answer.body.rejected} total={answer.body.rejectedRows} />
        </>
      )}
    </div>
  );
}

/** A CAP 1.2 warning (预警) from the meteorological, hydrological or forestry service. */
export function CapImport() {
  const { t } = useTranslation();
  const { answer, busy, send } = useFileUpload<Warning>('/api/import/cap');
  return (
    <div data-testid="import-cap">
      <input type="file" accept=".xml,.cap" disabled={busy} aria-label={t('imports.chooseFile')} onChange={(e) => void send(e.target.files?.[0])} />
      {answer && !answer.ok && <Refusal refusal={answer} />}
      {answer?.ok && (
        <p className="import-done" data-testid="import-done">
          {t('imports.capDone', {
            event: answer.body.event,
            severity: t(`warnings.severity.${answer.body.severity}`),
            identifier: answer.body.identifier,
            status: t(`imports.capStatus.${answer.body.status}`),
          })}
        </p>
      )}
    </div>
  );
}
