import type { Notification, NotifyChannel, Recipient } from '../../../shared/notifications.ts';

/** One notification for one of its recipients: what every channel sends. */
export interface Message {
  notification: Notification;
  recipient: Recipient;
  /** The delivery this send is: the far end may use it to drop a repeat after a retry. */
  deliveryId: string;
}

/**
 * A way to reach a person. The screen is one too, but sends nothing itself: the live feed carries the
 * notification, and the leader's desk says when it arrived and when it was acknowledged.
 */
export interface Channel {
  readonly channel: NotifyChannel;
  /** Why this recipient cannot be reached this way (no phone on the roster), or null when they can. */
  unreachable(recipient: Recipient): string | null;
  /**
   * Sends one message; resolves once the far end took it, throws saying why not. Never called inside the
   * store's transaction. `signal` ends it at the timeout. Null for the screen.
   */
  send: ((message: Message, signal: AbortSignal) => Promise<void>) | null;
}

export const screenChannel: Channel = { channel: 'screen', unreachable: () => null, send: null };

/** What an answer that was not 2xx says, bounded: a gateway's HTML error page is not kept whole. */
export async function refusalOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  const body = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `HTTP ${response.status}${body ? `: ${body}` : ''}`;
}

/** POSTs JSON; throws unless the answer is 2xx. */
export async function postJson(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal, redirect: 'error' });
  if (!response.ok) throw new Error(await refusalOf(response));
  // the body is read so the connection is free for the next send
  await response.arrayBuffer().catch(() => undefined);
}
