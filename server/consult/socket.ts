import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { annotationDraftSchema, handOverSchema, type IceServers, joinSchema, mapViewSchema, mediaStateSchema, signalSchema } from '../../shared/consult.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, parseInput } from '../errors.ts';
import { type AppSocket, onCommand, type SocketData } from '../realtime/command.ts';
import { closeSession, openSession, readRecord, recordEvent } from './record.ts';
import type { ConsultRooms } from './rooms.ts';
import { newRecordId } from '../db/ids.ts';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const channel = (room: string) => `consult:${room}`;

/** Room changes one at a time: two sites arriving together in an empty room must open one session, not two. */
function serially() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * The consultation room's socket commands. Joining, leaving, hand-overs and annotations are recorded (each a
 * write with its audit entry); the presenter's view and the WebRTC signalling only pass through.
 */
export function consultCommands(io: Io, rooms: ConsultRooms, iceServers: IceServers, deps: DomainDeps, log: Logger) {
  const inTurn = serially();
  const broadcastState = (room: string) => io.to(channel(room)).emit('consult:state', rooms.state(room));

  const leave = (socket: AppSocket) =>
    inTurn(async () => {
      const room = socket.data.consultRoom;
      if (!room || !rooms.isIn(room, socket.id)) return;
      const actor = socket.data.actor;
      const sessionId = rooms.sessionOf(room);
      const { handedTo, empty } = rooms.leave(room, socket.id);
      socket.leave(channel(room));
      delete socket.data.consultRoom;
      await recordEvent(deps, sessionId, 'leave', { participant: socket.id }, actor);
      if (handedTo)
        await recordEvent(
          deps,
          sessionId,
          'handover',
          { from: socket.id, to: handedTo, toName: rooms.participant(room, handedTo)?.name, because: 'presenter left' },
          actor,
        );
      if (empty) await closeSession(deps, sessionId, actor);
      else broadcastState(room);
    });

  /** The room this connection is in; commands need one. */
  const roomOf = (socket: AppSocket) => {
    const room = socket.data.consultRoom;
    if (!room || !rooms.isIn(room, socket.id)) throw new ApiError('conflict', 'join a consultation room first');
    return room;
  };
  const presenting = (socket: AppSocket) => {
    const room = roomOf(socket);
    if (!rooms.isPresenter(room, socket.id)) throw new ApiError('forbidden', 'only the presenter may do this');
    return room;
  };

  return (socket: AppSocket) => {
    onCommand(
      socket,
      'consult:join',
      log,
      async (payload) => {
        const { room, incidentId } = parseInput(joinSchema, payload, 'consultation');
        if (socket.data.actor.role === 'wall') throw new ApiError('forbidden', 'a wall display does not take part in consultations');
        await leave(socket);
        return inTurn(async () => {
          const full = rooms.refusesJoin(room);
          if (full) throw new ApiError('conflict', full.message, { full: full.full, limit: full.limit });
          if (!rooms.has(room)) {
            // a session the server did not close (it stopped) goes on where it was
            const open = await readRecord(deps.store.db, room);
            if (open && open.session.closedAt === null) rooms.open(room, open.session.id, open.session.incidentId, open.annotations);
            else rooms.open(room, (await openSession(deps, room, incidentId ?? null, socket.data.actor)).id, incidentId ?? null, []);
          }
          const joinedAt = await recordEvent(deps, rooms.sessionOf(room), 'join', { participant: socket.id }, socket.data.actor);
          rooms.join(room, { id: socket.id, name: socket.data.actor.name, role: socket.data.actor.role, joinedAt, audio: false, video: false });
          socket.data.consultRoom = room;
          socket.join(channel(room));
          broadcastState(room);
          return { you: socket.id, state: rooms.stateWithAnnotations(room), iceServers };
        });
      },
      'read',
    );

    onCommand(
      socket,
      'consult:leave',
      log,
      async () => {
        await leave(socket);
        return null;
      },
      'read',
    );

    onCommand(
      socket,
      'consult:view',
      log,
      async (payload) => {
        const room = presenting(socket);
        const view = parseInput(mapViewSchema, payload, 'map view');
        rooms.setView(room, view);
        socket.to(channel(room)).emit('consult:view', view);
        return null;
      },
      'read',
    );

    onCommand(
      socket,
      'consult:request-control',
      log,
      async () => {
        const room = roomOf(socket);
        rooms.requestControl(room, socket.id);
        broadcastState(room);
        return rooms.state(room);
      },
      'read',
    );

    onCommand(
      socket,
      'consult:hand-over',
      log,
      async (payload) => {
        const { to } = parseInput(handOverSchema, payload, 'hand-over');
        return inTurn(async () => {
          const room = presenting(socket);
          if (!rooms.isIn(room, to)) throw new ApiError('not_found', 'that participant is not in the room', { to });
          rooms.handOver(room, to);
          await recordEvent(deps, rooms.sessionOf(room), 'handover', { from: socket.id, to, toName: rooms.participant(room, to)?.name }, socket.data.actor);
          broadcastState(room);
          return rooms.state(room);
        });
      },
      'read',
    );

    onCommand(
      socket,
      'consult:annotate',
      log,
      async (payload) => {
        const draft = parseInput(annotationDraftSchema, payload, 'annotation');
        return inTurn(async () => {
          const room = roomOf(socket);
          // refused before anything is recorded: a full room costs the database nothing
          const full = rooms.refusesAnnotation(room, draft);
          if (full) throw new ApiError('payload_too_large', full.message, { full: full.full, limit: full.limit });
          const annotation = { ...draft, id: newRecordId('an'), author: socket.data.actor.name, createdAt: deps.store.clock().toISOString() };
          await recordEvent(deps, rooms.sessionOf(room), 'annotation', annotation, socket.data.actor);
          rooms.annotate(room, annotation);
          io.to(channel(room)).emit('consult:annotation', annotation);
          return annotation;
        });
      },
      'read',
    );

    onCommand(
      socket,
      'consult:media',
      log,
      async (payload) => {
        const room = roomOf(socket);
        rooms.setMedia(room, socket.id, parseInput(mediaStateSchema, payload, 'media state'));
        broadcastState(room);
        return null;
      },
      'read',
    );

    onCommand(
      socket,
      'consult:signal',
      log,
      async (payload) => {
        const room = roomOf(socket);
        const signal = parseInput(signalSchema, payload, 'signal');
        if (!rooms.isIn(room, signal.to)) throw new ApiError('not_found', 'that participant is not in the room', { to: signal.to });
        io.to(signal.to).emit('consult:signal', { ...signal, from: socket.id });
        return null;
      },
      'read',
    );

    socket.on('disconnect', () => void leave(socket).catch((err) => log.error({ err }, 'leaving a consultation failed')));
  };
}
