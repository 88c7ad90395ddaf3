import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { type Change, resumeSchema, type Snapshot, subscribeSchema } from '../../shared/changes.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import { can } from '../../shared/auth.ts';
import { seesNotifications } from '../../shared/notifications.ts';
import { handshakeAuthSchema, OUTDATED, PROTOCOL_VERSION, UNAUTHORIZED } from '../../shared/events.ts';
import { sessionToken } from '../auth/http.ts';
import { tokenHash } from '../auth/secrets.ts';
import { principalOfToken } from '../auth/service.ts';
import type { Config } from '../config.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, parseInput } from '../errors.ts';
import { fromOwnOrigin } from '../http/origin.ts';
import { readSnapshot } from '../snapshot/read.ts';
import { type AppSocket, onCommand, type SocketData } from './command.ts';
import { districtStream } from './district-stream.ts';
import { feedRoom, sessionRoom } from './rooms.ts';
import { closeAtExpiry } from './session-expiry.ts';
import { SessionSlots } from './session-slots.ts';

/** Beyond this many missed changes a snapshot is cheaper to send than the changes. */
const MAX_RESUME_CHANGES = 20_000;
/** Changes per message when a screen catches up. */
const RESUME_MESSAGE_CHANGES = 2000;
/**
 * Live connections one sign-in may hold: a person's desk, wall and consultation tabs, with room to spare.
 * Not counted per address: the screens of a command centre, or everyone behind a proxy, share one.
 */
export const MAX_CONNECTIONS_PER_SESSION = 20;

/** Why a handshake was refused, besides UNAUTHORIZED (which the screen answers by asking to sign in). */
export const FOREIGN_ORIGIN = 'forbidden origin: a page of another origin may not use this session';
export const TOO_MANY_CONNECTIONS = `too many connections: this session already holds ${MAX_CONNECTIONS_PER_SESSION}; close a screen, or sign in again for another session`;

/**
 * Joins a screen to its feed. A fresh screen is sent a snapshot; one that says in its handshake which seq it
 * holds is sent nothing until it asks to `resume`, so a reconnect costs only what was missed.
 */
export function acceptScreens(
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>,
  deps: DomainDeps,
  config: Pick<Config, 'allowedOrigins'>,
  log: Logger,
  registerDomainCommands: (socket: AppSocket) => void,
): void {
  const slots = new SessionSlots(MAX_CONNECTIONS_PER_SESSION);
  const sendSnapshot = snapshotSender(io, deps);

  io.use(async (socket, next) => {
    // SameSite=Strict does not keep the cookie from a page on another port of this host: its Origin does
    if (!fromOwnOrigin(socket.handshake.headers, config.allowedOrigins)) {
      log.warn({ origin: socket.handshake.headers.origin, address: socket.handshake.address }, 'socket from a foreign origin refused');
      return next(new Error(FOREIGN_ORIGIN));
    }
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(new Error('invalid handshake: ' + auth.error.issues.map((i) => i.message).join('; ')));
    if (auth.data.protocol !== undefined && auth.data.protocol !== PROTOCOL_VERSION) return next(new Error(OUTDATED));
    // the same session cookie as the HTTP API; a screen without one, or whose role may not read, is refused
    const token = sessionToken(socket.handshake.headers.cookie);
    if (!token) return next(new Error(UNAUTHORIZED));
    // counted before the lookup, so a flood of handshakes on one session costs no database reads
    const sessionId = tokenHash(token); // a session is known by its token's hash
    if (!slots.take(sessionId, socket.id)) return next(new Error(TOO_MANY_CONNECTIONS));
    // a handshake that never becomes a connection (refused, or its client gone) gives its place back too
    const release = () => slots.release(sessionId, socket.id);
    socket.conn.once('close', release);
    socket.once('disconnect', release);
    const session = await principalOfToken(deps, token).catch((err: unknown) => {
      log.error({ err }, 'session lookup for a socket failed');
      return undefined;
    });
    if (!session || session.principal.mustChangePassword || !can(session.principal.role, 'read')) {
      release();
      return next(new Error(UNAUTHORIZED));
    }
    socket.data.actor = { name: session.principal.name, role: session.principal.role };
    socket.data.sessionId = session.sessionId;
    socket.data.sessionExpiresAt = session.expiresAt;
    socket.data.districts = auth.data.districts ?? [];
    socket.data.resumesFrom = auth.data.lastSeq ?? null;
    next();
  });

  io.on('connection', async (socket) => {
    // a screen that may not see notifications (a wall, an observer) is fed a stream without them
    const watching = !seesNotifications(socket.data.actor.role);
    socket.join([feedRoom(socket.data.districts, watching), sessionRoom(socket.data.sessionId)]);
    closeAtExpiry(socket, deps.store.clock, log);
    const catchingUp = oneAtATime();

    onCommand(
      socket,
      'resume',
      log,
      async (payload) => {
        const { lastSeq } = parseInput(resumeSchema, payload, 'resume request');
        return catchingUp(async () => {
          const missed = await deps.store.changesSince(lastSeq, MAX_RESUME_CHANGES);
          if (missed === null) {
            const snapshot = await sendSnapshot(socket, socket.data.districts);
            return { mode: 'snapshot' as const, seq: snapshot.seq };
          }
          const districts = socket.data.districts;
          await sendChanges(socket, districts.length === 0 && !watching ? missed : districtStream(missed, districts, lastSeq, watching));
          return { mode: 'changes' as const, seq: missed.at(-1)?.seq ?? lastSeq };
        });
      },
      'read',
    );

    onCommand(
      socket,
      'subscribe',
      log,
      async (payload) => {
        const { districts } = parseInput(subscribeSchema, payload, 'subscription');
        return catchingUp(async () => {
          socket.leave(feedRoom(socket.data.districts, watching));
          socket.data.districts = districts;
          socket.join(feedRoom(districts, watching));
          await sendSnapshot(socket, districts);
          return { districts };
        });
      },
      'read',
    );

    registerDomainCommands(socket);

    if (socket.data.resumesFrom === null) {
      try {
        await catchingUp(() => sendSnapshot(socket, socket.data.districts));
      } catch (err) {
        log.error({ err, socket: socket.id }, 'could not send snapshot');
        socket.disconnect(true);
      }
    }
  });
}

/**
 * Sends a screen its picture. Screens asking for the same view at the same time share one read (see
 * readSnapshot) and get it in one broadcast, which Socket.IO encodes once: encoding megabytes for each
 * socket again was most of what a few dozen screens connecting together cost. Resolves once it is sent.
 */
function snapshotSender(io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>, deps: DomainDeps) {
  const waiting = new Map<Promise<Snapshot>, Set<string>>();
  return async (socket: AppSocket, districts: readonly DistrictCode[]): Promise<Snapshot> => {
    const picture = readSnapshot(deps, districts);
    let sockets = waiting.get(picture);
    if (!sockets) {
      const these = (sockets = new Set());
      waiting.set(picture, these);
      // registered before any asker awaits it, so the picture goes out before any of them answers its ack
      picture.then(
        (snapshot) => {
          waiting.delete(picture);
          io.to([...these]).emit('snapshot', snapshot);
        },
        () => waiting.delete(picture),
      );
    }
    sockets.add(socket.id);
    return picture;
  };
}

/**
 * Missed changes in messages of a bounded size, each encoded on a turn of its own: 20,000 changes in one
 * message are megabytes serialised at once, while the officers' requests wait.
 */
async function sendChanges(socket: AppSocket, stream: readonly Change[]): Promise<void> {
  for (let i = 0; i < stream.length; i += RESUME_MESSAGE_CHANGES) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    socket.emit('changes', stream.slice(i, i + RESUME_MESSAGE_CHANGES));
  }
}

/**
 * A connection catches up (a resume, a new subscription, its first snapshot) one request at a time: each
 * reads the database and may send megabytes, and one screen never needs two at once. Another request
 * while one runs is refused, not queued, so a flood from one socket costs the server one read.
 */
function oneAtATime() {
  let busy = false;
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) throw new ApiError('rate_limited', 'this connection is already catching up (a resume or subscription is under way); wait for its answer');
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };
}
