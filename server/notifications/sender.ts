import type { Logger } from 'pino';
import type { Change } from '../../shared/changes.ts';
import { type Delivery, type Notification, retryDelayMs } from '../../shared/notifications.ts';
import type { NotifyConfig } from '../config.ts';
import { type Actor, nothingToDo } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import type { Channel } from './channels/channel.ts';
import { screenChannel } from './channels/channel.ts';
import { smsChannel } from './channels/sms.ts';
import { webhookChannel } from './channels/webhook.ts';
import { findNotification, owedDeliveries, saveDelivery } from './repository.ts';
import { withDelivery } from './service.ts';

/** The channels an escalation goes out on: always the leader's screen, then what is configured. */
export function channelsOf(config: NotifyConfig): Channel[] {
  return [screenChannel, ...(config.webhook ? [webhookChannel(config.webhook)] : []), ...(config.sms ? [smsChannel(config.sms)] : [])];
}

const SENDER: Actor = { name: 'notifications', role: 'system' };
/** Sends owed after a restart picked up at once, at most; the rest wait for their next turn. */
const RECOVER_ROWS = 500;
/** Sends under way at one time; more wait their turn, so a flood of escalations cannot open a flood of sockets. */
const CONCURRENT_SENDS = 8;
/** An error text kept this long at most. */
const ERROR_CHARS = 300;

/**
 * Sends the outbound deliveries of notifications (webhook, SMS) after their write has committed: it hears the
 * store's commits, and each attempt runs outside any transaction with a timeout, so a receiver that hangs
 * holds up nothing but its own send. Every attempt's outcome is written back as the delivery's new state
 * (failed with the error and when the next try is due, or delivered); failed attempts are retried with a
 * doubling back-off up to NOTIFY_ATTEMPTS.
 */
export class NotificationSender {
  private readonly byChannel: Map<string, Channel>;
  /** Deliveries with a send scheduled or under way: each is in hand once. */
  private readonly inHand = new Map<string, NodeJS.Timeout | null>();
  private readonly running = new Set<Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private readonly aborts = new Set<AbortController>();
  private active = 0;
  private stopped = false;

  constructor(
    private readonly deps: DomainDeps,
    private readonly config: NotifyConfig,
    private readonly log: Logger,
    readonly channels: readonly Channel[] = channelsOf(config),
  ) {
    this.byChannel = new Map(channels.map((c) => [c.channel, c]));
  }

  /** A store commit listener: new notifications' pending outbound deliveries are sent from here. */
  readonly hear = (changes: readonly Change[]): void => {
    if (this.stopped) return;
    for (const change of changes) {
      if (change.entity !== 'notification') continue;
      for (const d of change.data.deliveries)
        if (d.state === 'pending' && d.attempts === 0 && this.byChannel.get(d.channel)?.send) this.schedule(change.data.id, d.id, 0);
    }
  };

  /** Picks up what a previous run still owed (a crash between attempts): each at its due time. */
  async start(): Promise<void> {
    const owed = await owedDeliveries(this.deps.store.db, RECOVER_ROWS);
    const now = this.deps.store.clock().getTime();
    for (const { notificationId, delivery } of owed) {
      if (!this.byChannel.get(delivery.channel)?.send) continue;
      const due = delivery.nextAttemptAt ? Date.parse(delivery.nextAttemptAt) - now : 0;
      this.schedule(notificationId, delivery.id, Math.max(0, due));
    }
  }

  /** Stops sending: pending retries are dropped (picked up at the next start), sends under way are aborted and awaited. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.inHand.values()) if (timer) clearTimeout(timer);
    this.inHand.clear();
    this.aborts.forEach((a) => a.abort(new Error('the server is stopping')));
    this.waiting.splice(0).forEach((go) => go());
    await Promise.allSettled([...this.running]);
  }

  private schedule(notificationId: string, deliveryId: string, delayMs: number): void {
    // in hand already (heard twice, or recovered while its commit was heard): once is enough
    if (this.stopped || this.inHand.has(deliveryId)) return;
    const timer = setTimeout(() => {
      this.inHand.set(deliveryId, null);
      const run = this.attempt(notificationId, deliveryId)
        .catch((err: unknown) => {
          // a database failure while recording: the delivery stays owed and is picked up at the next start
          this.inHand.delete(deliveryId);
          this.log.error({ err, notificationId, deliveryId }, 'notification send failed unexpectedly');
        })
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    this.inHand.set(deliveryId, timer);
  }

  /** One attempt: read the delivery as it stands, send it, write back what happened, schedule the next try. */
  private async attempt(notificationId: string, deliveryId: string): Promise<void> {
    await this.turn();
    try {
      if (this.stopped) return;
      const notification = await findNotification(this.deps.store.db, notificationId);
      const delivery = notification?.deliveries.find((d) => d.id === deliveryId);
      const channel = delivery && this.byChannel.get(delivery.channel);
      if (!notification || !delivery || !channel?.send || !owed(delivery)) return void this.inHand.delete(deliveryId);
      const recipient = notification.recipients.find((r) => r.username === delivery.recipient);
      let error: string | null = null;
      if (!recipient) error = 'the recipient is no longer on the notification';
      else {
        const abort = new AbortController();
        this.aborts.add(abort);
        const timer = setTimeout(() => abort.abort(new Error(`no answer within ${this.config.timeoutMs} ms`)), this.config.timeoutMs);
        try {
          await channel.send({ notification, recipient, deliveryId }, abort.signal);
        } catch (err) {
          error = abort.signal.aborted ? String((abort.signal.reason as Error)?.message ?? abort.signal.reason) : errorText(err);
        } finally {
          clearTimeout(timer);
          this.aborts.delete(abort);
        }
      }
      if (this.stopped && error) return; // aborted by the stop: tried again at the next start, not counted
      const next = await this.record(notificationId, deliveryId, error);
      this.inHand.delete(deliveryId);
      if (next?.state === 'failed' && next.nextAttemptAt)
        this.schedule(notificationId, deliveryId, Math.max(0, Date.parse(next.nextAttemptAt) - this.deps.store.clock().getTime()));
    } finally {
      this.release();
    }
  }

  /** Writes an attempt's outcome as the delivery's new state; the change goes to the desks like any other. */
  private record(notificationId: string, deliveryId: string, error: string | null): Promise<Delivery | null> {
    return this.deps.store.write<Delivery | null>(SENDER, async (trx, at) => {
      const current = await findNotification(trx, notificationId);
      const before = current?.deliveries.find((d) => d.id === deliveryId);
      if (!current || !before || !owed(before)) return nothingToDo(null);
      const now = at.toISOString();
      const attempts = before.attempts + 1;
      const wait = error === null ? null : retryDelayMs(attempts, this.config.retry);
      const next: Delivery = {
        ...before,
        state: error === null ? 'delivered' : 'failed',
        attempts,
        lastError: error ?? before.lastError,
        lastAttemptAt: now,
        nextAttemptAt: wait === null ? null : new Date(at.getTime() + wait).toISOString(),
        deliveredAt: error === null ? now : null,
        updatedAt: now,
      };
      await saveDelivery(trx, notificationId, next);
      const after: Notification = withDelivery(current, next);
      return {
        result: next,
        changes: [{ entity: 'notification', op: 'upsert', data: after }],
        audit: {
          action: error === null ? 'notification.delivered' : 'notification.failed',
          entity: 'notification',
          entityId: notificationId,
          before,
          after: next,
        },
      };
    });
  }

  private async turn(): Promise<void> {
    if (this.active < CONCURRENT_SENDS) {
      this.active++;
      return;
    }
    await new Promise<void>((go) => this.waiting.push(go));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

/** A delivery the sender still owes: never tried, or failed with another try due. */
const owed = (d: Delivery) => d.state === 'pending' || (d.state === 'failed' && d.nextAttemptAt !== null);

function errorText(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e?.cause ? ` (${e.cause.code ?? e.cause.message ?? ''})` : '';
  return `${e?.message ?? String(err)}${cause}`.slice(0, ERROR_CHARS);
}
