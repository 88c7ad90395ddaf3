import { z } from 'zod';
import { idSchema, instantSchema } from './records.ts';

/**
 * 视频会商: a consultation room where several sites look at the same map. One participant presents: the
 * others follow their view. Anyone may annotate; everything but the moving view is kept as the session's
 * record. Video runs peer to peer (WebRTC), signalled through the room.
 */

export const roomNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'a room name may hold letters, digits and _.-');

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** What the presenter's map shows; followers take it as it comes. */
export const mapViewSchema = z.object({
  center: position,
  zoom: z.number().min(0).max(24),
  bearing: z.number().min(-360).max(360),
  pitch: z.number().min(0).max(85),
  layers: z.object({ riskPoints: z.boolean(), fireAlerts: z.boolean(), warnings: z.boolean() }),
  selected: z.object({ kind: z.enum(['riskPoint', 'fireAlert']), id: idSchema }).nullable(),
});
export type MapView = z.infer<typeof mapViewSchema>;

export const ANNOTATION_COLORS = ['#ff3b30', '#ff9500', '#ffcc00', '#34c759', '#3fa9f5', '#af52de', '#ffffff'] as const;
const colorSchema = z.enum(ANNOTATION_COLORS);
const labelSchema = z.string().trim().max(60).default('');

/**
 * What one room may hold. Every participant gets all its drawings when joining, and the room is kept in
 * memory and in the record: unbounded, one site drawing thousands of large shapes made every join
 * megabytes and filled the database. A hand-drawn route or area has tens of points, not hundreds.
 */
export const ROOM_LIMITS = {
  /** Sites in one room. Video goes from each to every other (a mesh, good for about six on camera); more may follow the map. */
  participants: 12,
  annotations: 200,
  /** Points of one line or area. */
  verticesPerAnnotation: 500,
  /** Points of all the room's drawings together. */
  vertices: 20_000,
} as const;

const shapePoints = (min: number) => z.array(position).min(min).max(ROOM_LIMITS.verticesPerAnnotation);

/** A drawing on the map: a marker, a line (a route), an area, or a ring of so many km (an evacuation ring). */
export const annotationDraftSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('marker'), point: position, label: labelSchema, color: colorSchema }),
  z.strictObject({ kind: z.literal('line'), path: shapePoints(2), label: labelSchema, color: colorSchema }),
  z.strictObject({ kind: z.literal('polygon'), ring: shapePoints(3), label: labelSchema, color: colorSchema }),
  z.strictObject({ kind: z.literal('circle'), center: position, radiusKm: z.number().min(0.01).max(200), label: labelSchema, color: colorSchema }),
]);
export type AnnotationDraft = z.infer<typeof annotationDraftSchema>;
export const annotationSchema = z.intersection(annotationDraftSchema, z.object({ id: idSchema, author: z.string(), createdAt: instantSchema }));
export type Annotation = z.infer<typeof annotationSchema>;

/** The points a drawing has: what counts against a room's vertex budget. */
export function verticesOf(annotation: AnnotationDraft): number {
  return annotation.kind === 'line' ? annotation.path.length : annotation.kind === 'polygon' ? annotation.ring.length : 1;
}

export const participantSchema = z.object({
  /** The participant's connection: signalling goes to it. */
  id: z.string(),
  name: z.string(),
  role: z.string(),
  joinedAt: instantSchema,
  audio: z.boolean(),
  video: z.boolean(),
});
export type Participant = z.infer<typeof participantSchema>;

/**
 * The room as every participant sees it. Its drawings come whole only in the answer to a join; a broadcast
 * of who is there, presents, asks or has their camera on leaves them out (each new one comes on its own as
 * `consult:annotation`), so a camera switched on costs a message of the people, not of every drawing.
 */
export const roomStateSchema = z.object({
  room: roomNameSchema,
  sessionId: idSchema,
  incidentId: idSchema.nullable(),
  participants: z.array(participantSchema),
  presenter: z.string().nullable(),
  /** Participants asking for control, oldest first. */
  requests: z.array(z.string()),
  /** In a join's answer only. */
  annotations: z.array(annotationSchema).optional(),
  view: mapViewSchema.nullable(),
});
export type RoomState = z.infer<typeof roomStateSchema>;

export const joinSchema = z.object({ room: roomNameSchema, incidentId: idSchema.optional() });
export const handOverSchema = z.object({ to: z.string().min(1).max(64) });
export const mediaStateSchema = z.object({ audio: z.boolean(), video: z.boolean() });

/** WebRTC signalling between two participants of a room: a session description or an ICE candidate. */
export const signalSchema = z.object({
  to: z.string().min(1).max(64),
  description: z.object({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(200_000).optional() }).optional(),
  candidate: z
    .object({
      candidate: z.string().max(4096),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type Signal = z.infer<typeof signalSchema>;

/** What the room's record keeps: who joined and left when, hand-overs of control, annotations. */
export const CONSULT_EVENT_KINDS = ['join', 'leave', 'handover', 'annotation'] as const;
export const consultEventSchema = z.object({
  at: instantSchema,
  kind: z.enum(CONSULT_EVENT_KINDS),
  actor: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type ConsultEvent = z.infer<typeof consultEventSchema>;

export const consultRecordSchema = z.object({
  session: z.object({ id: idSchema, room: roomNameSchema, incidentId: idSchema.nullable(), openedAt: instantSchema, closedAt: instantSchema.nullable() }),
  events: z.array(consultEventSchema),
  annotations: z.array(annotationSchema),
});
export type ConsultRecord = z.infer<typeof consultRecordSchema>;

/** STUN/TURN servers for the participants' peer connections, from configuration. */
export const iceServersSchema = z.array(
  z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }),
);
export type IceServers = z.infer<typeof iceServersSchema>;
