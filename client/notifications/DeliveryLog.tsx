import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import { formatDateTime, formatTime } from '../i18n/format.ts';
import { useNotifications } from './notification-store.ts';
import './notifications.css';

/**
 * 通知记录: every escalation's notification with each delivery as the server recorded it — whom, by which
 * rule, over which channel, how many attempts, the last error, when it arrived and when it was read.
 */
export function DeliveryLog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const notifications = useNotifications();
  const at = (iso: string | null) => (iso ? formatTime(iso, i18n.language) : '—');
  return (
    <div className="ledger delivery-log" data-testid="delivery-log" role="dialog" aria-label={t('notify.log')}>
      <header>
        <h2>{t('notify.log')}</h2>
        <button onClick={onClose} aria-label={t('drawer.close')}>
          ✕
        </button>
      </header>
      <div className="ledger-body">
        {notifications.length === 0 && <p className="empty">{t('notify.empty')}</p>}
        <table>
          <thead>
            <tr>
              <th>{t('notify.escalatedAt')}</th>
              <th>{t('notify.what')}</th>
              <th>{t('notify.ruleLabel')}</th>
              <th>{t('notify.recipient')}</th>
              <th>{t('notify.channelLabel')}</th>
              <th>{t('notify.stateLabel')}</th>
              <th>{t('notify.attemptsLabel')}</th>
              <th>{t('notify.lastAttempt')}</th>
              <th>{t('notify.deliveredAt')}</th>
              <th>{t('notify.readAt')}</th>
              <th>{t('notify.error')}</th>
            </tr>
          </thead>
          <tbody>
            {notifications.flatMap((n) => {
              const d = districtByCode(n.alert.district);
              return n.deliveries.map((x, i) => (
                <tr key={x.id} data-notification-id={n.id} data-channel={x.channel} data-state={x.state}>
                  {i === 0 && (
                    <>
                      <td rowSpan={n.deliveries.length}>{formatDateTime(n.escalatedAt, i18n.language)}</td>
                      <td rowSpan={n.deliveries.length}>
                        {(i18n.language === 'en' ? d?.nameEn : d?.name) ?? n.alert.district} · {n.alert.description || '—'}
                        {n.demo && <span className="demo-tag">{t('demo.badge')}</span>}
                      </td>
                      <td rowSpan={n.deliveries.length}>{t(`notify.rule.${n.rule}`)}</td>
                    </>
                  )}
                  <td>{n.recipients.find((r) => r.username === x.recipient)?.displayName ?? x.recipient}</td>
                  <td>{t(`notify.channel.${x.channel}`)}</td>
                  <td>
                    <span className={`delivery-chip state-${x.state}`}>{t(`notify.state.${x.state}`)}</span>
                    {x.nextAttemptAt && <small> {t('notify.nextAttempt', { at: at(x.nextAttemptAt) })}</small>}
                  </td>
                  <td>{x.attempts}</td>
                  <td>{at(x.lastAttemptAt)}</td>
                  <td>{at(x.deliveredAt)}</td>
                  <td>{at(x.readAt)}</td>
                  <td className="delivery-error">{x.lastError ?? ''}</td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
