import { dutyDatesAround } from '../../shared/duty.ts';
import { type FireAlert, reportedAt } from '../../shared/fire-alerts.ts';
import { chooseRecipients, type Delivery, type Notification, screenDeliveryOf } from '../../shared/notifications.ts';
import { idSchema } from '../../shared/records.ts';
import type { ChangeDraft } from '../../shared/changes.ts';
import { newRecordId } from '../db/ids.ts';
import type { Actor, Trx } from '../db/store.ts';
import { nothingToDo } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { listDutyShifts } from '../duty/repository.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { findNotification, insertNotification, leaderAccounts, saveDelivery } from './repository.ts';

/**
 * The notification of one escalation, made inside the escalation's own write so the two commit together:
 * the leader on duty by the recipient rule, one delivery per recipient and channel, all pending — except a
 * channel that cannot reach someone (no phone for an SMS), failed at once with the reason. The sends happen
 * after the commit (NotificationSender), never in this transaction.
 */
export async function notifyEscalation(trx: Trx, deps: DomainDeps, alert: FireAlert, at: Date): Promise<{ notification: Notification; change: ChangeDraft }> {
  const now = at.toISOString();
  const shifts = await listDutyShifts(trx, dutyDatesAround(at));
  const { rule, recipients } = chooseRecipients(shifts, await leaderAccounts(trx), at);
  const deliveries: Delivery[] = recipients.flatMap((recipient) =>
    deps.notifyChannels.map((c): Delivery => {
      const why = c.unreachable(recipient);
      return {
        id: newRecordId('dlv'),
        recipient: recipient.username,
        channel: c.channel,
        state: why ? 'failed' : 'pending',
        attempts: 0,
        lastError: why,
        lastAttemptAt: null,
        nextAttemptAt: null,
        deliveredAt: null,
        readAt: null,
        updatedAt: now,
      };
    }),
  );
  const notification: Notification = {
    id: newRecordId('ntf'),
    kind: 'fireAlertEscalated',
    alert: {
      id: alert.id,
      source: alert.source,
      district: alert.district,
      lon: alert.lon,
      lat: alert.lat,
      description: alert.description,
      reportedAt: reportedAt(alert),
    },
    escalatedAt: now,
    rule,
    recipients,
    deliveries,
    createdAt: now,
    updatedAt: now,
    demo: deps.demo,
  };
  await insertNotification(trx, notification);
  return { notification, change: { entity: 'notification', op: 'upsert', data: notification } };
}

/**
 * The leader's own desk speaks for its screen delivery: `received` when the notification reached it (待发送 →
 * 已送达), `acknowledged` when they pressed 确认收到 (→ 已读). Only the recipient may; anyone else is refused.
 */
export async function markScreenDelivery(deps: DomainDeps, id: unknown, step: 'received' | 'acknowledged', actor: Actor): Promise<Notification> {
  const notificationId = parseInput(idSchema, id, 'notification id');
  return deps.store.write<Notification>(actor, async (trx, at) => {
    const current = await findNotification(trx, notificationId);
    if (!current) throw notFound('notification', notificationId);
    const delivery = screenDeliveryOf(current, actor.name);
    if (!delivery) throw new ApiError('forbidden', `notification ${notificationId} was not sent to ${actor.name}: only its recipients mark it`);
    // a repeat (two tabs, a reload) changes nothing
    if (delivery.state === 'read' || (step === 'received' && delivery.state === 'delivered')) return nothingToDo(current);
    const now = at.toISOString();
    const next: Delivery = {
      ...delivery,
      state: step === 'received' ? 'delivered' : 'read',
      attempts: delivery.attempts + (delivery.state === 'pending' ? 1 : 0),
      lastAttemptAt: delivery.lastAttemptAt ?? now,
      deliveredAt: delivery.deliveredAt ?? now,
      readAt: step === 'acknowledged' ? now : null,
      updatedAt: now,
    };
    await saveDelivery(trx, notificationId, next);
    const after = withDelivery(current, next);
    return {
      result: after,
      changes: [{ entity: 'notification', op: 'upsert', data: after }],
      audit: { action: `notification.${step}`, entity: 'notification', entityId: notificationId, before: delivery, after: next },
    };
  });
}

export const withDelivery = (n: Notification, d: Delivery): Notification => ({
  ...n,
  deliveries: n.deliveries.map((x) => (x.id === d.id ? d : x)),
  updatedAt: d.updatedAt,
});
