import { createHmac } from 'node:crypto';
import type { Channel, Message } from './channel.ts';
import { postJson } from './channel.ts';

/** The header carrying `sha256=<hex HMAC-SHA256 of the body under NOTIFY_WEBHOOK_SECRET>`. */
export const SIGNATURE_HEADER = 'x-onemap-signature';
/** The header naming the delivery, the same on every retry of it. */
export const DELIVERY_HEADER = 'x-onemap-delivery';

export const signatureOf = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The JSON a webhook receives: the escalated alert, whom this send is for, and everyone who was told. */
export function webhookBody({ notification: n, recipient, deliveryId }: Message): string {
  return JSON.stringify({
    event: 'fireAlert.escalated',
    notificationId: n.id,
    deliveryId,
    escalatedAt: n.escalatedAt,
    alert: n.alert,
    rule: n.rule,
    recipient,
    recipients: n.recipients,
    demo: n.demo,
  });
}

/** NOTIFY_WEBHOOK_URL: every escalation POSTed as JSON, signed when a secret is configured. */
export function webhookChannel(config: { url: string; secret: string | null }): Channel {
  return {
    channel: 'webhook',
    unreachable: () => null,
    async send(message, signal) {
      const body = webhookBody(message);
      const headers: Record<string, string> = { [DELIVERY_HEADER]: message.deliveryId };
      if (config.secret) headers[SIGNATURE_HEADER] = signatureOf(config.secret, body);
      await postJson(config.url, body, headers, signal);
    },
  };
}
