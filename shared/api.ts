import { z } from 'zod';
import { devicePairSchema, deviceLoginSchema, loginSchema, passwordChangeSchema, principalSchema } from './auth.ts';
import { dutyHandoverCreateSchema, dutyHandoverSchema, dutyLogCreateSchema, dutyLogEntrySchema } from './duty.ts';
import { fireAlertSchema, fireAlertTransitionSchema } from './fire-alerts.ts';
import { tipOffSchema } from './hazards.ts';
import { incidentCreateSchema, incidentReportCreateSchema, incidentSchema } from './incidents.ts';
import { idSchema, instantSchema } from './records.ts';

/**
 * One HTTP write a screen makes: its method, where it goes, what it carries and what it answers. The
 * client's calls are derived from this table, so a path, a body or an answer is written down once, here,
 * beside the schema the server validates it with.
 */
export interface WriteRoute {
  method: 'POST' | 'PATCH';
  /** A fixed path, or how to build it from the record acted on (ids are encoded here, and nowhere else). */
  path: string | ((params: never) => string);
  /** What the server parses the body with; null: the write carries no body (nor a content type). */
  body: z.ZodType | null;
  /** The record the server answers with; null: 204, nothing to read. */
  answer: z.ZodType | null;
}

// Calendar feeds have no domain file in shared/: their schemas were the server's own
// (server/exports/calendar-feeds.ts), and live here now so the screen and the route hold the same object.

/** A roster subscription for one person's shifts, or (null) the whole bureau's. */
export const calendarFeedCreateSchema = z.strictObject({ person: z.string().trim().min(1).max(60).nullable().default(null) });

/** A roster subscription as `GET /api/calendar-feeds` lists it: never its token, which is shown once. */
export const calendarFeedSchema = z.object({
  id: idSchema,
  person: z.string().nullable(),
  createdBy: z.string(),
  createdAt: instantSchema,
  expiresAt: instantSchema,
  revokedAt: instantSchema.nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

/** The one answer that carries the feed's token, and the address a calendar app subscribes to. */
export const calendarFeedCreatedSchema = calendarFeedSchema.extend({ token: z.string(), path: z.string() });

/** What a tip-off is given back: the hazard it became, for the citizen to quote. */
export const tipOffReceivedSchema = z.object({ id: idSchema });

const byId =
  (base: string, tail = '') =>
  (p: { id: string }) =>
    `${base}/${encodeURIComponent(p.id)}${tail}`;

/**
 * The writes the screens make, by domain. Reads stay plain `fetch`: they carry no body to get wrong, and
 * most arrive over the live feed anyway.
 */
export const WRITES = {
  fireAlerts: {
    transition: { method: 'PATCH', path: byId('/api/fire-alerts'), body: fireAlertTransitionSchema, answer: fireAlertSchema },
  },
  incidents: {
    // the server adds where reporting stands (`reporting`); the screens read it from the live feed instead
    open: { method: 'POST', path: '/api/incidents', body: incidentCreateSchema, answer: incidentSchema },
    report: { method: 'POST', path: byId('/api/incidents', '/reports'), body: incidentReportCreateSchema, answer: incidentSchema },
  },
  duty: {
    writeHandover: { method: 'POST', path: '/api/duty/handovers', body: dutyHandoverCreateSchema, answer: dutyHandoverSchema },
    confirmHandover: { method: 'POST', path: byId('/api/duty/handovers', '/confirm'), body: null, answer: dutyHandoverSchema },
    addLogEntry: { method: 'POST', path: '/api/duty/log', body: dutyLogCreateSchema, answer: dutyLogEntrySchema },
  },
  tipOffs: {
    send: { method: 'POST', path: '/api/tip-offs', body: tipOffSchema, answer: tipOffReceivedSchema },
  },
  auth: {
    signIn: { method: 'POST', path: '/api/auth/login', body: loginSchema, answer: principalSchema },
    signInDevice: { method: 'POST', path: '/api/auth/device', body: deviceLoginSchema, answer: principalSchema },
    pairDisplay: { method: 'POST', path: '/api/auth/pair', body: devicePairSchema, answer: principalSchema },
    signOut: { method: 'POST', path: '/api/auth/logout', body: null, answer: null },
    changePassword: { method: 'POST', path: '/api/auth/password', body: passwordChangeSchema, answer: null },
  },
  calendarFeeds: {
    create: { method: 'POST', path: '/api/calendar-feeds', body: calendarFeedCreateSchema, answer: calendarFeedCreatedSchema },
    revoke: { method: 'POST', path: byId('/api/calendar-feeds', '/revoke'), body: null, answer: null },
  },
} as const satisfies Record<string, Record<string, WriteRoute>>;

/** The parameters a write's path is built from; none for a fixed path. */
export type WriteParams<R extends WriteRoute> = R['path'] extends (params: infer P) => string ? P : undefined;
/** The body a screen sends: the schema's input, so fields with defaults may be left out. */
export type WriteBody<R extends WriteRoute> = R['body'] extends z.ZodType ? z.input<R['body']> : undefined;
/** What the server answers; void for a 204. */
export type WriteAnswer<R extends WriteRoute> = R['answer'] extends z.ZodType ? z.output<R['answer']> : void;
