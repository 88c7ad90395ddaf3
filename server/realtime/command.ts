import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { Ack } from '../../shared/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import { can, type Permission } from '../../shared/auth.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import type { Actor } from '../db/store.ts';
import { ApiError, errorBodyOf } from '../errors.ts';

export interface SocketData {
  actor: Actor;
  sessionId: string;
  /** When that session expires: the connection is closed then. */
  sessionExpiresAt: string;
  /** The districts this screen watches; empty for the whole city. */
  districts: DistrictCode[];
  /** The seq the screen said it holds when it connected; it then resumes instead of taking a snapshot. */
  resumesFrom: number | null;
  /** The consultation room this connection is in, if any. */
  consultRoom?: string;
}
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type CommandName = keyof ClientToServerEvents;
type AckOf<E extends CommandName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
export type CommandResult<E extends CommandName> = AckOf<E> extends Ack<infer T> ? T : never;

/**
 * Registers a socket command that always answers its ack with `{ok,data}` or `{ok:false,error}`. The
 * payload is typed for callers but arrives untrusted, so `run` receives it as unknown and validates it.
 * A command that changes the picture needs `operate`, as its HTTP twin does; the rest need the `read` every
 * connected screen has.
 */
export function onCommand<E extends CommandName>(
  socket: AppSocket,
  event: E,
  log: Logger,
  run: (payload: unknown) => Promise<CommandResult<E>>,
  needs: Permission = 'operate',
): void {
  const listener = async (...args: unknown[]) => {
    const ack = args.find((a): a is (result: Ack<CommandResult<E>>) => void => typeof a === 'function');
    const payload = typeof args[0] === 'function' ? undefined : args[0];
    if (!ack) {
      log.warn({ event, socket: socket.id }, 'command without acknowledgement callback ignored');
      return;
    }
    try {
      const { role } = socket.data.actor;
      if (role === 'system' || !can(role, needs)) throw new ApiError('forbidden', `a ${role} may not do this`, { role, needs });
      ack({ ok: true, data: await run(payload) });
    } catch (error) {
      ack({ ok: false, error: errorBodyOf(error, log, { event, socket: socket.id }) });
    }
  };
  // Registered on the untyped view of the socket: the listener takes whatever a client sends and validates it.
  (socket as unknown as Socket).on(event as string, listener);
}
