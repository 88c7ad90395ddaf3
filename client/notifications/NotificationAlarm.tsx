import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import { type Notification, ringingFor, screenDeliveryOf } from '../../shared/notifications.ts';
import { api } from '../api/write.ts';
import { startAlarmLoop, stopAlarmLoop, useSound } from '../fire-alerts/alarm-sound.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';
import { notificationStoreOf, useNotifications } from './notification-store.ts';
import './notifications.css';

/**
 * The leader's desk rings: a notification whose screen delivery is theirs and not yet read covers the desk
 * and sounds in a loop until they press 确认收到 — after a reload too, since the server still says unread.
 * Arriving, it tells the server the screen has it (已送达); acknowledged, 已读.
 */
export function NotificationAlarm() {
  const { t, i18n } = useTranslation();
  const live = useLiveStore();
  const principal = useLive((v) => v.principal);
  const notifications = useNotifications();
  const ringing = useMemo(() => (principal ? ringingFor(notifications, principal.name) : []), [notifications, principal]);
  const top = ringing.at(-1); // the oldest first: it has waited longest
  const sound = useSound();
  const now = useNow(10_000);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const told = useRef(new Set<string>());

  const count = ringing.length;
  useEffect(() => {
    if (count === 0) return;
    startAlarmLoop();
    return () => stopAlarmLoop();
  }, [count]);

  // the screen has it: said once per notification, by this page
  useEffect(() => {
    if (!principal) return;
    for (const n of ringing) {
      if (screenDeliveryOf(n, principal.name)?.state !== 'pending' || told.current.has(n.id)) continue;
      told.current.add(n.id);
      void api.notifications.received({ id: n.id }).then((r) => r.ok && notificationStoreOf(live).merge([r.data]));
    }
  }, [ringing, principal, live]);

  if (!top || !principal) return null;
  const acknowledge = async (n: Notification) => {
    setBusy(true);
    setRefusal(null);
    const result = await api.notifications.acknowledge({ id: n.id });
    setBusy(false);
    if (!result.ok) return setRefusal(result.message);
    notificationStoreOf(live).merge([result.data]);
    // acknowledged: the desk turns to the alert, for the leader to see it there
    live.show('fireAlert', { id: n.alert.id, lon: n.alert.lon, lat: n.alert.lat });
  };
  const d = districtByCode(top.alert.district);
  const others = top.recipients.filter((r) => r.username !== principal.name);
  const waitedMin = Math.max(0, Math.floor((now - Date.parse(top.alert.reportedAt)) / 60_000));
  return (
    <div className="notify-alarm-backdrop">
      <section
        className="notify-alarm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="notify-alarm-title"
        data-testid="notification-alarm"
        data-notification-id={top.id}
      >
        <h2 id="notify-alarm-title">⚠ {t('notify.alarmTitle')}</h2>
        <p className="notify-lead">{t('notify.alarmLead')}</p>
        <dl>
          <dt>{t('notify.what')}</dt>
          <dd>
            {t(`source.${top.alert.source}`)} · {top.alert.description || '—'}
            {top.demo && <span className="demo-tag">{t('demo.badge')}</span>}
          </dd>
          <dt>{t('notify.where')}</dt>
          <dd>
            {(i18n.language === 'en' ? d?.nameEn : d?.name) ?? top.alert.district} ({top.alert.lon.toFixed(4)}, {top.alert.lat.toFixed(4)})
          </dd>
          <dt>{t('notify.since')}</dt>
          <dd>
            {formatDateTime(top.alert.reportedAt, i18n.language)} · {t('notify.waiting', { count: waitedMin })}
          </dd>
          <dt>{t('notify.alsoTold')}</dt>
          <dd>{others.length > 0 ? others.map((r) => r.displayName).join('、') : t('notify.nobodyElse')}</dd>
          <dt>{t('notify.ruleLabel')}</dt>
          <dd>{t(`notify.rule.${top.rule}`)}</dd>
        </dl>
        {!sound.unlocked && <p className="notify-sound-blocked">{t('notify.soundBlocked')}</p>}
        {refusal && <p className="sign-in-error">{refusal}</p>}
        {ringing.length > 1 && <p className="notify-more">{t('notify.more', { count: ringing.length - 1 })}</p>}
        <div className="notify-actions">
          <button className="notify-ack" data-testid="acknowledge-notification" disabled={busy} onClick={() => void acknowledge(top)}>
            {busy ? t('notify.acknowledging') : t('notify.acknowledge')}
          </button>
        </div>
      </section>
    </div>
  );
}
