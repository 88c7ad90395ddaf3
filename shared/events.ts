import { z } from 'zod';
import type { Change, Resume, Snapshot, Subscribe } from './changes.ts';
import type { Annotation, AnnotationDraft, IceServers, MapView, RoomState, Signal } from './consult.ts';
import { districtCodeSchema } from './districts.ts';
import type { DutyShift, DutyShiftPatch } from './duty.ts';
import type { Ack } from './errors.ts';
import type { FireAlert, FireAlertReport, FireAlertTransition } from './fire-alerts.ts';
import type { RiskPoint, RiskPointCreate, RiskPointPatch } from './risk-points.ts';

/**
 * Socket.IO events. `snapshot`, `changes` and `resume` are the published contract; domain commands are
 * `domain:verb` and always answer their ack. Payload types are inferred from the zod schemas, and the
 * server validates every payload against those schemas before it acts.
 */
export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  changes: (changes: Change[]) => void;
  /** The consultation room changed: who is in it, who presents, who asks, the annotations. */
  'consult:state': (state: RoomState) => void;
  /** The presenter's map moved. */
  'consult:view': (view: MapView) => void;
  'consult:annotation': (annotation: Annotation) => void;
  /** WebRTC signalling from another participant. */
  'consult:signal': (signal: Signal & { from: string }) => void;
}

type Command<In, Out> = (payload: In, ack: (result: Ack<Out>) => void) => void;

export interface ClientToServerEvents {
  resume: Command<Resume, { mode: 'changes' | 'snapshot'; seq: number }>;
  subscribe: Command<Subscribe, { districts: string[] }>;
  'riskPoint:create': Command<RiskPointCreate, RiskPoint>;
  'riskPoint:update': Command<{ id: string; patch: RiskPointPatch }, RiskPoint>;
  'fireAlert:report': Command<FireAlertReport, FireAlert>;
  'fireAlert:transition': Command<{ id: string } & FireAlertTransition, FireAlert>;
  'dutyShift:update': Command<{ id: string; patch: DutyShiftPatch }, DutyShift>;
  /** Joins a consultation room (leaving any other); the answer names this participant and the STUN/TURN servers. */
  'consult:join': Command<{ room: string; incidentId?: string }, { you: string; state: RoomState; iceServers: IceServers }>;
  'consult:leave': Command<Record<string, never>, null>;
  /** The presenter's view; refused from anyone else. */
  'consult:view': Command<MapView, null>;
  'consult:request-control': Command<Record<string, never>, RoomState>;
  /** The presenter hands control to another participant. */
  'consult:hand-over': Command<{ to: string }, RoomState>;
  'consult:annotate': Command<AnnotationDraft, Annotation>;
  'consult:media': Command<{ audio: boolean; video: boolean }, null>;
  'consult:signal': Command<Signal, null>;
}

/**
 * Bumped when a change to the events would break a screen built against the previous version. 2: a
 * consultation room's state no longer carries its annotations (they come with the join and one by one).
 */
export const PROTOCOL_VERSION = 3;

/**
 * What a screen says when it connects: the protocol it was built for (a screen of another version is told to
 * reload; a client that says none, such as an outside tool, is taken to speak the current one), and its
 * last-seen sequence number, so a reconnect resumes instead of reloading.
 */
export const handshakeAuthSchema = z.object({
  protocol: z.number().int().min(1).optional(),
  lastSeq: z.number().int().min(0).optional(),
  districts: z.array(districtCodeSchema).max(13).optional(),
});
export type HandshakeAuth = z.input<typeof handshakeAuthSchema>;

/** The connect_error message to a screen of another protocol version: it must reload to get the current one. */
export const OUTDATED = 'outdated: this screen was built for another version of the server; reload it';

/** The connect_error message of a connection without a live session: the screen must sign in (again). */
export const UNAUTHORIZED = 'unauthorized';
