import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { districtByCode } from '../../shared/districts.ts';
import { type Hazard, isReplyOverdue } from '../../shared/hazards.ts';
import { formatDateTimeWithYear } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';
import { HazardActions } from './HazardActions.tsx';
import { TipOffPanel } from './TipOffPanel.tsx';
import './hazard-desk.css';

/** How long the notice of a new tip-off stays on screen. */
const TOAST_MS = 8000;

/** The tip-offs of the live picture, counted from the records: those awaiting review, those awaiting the reply. */
function useTipOffs(now: number) {
  const hazards = useLive((v) => v.sync.live?.hazards);
  return useMemo(() => {
    const all = [...(hazards?.values() ?? [])].filter((h) => h.tipOff !== null).sort((a, b) => (a.foundAt < b.foundAt ? 1 : -1));
    const toReview = all.filter((h) => h.status === 'reported');
    const toAnswer = all.filter((h) => h.tipOff!.reply === null);
    const overdue = toAnswer.filter((h) => isReplyOverdue(h.tipOff!, new Date(now)));
    return { toReview, toAnswer, overdue };
  }, [hazards, now]);
}

function TipOffItem({ hazard }: { hazard: Hazard }) {
  const { t, i18n } = useTranslation();
  const d = districtByCode(hazard.district);
  return (
    <li className="tip-off-item" data-testid="tip-off-item" data-hazard-id={hazard.id} data-reference={hazard.tipOff!.reference}>
      <header>
        <strong>{hazard.title}</strong> {hazard.demo && <span className="demo-tag">{t('demo.badge')}</span>}
        <span className="muted">
          {t(`hazard.status.${hazard.status}`)} · {formatDateTimeWithYear(hazard.foundAt, i18n.language)}
        </span>
      </header>
      <p className="tip-off-where">
        {i18n.language === 'en' ? d?.nameEn : d?.name}
        {hazard.address && ` · ${hazard.address}`}
        {hazard.place && ` · ${hazard.place.lon.toFixed(5)}, ${hazard.place.lat.toFixed(5)}`}
      </p>
      <p className="drawer-text">{hazard.description}</p>
      <TipOffPanel hazard={hazard} />
      {hazard.status === 'reported' && <HazardActions key={hazard.status} hazard={hazard} />}
    </li>
  );
}

/**
 * 待审核举报: the tip-offs from the public waiting for review — accepted into a hazard (受理, with its grade)
 * or not accepted with the reason (不予受理) — and those whose reporter is still to be answered within the
 * ten days, the overdue ones marked. Both lists are the live records themselves.
 */
export function TipOffQueue({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const { toReview, toAnswer, overdue } = useTipOffs(now);
  const [tab, setTab] = useState<'review' | 'reply'>('review');
  const shown = tab === 'review' ? toReview : [...overdue, ...toAnswer.filter((h) => !overdue.includes(h))];
  return (
    <div className="ledger tip-off-queue gives-way-to-map" data-testid="tip-off-queue" role="dialog">
      <header>
        <h2>{t('tipOff.queue')}</h2>
        <span className="tabs">
          <button type="button" className={tab === 'review' ? 'active' : ''} onClick={() => setTab('review')} data-testid="queue-tab-review">
            {t('tipOff.toReview', { count: toReview.length })}
          </button>
          <button type="button" className={tab === 'reply' ? 'active' : ''} onClick={() => setTab('reply')} data-testid="queue-tab-reply">
            {t('tipOff.toAnswer', { count: toAnswer.length })}
            {overdue.length > 0 && <span className="escalated-tag">{t('tipOff.overdueCount', { count: overdue.length })}</span>}
          </button>
        </span>
        <button onClick={onClose} aria-label={t('drawer.close')}>
          ✕
        </button>
      </header>
      <div className="ledger-body">
        {shown.length === 0 ? (
          <p className="empty">{tab === 'review' ? t('tipOff.noneToReview') : t('tipOff.noneToAnswer')}</p>
        ) : (
          <ol className="tip-off-list">
            {shown.map((h) => (
              <TipOffItem key={h.id} hazard={h} />
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

/**
 * The top bar's 举报审核, for those who review tip-offs: the number awaiting review on its badge, and a short
 * notice when a new one arrives while the desk is open — both counted from the records on screen.
 */
export function TipOffQueueButton() {
  const { t } = useTranslation();
  const role = useLive((v) => v.principal?.role);
  const now = useNow(60_000);
  const { toReview, overdue } = useTipOffs(now);
  const [open, setOpen] = useState(false);
  const [toast, setToast] = useState<Hazard | null>(null);
  const seen = useRef<Set<string> | null>(null);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useLive((v) => v.sync.live !== null);
  useEffect(() => {
    if (!live) return;
    const ids = new Set(toReview.map((h) => h.id));
    // the first picture is what was already there; a notice is for what arrives after it
    const fresh = seen.current ? toReview.find((h) => !seen.current!.has(h.id)) : undefined;
    seen.current = ids;
    if (!fresh) return;
    setToast(fresh);
    // its own timer, not the effect's: the next change of the list must not keep the notice up for good
    if (toastTimer.current) clearTimeout(toastTimer.current);
    toastTimer.current = setTimeout(() => setToast(null), TOAST_MS);
  }, [toReview, live]);
  useEffect(() => () => void (toastTimer.current && clearTimeout(toastTimer.current)), []);
  if (!role || !can(role, 'operate')) return null;
  return (
    <>
      <button
        className={`lang tip-off-button${toReview.length > 0 ? ' has-new' : ''}`}
        data-testid="open-tip-offs"
        onClick={() => {
          setToast(null);
          setOpen(true);
        }}
        title={t('tipOff.badgeTitle', { review: toReview.length, overdue: overdue.length })}
      >
        {t('tipOff.queueShort')}
        {toReview.length > 0 && (
          <span className="count-badge" data-testid="tip-off-count">
            {toReview.length}
          </span>
        )}
      </button>
      {toast && !open && (
        <div className="tip-off-toast" role="status" data-testid="tip-off-toast">
          <strong>{t('tipOff.newArrived')}</strong> {toast.title}
          <button
            type="button"
            onClick={() => {
              setToast(null);
              setOpen(true);
            }}
          >
            {t('tipOff.review')}
          </button>
        </div>
      )}
      {open && <TipOffQueue onClose={() => setOpen(false)} />}
    </>
  );
}
