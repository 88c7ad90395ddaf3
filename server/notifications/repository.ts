import type { Kysely } from 'kysely';
import { type Delivery, type LeaderAccount, type Notification, notificationSchema } from '../../shared/notifications.ts';
import type { Database } from '../db/schema.ts';
import type { NotificationDeliveriesTable, NotificationsTable } from './tables.ts';

const deliveryOf = (row: NotificationDeliveriesTable): Delivery => ({
  id: row.id,
  recipient: row.recipient,
  channel: row.channel,
  state: row.state,
  attempts: Number(row.attempts),
  lastError: row.lastError,
  lastAttemptAt: row.lastAttemptAt,
  nextAttemptAt: row.nextAttemptAt,
  deliveredAt: row.deliveredAt,
  readAt: row.readAt,
  updatedAt: row.updatedAt,
});

const deliveryRow = (notificationId: string, d: Delivery): NotificationDeliveriesTable => ({ notificationId, ...d });

/** The channels in one order wherever a notification's deliveries are listed: the desk's first. */
const CHANNEL_ORDER: Record<Delivery['channel'], number> = { screen: 0, webhook: 1, sms: 2 };

function notificationOf(row: NotificationsTable, deliveries: NotificationDeliveriesTable[]): Notification {
  return notificationSchema.parse({
    id: row.id,
    kind: 'fireAlertEscalated',
    alert: JSON.parse(row.alert),
    escalatedAt: row.escalatedAt,
    rule: row.rule,
    recipients: JSON.parse(row.recipients),
    deliveries: deliveries.map(deliveryOf).sort((a, b) => a.recipient.localeCompare(b.recipient) || CHANNEL_ORDER[a.channel] - CHANNEL_ORDER[b.channel]),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    demo: row.demo === 1,
  });
}

export async function insertNotification(db: Kysely<Database>, n: Notification): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      id: n.id,
      fireAlertId: n.alert.id,
      alert: JSON.stringify(n.alert),
      escalatedAt: n.escalatedAt,
      rule: n.rule,
      recipients: JSON.stringify(n.recipients),
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
      demo: n.demo ? 1 : 0,
    })
    .execute();
  if (n.deliveries.length > 0)
    await db
      .insertInto('notificationDeliveries')
      .values(n.deliveries.map((d) => deliveryRow(n.id, d)))
      .execute();
}

/** Writes one delivery's new state and stamps its notification as changed. */
export async function saveDelivery(db: Kysely<Database>, notificationId: string, d: Delivery): Promise<void> {
  const { id, ...rest } = deliveryRow(notificationId, d);
  await db.updateTable('notificationDeliveries').set(rest).where('id', '=', id).execute();
  await db.updateTable('notifications').set({ updatedAt: d.updatedAt }).where('id', '=', notificationId).execute();
}

export async function findNotification(db: Kysely<Database>, id: string): Promise<Notification | undefined> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const deliveries = await db.selectFrom('notificationDeliveries').selectAll().where('notificationId', '=', id).execute();
  return notificationOf(row, deliveries);
}

/** The newest notifications first, with their deliveries. */
export async function listNotifications(db: Kysely<Database>, limit: number): Promise<Notification[]> {
  const rows = await db.selectFrom('notifications').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  if (rows.length === 0) return [];
  const deliveries = await db
    .selectFrom('notificationDeliveries')
    .selectAll()
    .where(
      'notificationId',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) =>
    notificationOf(
      row,
      deliveries.filter((d) => d.notificationId === row.id),
    ),
  );
}

/** Outbound sends still owed (never tried, or failed with a retry due): what the sender picks up after a restart. */
export async function owedDeliveries(db: Kysely<Database>, limit: number): Promise<{ notificationId: string; delivery: Delivery }[]> {
  const rows = await db
    .selectFrom('notificationDeliveries')
    .selectAll()
    .where('channel', '!=', 'screen')
    .where((eb) => eb.or([eb('state', '=', 'pending'), eb.and([eb('state', '=', 'failed'), eb('nextAttemptAt', 'is not', null)])]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ notificationId: row.notificationId, delivery: deliveryOf(row) }));
}

/** Leader accounts read for the recipient rule at most: a bureau has a handful; this bounds one write's read. */
const LEADER_ACCOUNTS = 200;

/** Every leader account, enabled or not: the recipient rule decides. */
export async function leaderAccounts(db: Kysely<Database>): Promise<LeaderAccount[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(['username', 'displayName', 'disabled'])
    .where('role', '=', 'leader')
    .orderBy('username')
    .limit(LEADER_ACCOUNTS)
    .execute();
  return rows.map((r) => ({ username: r.username, displayName: r.displayName, disabled: r.disabled === 1 }));
}
