import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { z } from 'zod';
import { resumeSchema, subscribeSchema } from '../../shared/changes.ts';
import { districtCodeSchema } from '../../shared/districts.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import { can } from '../../shared/auth.ts';
import { UNAUTHORIZED } from '../../shared/events.ts';
import { sessionToken } from '../auth/http.ts';
import { principalOfToken } from '../auth/service.ts';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { readSnapshot } from '../snapshot/read.ts';
import { type AppSocket, onCommand, type SocketData } from './command.ts';
import { districtStream } from './district-stream.ts';
import { feedRoom, sessionRoom } from './rooms.ts';

/** Beyond this many missed changes a snapshot is cheaper to send than the changes. */
const MAX_RESUME_CHANGES = 20_000;

const handshakeSchema = z.object({
  lastSeq: z.number().int().min(0).optional(),
  districts: z.array(districtCodeSchema).max(13).optional(),
});

/**
 * Joins a screen to its feed. A fresh screen is sent a snapshot; one that says in its handshake which seq it
 * holds is sent nothing until it asks to `resume`, so a reconnect costs only what was missed.
 */
export function acceptScreens(
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>,
  deps: DomainDeps,
  log: Logger,
  registerDomainCommands: (socket: AppSocket) => void,
): void {
  io.use(async (socket, next) => {
    const auth = handshakeSchema.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(new Error('invalid handshake: ' + auth.error.issues.map((i) => i.message).join('; ')));
    // the same session cookie as the HTTP API; a screen without one, or whose role may not read, is refused
    const token = sessionToken(socket.handshake.headers.cookie);
    const session = token ? await principalOfToken(deps, token) : undefined;
    if (!session || session.principal.mustChangePassword || !can(session.principal.role, 'read')) return next(new Error(UNAUTHORIZED));
    socket.data.actor = { name: session.principal.name, role: session.principal.role };
    socket.data.sessionId = session.sessionId;
    socket.data.districts = auth.data.districts ?? [];
    socket.data.resumesFrom = auth.data.lastSeq ?? null;
    next();
  });

  io.on('connection', async (socket) => {
    socket.join([feedRoom(socket.data.districts), sessionRoom(socket.data.sessionId)]);

    onCommand(socket, 'resume', log, async (payload) => {
      const { lastSeq } = parseInput(resumeSchema, payload, 'resume request');
      const missed = await deps.store.changesSince(lastSeq, MAX_RESUME_CHANGES);
      if (missed === null) {
        const snapshot = await readSnapshot(deps, socket.data.districts);
        socket.emit('snapshot', snapshot);
        return { mode: 'snapshot' as const, seq: snapshot.seq };
      }
      const districts = socket.data.districts;
      const stream = districts.length === 0 ? missed : districtStream(missed, districts, lastSeq);
      if (stream.length > 0) socket.emit('changes', stream);
      return { mode: 'changes' as const, seq: missed.at(-1)?.seq ?? lastSeq };
    }, 'read');

    onCommand(socket, 'subscribe', log, async (payload) => {
      const { districts } = parseInput(subscribeSchema, payload, 'subscription');
      socket.leave(feedRoom(socket.data.districts));
      socket.data.districts = districts;
      socket.join(feedRoom(districts));
      socket.emit('snapshot', await readSnapshot(deps, districts));
      return { districts };
    }, 'read');

    registerDomainCommands(socket);

    if (socket.data.resumesFrom === null) {
      try {
        socket.emit('snapshot', await readSnapshot(deps, socket.data.districts));
      } catch (err) {
        log.error({ err, socket: socket.id }, 'could not send snapshot');
        socket.disconnect(true);
      }
    }
  });
}
