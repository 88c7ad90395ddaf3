import type { Notification, Delivery } from '../../shared/notifications.ts';

/** An escalation's notification: what was escalated and to whom, as JSON beside the columns queries need. */
export interface NotificationsTable {
  id: string;
  fireAlertId: string;
  /** JSON of the escalated alert as it stood (notifiedAlertSchema). */
  alert: string;
  escalatedAt: string;
  rule: Notification['rule'];
  /** JSON array of recipients. */
  recipients: string;
  createdAt: string;
  updatedAt: string;
  demo: number;
}

/** One send of one notification to one recipient over one channel, and what became of it. */
export interface NotificationDeliveriesTable {
  id: string;
  notificationId: string;
  recipient: string;
  channel: Delivery['channel'];
  state: Delivery['state'];
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  updatedAt: string;
}
