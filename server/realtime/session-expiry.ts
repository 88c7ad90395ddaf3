import type { Logger } from 'pino';
import type { Ack } from '../../shared/errors.ts';
import type { Clock } from '../db/store.ts';
import type { AppSocket } from './command.ts';

/** setTimeout waits at most 2^31 − 1 ms (24.8 days); a longer delay fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const SESSION_EXPIRED = 'the session has expired; sign in again';

/**
 * How long to wait before looking again at a session that expires at `expiresAt`: what is left of it, at most
 * what one timer can wait. Zero means it has expired (an expiry that is no instant counts as past).
 */
export function expiryCheckDelayMs(expiresAt: string, now: Date): number {
  const leftMs = Date.parse(expiresAt) - now.getTime();
  return leftMs > 0 ? Math.min(leftMs, MAX_TIMER_MS) : 0;
}

/**
 * Closes a connection when its session expires: the session was checked once, at the handshake, and a screen
 * may stay connected for weeks. A timer goes off at the expiry by the server's clock, and every command is
 * checked as it arrives too (answered `unauthorized`), so a clock that runs apart from the timers (a test's,
 * or one set forward) cannot let a command through late. The timer goes with the connection.
 */
export function closeAtExpiry(socket: AppSocket, clock: Clock, log: Logger): void {
  const expiresAt = socket.data.sessionExpiresAt;
  let timer: NodeJS.Timeout | undefined;
  const close = () => {
    log.info({ socket: socket.id, expiresAt }, 'session expired: connection closed');
    socket.disconnect(true);
  };
  const check = () => {
    const delayMs = expiryCheckDelayMs(expiresAt, clock());
    if (delayMs === 0) return close();
    timer = setTimeout(check, delayMs);
  };
  check();
  socket.on('disconnect', () => clearTimeout(timer));
  socket.use((packet, next) => {
    if (expiryCheckDelayMs(expiresAt, clock()) > 0) return next();
    const ack = packet.at(-1);
    if (typeof ack === 'function') (ack as (result: Ack<never>) => void)({ ok: false, error: { code: 'unauthorized', message: SESSION_EXPIRED } });
    close();
  });
}
