import { useTranslation } from 'react-i18next';
import type { Uploaded } from '../api/send.ts';

/** Rows refused, by line and reason: what the officer fixes in the file before importing it again. */
export function RejectedRows({ rejected, total }: { rejected: { line: number; reason: string }[]; total: number }) {
  const { t } = useTranslation();
  if (total === 0) return null;
  return (
    <div className="rejected" data-testid="rejected-rows">
      <h3>{t('imports.rejectedTitle', { count: total })}</h3>
      <ol>
        {rejected.map((r) => (
          <li key={r.line}>
            <strong>{t('imports.line', { line: r.line })}</strong> {r.reason}
          </li>
        ))}
      </ol>
      {total > rejected.length && <p>{t('imports.moreRejected', { count: total - rejected.length })}</p>}
    </div>
  );
}

/** The server's refusal of a whole file, with each field it named. */
export function Refusal({ refusal }: { refusal: Extract<Uploaded<unknown>, { ok: false }> }) {
  const { t } = useTranslation();
  return (
    <div className="refusal" role="alert">
      {refusal.status === 0 ? t('imports.unreachable') : refusal.message}
      {refusal.details.length > 0 && (
        <ul>
          {refusal.details.map((d) => (
            <li key={d.field}>
              {d.field}: {d.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
