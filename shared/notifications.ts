import { z } from 'zod';
import { can, type Role } from './auth.ts';
import { districtCodeSchema } from './districts.ts';
import { type DutyShift, shiftsOnDutyAt } from './duty.ts';
import { fireAlertSourceSchema } from './fire-alerts.ts';
import { idSchema, instantSchema } from './records.ts';

/**
 * 升级通知: an escalated fire alert sent to the leader on duty, and what became of each send. One record per
 * escalation; it carries what was escalated (copied at the time, so the log still says what was sent after
 * the alert moves on), whom it went to and by which rule, and one delivery per recipient and channel.
 */

/** The ways a notification goes out: the leader's own desk, the bureau's webhook, an SMS gateway. */
export const NOTIFY_CHANNELS = ['screen', 'webhook', 'sms'] as const;
export const notifyChannelSchema = z.enum(NOTIFY_CHANNELS);
export type NotifyChannel = z.infer<typeof notifyChannelSchema>;

/**
 * 待发送 → 已送达 / 失败 → 已读. A failed delivery that will be tried again keeps `nextAttemptAt`; one that gave
 * up has none. Only the screen channel reaches 已读: a person acknowledged it there.
 */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'read'] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/**
 * Who chose the recipients: the 带班领导 on the roster now, matched to leader accounts by display name
 * (`on_duty`), or, when no account matches, every enabled leader account (`all_leaders`).
 */
export const RECIPIENT_RULES = ['on_duty', 'all_leaders'] as const;
export type RecipientRule = (typeof RECIPIENT_RULES)[number];

export const recipientSchema = z.object({
  /** The account's username: what a session is matched on. */
  username: z.string(),
  displayName: z.string(),
  /** The roster's phone for this person, if the roster has one: where an SMS goes. */
  phone: z.string().nullable(),
  /** The shift that made them the leader on duty; null when chosen as one of all leaders. */
  shiftId: idSchema.nullable(),
});
export type Recipient = z.infer<typeof recipientSchema>;

export const deliverySchema = z.object({
  id: idSchema,
  /** The recipient's username. */
  recipient: z.string(),
  channel: notifyChannelSchema,
  state: deliveryStateSchema,
  attempts: z.number().int().min(0),
  /** The last attempt's error, kept after a later success so the log shows what happened. */
  lastError: z.string().nullable(),
  lastAttemptAt: instantSchema.nullable(),
  /** When the next attempt is due; null when none will be made. */
  nextAttemptAt: instantSchema.nullable(),
  deliveredAt: instantSchema.nullable(),
  readAt: instantSchema.nullable(),
  updatedAt: instantSchema,
});
export type Delivery = z.infer<typeof deliverySchema>;

/** What was escalated, as it stood when it was. */
export const notifiedAlertSchema = z.object({
  id: idSchema,
  source: fireAlertSourceSchema,
  district: districtCodeSchema,
  lon: z.number(),
  lat: z.number(),
  description: z.string(),
  /** When it was reported: "since when" nobody took it. */
  reportedAt: instantSchema,
});

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.literal('fireAlertEscalated'),
  alert: notifiedAlertSchema,
  escalatedAt: instantSchema,
  rule: z.enum(RECIPIENT_RULES),
  recipients: z.array(recipientSchema),
  deliveries: z.array(deliverySchema),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/**
 * Who may see a notification: the people who act (the recipients are leaders, so among them). A wall
 * display or an observer never does: it names who was called and their phones.
 */
export const seesNotifications = (role: Role | 'system'): boolean => role !== 'system' && can(role, 'operate');

/** A leader account as the recipient rule sees it. */
export interface LeaderAccount {
  username: string;
  displayName: string;
  disabled: boolean;
}

/**
 * The recipient rule: the 带班领导 whose shifts cover `now` (on post or scheduled), matched to enabled leader
 * accounts by display name; when none matches, every enabled leader account, so an escalation never goes
 * nowhere. A roster phone goes with a name it matches, whichever rule chose the person.
 */
export function chooseRecipients(
  shifts: readonly DutyShift[],
  accounts: readonly LeaderAccount[],
  now: Date,
): { rule: RecipientRule; recipients: Recipient[] } {
  const enabled = accounts.filter((a) => !a.disabled);
  const onDuty = shiftsOnDutyAt(shifts, now).filter((s) => s.role === 'leader');
  const matched: Recipient[] = [];
  for (const shift of onDuty) {
    const person = shift.person.trim();
    for (const account of enabled)
      if (account.displayName.trim() === person && !matched.some((r) => r.username === account.username))
        matched.push({ username: account.username, displayName: account.displayName, phone: shift.phone || null, shiftId: shift.id });
  }
  if (matched.length > 0) return { rule: 'on_duty', recipients: matched };
  const phoneOf = (name: string) => shifts.find((s) => s.role === 'leader' && s.person.trim() === name.trim())?.phone || null;
  return {
    rule: 'all_leaders',
    recipients: enabled.map((a) => ({ username: a.username, displayName: a.displayName, phone: phoneOf(a.displayName), shiftId: null })),
  };
}

/** How outbound sends are retried: this many attempts in all, waiting `baseMs`, doubling, at most `maxMs`. */
export interface RetryRule {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * How long to wait after the `attempt`-th failed attempt (1-based) before the next, or null when that was
 * the last one allowed. Doubling back-off: a receiver that is down is not hammered, one that blinked is
 * tried again soon.
 */
export function retryDelayMs(attempt: number, rule: RetryRule): number | null {
  if (attempt >= rule.attempts) return null;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** (attempt - 1));
}

/** The screen delivery of one person, if the notification has one for them. */
export const screenDeliveryOf = (n: Notification, username: string): Delivery | undefined =>
  n.deliveries.find((d) => d.channel === 'screen' && d.recipient === username);

/** The notifications that still ring on a person's desk: their screen delivery is not yet read. */
export const ringingFor = (notifications: readonly Notification[], username: string): Notification[] =>
  notifications.filter((n) => {
    const d = screenDeliveryOf(n, username);
    return d !== undefined && d.state !== 'read';
  });
