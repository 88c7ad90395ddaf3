import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { type Hazard, isReplyOverdue, REPLY_CHANNELS } from '../../shared/hazards.ts';
import { api } from '../api/write.ts';
import { formatDateTimeWithYear } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';

/**
 * The reporter's contact, fetched only when a reviewer asks for it: each read is in the audit log, and the
 * contact is never part of the live picture, so it cannot reach a wall or an observer's screen.
 */
function ContactReveal({ hazardId }: { hazardId: string }) {
  const { t } = useTranslation();
  const [contact, setContact] = useState<{ state: 'hidden' | 'busy' } | { state: 'shown'; contact: string } | { state: 'failed' }>({ state: 'hidden' });
  if (contact.state === 'shown')
    return (
      <span data-testid="tip-off-contact">
        {contact.contact ? (
          <>
            <a href={`tel:${contact.contact.replace(/[^0-9+]/g, '')}`}>{contact.contact}</a> <small className="muted">{t('tipOff.contactAudited')}</small>
          </>
        ) : (
          t('tipOff.noContact')
        )}
      </span>
    );
  return (
    <button
      type="button"
      className="reveal"
      data-testid="reveal-contact"
      disabled={contact.state === 'busy'}
      onClick={async () => {
        setContact({ state: 'busy' });
        const res = await fetch(`/api/tip-offs/${encodeURIComponent(hazardId)}/contact`).catch(() => null);
        const body = res?.ok ? ((await res.json()) as { contact: string }) : null;
        setContact(body ? { state: 'shown', contact: body.contact } : { state: 'failed' });
      }}
    >
      {contact.state === 'failed' ? t('tipOff.contactFailed') : t('tipOff.showContact')}
    </button>
  );
}

/** 答复举报人: what the reporter was told and how, recorded once. */
function ReplyForm({ hazard }: { hazard: Hazard }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<(typeof REPLY_CHANNELS)[number]>('phone');
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="reply-form"
      data-testid="reply-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const sent = await api.tipOffs.reply({ id: hazard.id }, { text, channel });
        setBusy(false);
        setFailed(sent.ok ? null : sent.message);
      }}
    >
      <textarea name="reply" rows={2} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} placeholder={t('tipOff.replyText')} required />
      <span className="reply-channels">
        {REPLY_CHANNELS.map((c) => (
          <label key={c}>
            <input type="radio" name={`channel-${hazard.id}`} value={c} checked={channel === c} onChange={() => setChannel(c)} /> {t(`tipOff.channel.${c}`)}
          </label>
        ))}
        <button type="submit" disabled={busy}>
          {t('tipOff.recordReply')}
        </button>
      </span>
      {failed && (
        <p className="sign-in-error" role="alert">
          {t('actions.failed', { reason: failed })}
        </p>
      )}
    </form>
  );
}

/**
 * What a tip-off adds to its hazard, for those who review tip-offs: the reference, the category, the photo,
 * the contact on request, and the ten-day reply — its deadline, overdue when passed unanswered, and the form
 * to record it. Watchers (observers, walls) see the reference and whether it was answered, nothing personal.
 */
export function TipOffPanel({ hazard }: { hazard: Hazard }) {
  const { t, i18n } = useTranslation();
  const role = useLive((v) => v.principal?.role);
  const now = useNow(60_000);
  const facts = hazard.tipOff;
  if (!facts) return null;
  const reviewer = role !== undefined && can(role, 'operate');
  const overdue = isReplyOverdue(facts, new Date(now));
  return (
    <div className="tip-off-panel" data-testid="tip-off-panel">
      <dl>
        <div className="drawer-row">
          <dt>{t('tipOff.reference')}</dt>
          <dd data-testid="tip-off-reference">{facts.reference}</dd>
        </div>
        <div className="drawer-row">
          <dt>{t('tipOff.categoryLabel')}</dt>
          <dd>{t(`tipOff.category.${facts.category}`)}</dd>
        </div>
        {reviewer && (
          <div className="drawer-row">
            <dt>{t('tipOff.contactLabel')}</dt>
            <dd>{facts.hasContact ? <ContactReveal hazardId={hazard.id} /> : t('tipOff.noContact')}</dd>
          </div>
        )}
        <div className="drawer-row">
          <dt>{t('tipOff.replyDue')}</dt>
          <dd>
            {formatDateTimeWithYear(facts.replyDueAt, i18n.language)}{' '}
            {overdue && (
              <span className="escalated-tag" data-testid="reply-overdue">
                {t('tipOff.replyOverdue')}
              </span>
            )}
          </dd>
        </div>
        {facts.reply && (
          <div className="drawer-row" data-testid="tip-off-reply">
            <dt>{t('tipOff.replied')}</dt>
            <dd>
              {formatDateTimeWithYear(facts.reply.at, i18n.language)} · {t(`tipOff.channel.${facts.reply.channel}`)} · {facts.reply.by}
              <br />
              {facts.reply.text}
            </dd>
          </div>
        )}
      </dl>
      {reviewer && facts.hasPhoto && (
        <a href={`/api/tip-offs/${encodeURIComponent(hazard.id)}/photo`} target="_blank" rel="noreferrer" className="tip-off-photo">
          <img src={`/api/tip-offs/${encodeURIComponent(hazard.id)}/photo`} alt={t('tipOff.photo')} data-testid="tip-off-photo" />
        </a>
      )}
      {reviewer && !facts.reply && <ReplyForm hazard={hazard} />}
    </div>
  );
}
