import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditEntry, auditPageSchema } from '../../shared/audit.ts';
import { formatDateTime } from '../i18n/format.ts';

const SHOWN = 300;

/** 审计日志 (admins): the newest entries, read-only like the log itself, with the whole log as CSV. */
export function AuditLog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch(`/api/audit?limit=${SHOWN}`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body) => setEntries(auditPageSchema.parse(body).items))
      .catch(() => setFailed(true));
  }, []);
  return (
    <div className="ledger" data-testid="audit-log" role="dialog">
      <header>
        <h2>{t('audit.title')}</h2>
        <a href="/api/audit?format=csv&limit=10000" download>
          CSV
        </a>
        <button onClick={onClose} aria-label={t('drawer.close')}>
          ✕
        </button>
      </header>
      <div className="ledger-body">
        {failed && <p className="sign-in-error">{t('drawer.unavailable')}</p>}
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('audit.at')}</th>
              <th>{t('audit.actor')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.record')}</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <td>
                  {e.actor} <small>{e.role}</small>
                </td>
                <td>{e.action}</td>
                <td>{e.entityId ?? e.entity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
