import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { DUTY_LOG_KINDS, type DutyLogEntry } from '../../shared/duty.ts';
import { api } from '../api/write.ts';
import { formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';

const SHOWN = 5;

/** 值班日志: the latest entries of the shift, live, and a line to add one for those who may act. */
export function DutyLog() {
  const { t, i18n } = useTranslation();
  const log = useLive((v) => v.sync.live?.dutyLog);
  const role = useLive((v) => v.principal?.role);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<DutyLogEntry['kind']>('note');
  const [error, setError] = useState<string | null>(null);
  const latest = useMemo(() => [...(log?.values() ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, SHOWN), [log]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await api.duty.addLogEntry({ kind, text: text.trim() });
    setError(sent.ok ? null : sent.message);
    if (sent.ok) setText('');
  };

  return (
    <div className="duty-log" data-testid="duty-log">
      <h3>{t('dutyLog.title')}</h3>
      <ol>
        {latest.map((e) => (
          <li key={e.id}>
            <time>{formatTime(e.at, i18n.language).slice(0, 5)}</time> <em>{t(`dutyLog.kind.${e.kind}`)}</em> {e.text} <small>— {e.author}</small>
          </li>
        ))}
      </ol>
      {role && can(role, 'operate') && (
        <form onSubmit={add}>
          <select value={kind} onChange={(e) => setKind(e.target.value as DutyLogEntry['kind'])}>
            {DUTY_LOG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`dutyLog.kind.${k}`)}
              </option>
            ))}
          </select>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('dutyLog.placeholder')} maxLength={2000} required />
        </form>
      )}
      {error && <p className="sign-in-error">{error}</p>}
    </div>
  );
}
