import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import type { HazardStatus, TipOffStatus } from '../../shared/hazards.ts';
import { refusalOf } from '../api/refusal.ts';
import { formatDateTimeWithYear } from '../i18n/format.ts';
import { PublicFrame } from './TipOffPage.tsx';
import './tip-off.css';

/** How a case stands, in the citizen's words: the steps of the closed loop between 受理 and 销号 are one stage to them. */
const STAGE: Record<HazardStatus, 'received' | 'dismissed' | 'handling' | 'closed'> = {
  reported: 'received',
  dismissed: 'dismissed',
  found: 'handling',
  notice: 'handling',
  rectifying: 'handling',
  submitted: 'handling',
  reinspection: 'handling',
  closed: 'closed',
};

/**
 * /tip-off/status?ref=…: the follow-up page. Anyone holding a reference reads how the case stands and the
 * reply the reporter was given — never the contact, never the officers' notes (the server sends neither).
 */
export function TipOffStatusPage() {
  const { t, i18n } = useTranslation();
  const [ref, setRef] = useState(() => new URLSearchParams(window.location.search).get('ref') ?? '');
  const [found, setFound] = useState<{ state: 'idle' | 'busy' } | { state: 'found'; status: TipOffStatus } | { state: 'failed'; message: string }>({
    state: 'idle',
  });

  const look = async (reference: string) => {
    setFound({ state: 'busy' });
    try {
      const res = await fetch(`/api/tip-offs/status?ref=${encodeURIComponent(reference.trim())}`);
      const body: unknown = await res.json().catch(() => null);
      if (res.ok) setFound({ state: 'found', status: body as TipOffStatus });
      else setFound({ state: 'failed', message: res.status === 404 ? t('tipOff.noSuchReference') : refusalOf(res.status, body).message });
    } catch {
      setFound({ state: 'failed', message: t('refusal.network') });
    }
  };
  useEffect(() => {
    const initial = new URLSearchParams(window.location.search).get('ref');
    if (initial) void look(initial);
    // once, for the reference the page was opened with
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.history.replaceState(null, '', `/tip-off/status?ref=${encodeURIComponent(ref.trim())}`);
    void look(ref);
  };
  const when = (iso: string) => formatDateTimeWithYear(iso, i18n.language);
  const status = found.state === 'found' ? found.status : null;
  const d = status ? districtByCode(status.district) : undefined;
  return (
    <PublicFrame title={t('tipOff.statusTitle')}>
      <section className="public-card" data-testid="tip-off-status">
        <h1>{t('tipOff.statusTitle')}</h1>
        <form className="lookup" onSubmit={submit}>
          <label>
            {t('tipOff.reference')}
            <input name="ref" value={ref} onChange={(e) => setRef(e.target.value)} placeholder="JB-20261202-0042-K7QX" required />
          </label>
          <button type="submit" className="public-button" disabled={found.state === 'busy'}>
            {t('tipOff.lookUp')}
          </button>
        </form>
        {found.state === 'failed' && (
          <p className="public-error" role="alert">
            {found.message}
          </p>
        )}
        {status && (
          <div className="case" data-testid="tip-off-case" data-status={status.status}>
            <p className={`stage stage-${STAGE[status.status]}`} data-testid="tip-off-stage">
              {t(`tipOff.stage.${STAGE[status.status]}`)}
            </p>
            <dl>
              <dt>{t('tipOff.reference')}</dt>
              <dd>{status.reference}</dd>
              <dt>{t('tipOff.categoryLabel')}</dt>
              <dd>{t(`tipOff.category.${status.category}`)}</dd>
              <dt>{t('tipOff.district')}</dt>
              <dd>{i18n.language === 'en' ? d?.nameEn : d?.name}</dd>
              <dt>{t('tipOff.receivedAt')}</dt>
              <dd>{when(status.receivedAt)}</dd>
              {status.closedAt && (
                <>
                  <dt>{t('tipOff.closedAt')}</dt>
                  <dd>{when(status.closedAt)}</dd>
                </>
              )}
              <dt>{t('tipOff.replyLabel')}</dt>
              <dd data-testid="tip-off-public-reply">
                {status.reply ? (
                  <>
                    {status.reply.text}
                    <small>{when(status.reply.at)}</small>
                  </>
                ) : (
                  t('tipOff.replyPending', { date: when(status.replyDueAt) })
                )}
              </dd>
            </dl>
          </div>
        )}
        <p className="public-aside">
          <a href="/tip-off">{t('tipOff.sendAnother')}</a>
        </p>
      </section>
    </PublicFrame>
  );
}
