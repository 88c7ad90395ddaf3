import { useTranslation } from 'react-i18next';
import type { Delivery, Notification } from '../../shared/notifications.ts';
import { formatTime } from '../i18n/format.ts';

/** One chip per delivery of one recipient: channel and state, the error on hover. */
export function DeliveryChips({ deliveries }: { deliveries: readonly Delivery[] }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="delivery-chips">
      {deliveries.map((d) => (
        <span
          key={d.id}
          className={`delivery-chip state-${d.state}`}
          data-channel={d.channel}
          data-state={d.state}
          title={[
            d.lastError ? `${t('notify.error')}: ${d.lastError}` : '',
            d.attempts > 0 ? t('notify.attempts', { count: d.attempts }) : '',
            d.nextAttemptAt ? t('notify.nextAttempt', { at: formatTime(d.nextAttemptAt, i18n.language) }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        >
          {t(`notify.channel.${d.channel}`)} {t(`notify.state.${d.state}`)}
        </span>
      ))}
    </span>
  );
}

/** Each recipient of a notification with their deliveries: 通知了谁 and what became of it. */
export function RecipientDeliveries({ notification }: { notification: Notification }) {
  return (
    <span className="recipient-deliveries">
      {notification.recipients.map((r) => (
        <span key={r.username} className="recipient" data-recipient={r.username}>
          <b>{r.displayName}</b>
          <DeliveryChips deliveries={notification.deliveries.filter((d) => d.recipient === r.username)} />
        </span>
      ))}
    </span>
  );
}
