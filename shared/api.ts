import { z } from 'zod';
import { devicePairSchema, deviceLoginSchema, loginSchema, passwordChangeSchema, principalSchema } from './auth.ts';
import {
  dutyHandoverCreateSchema,
  dutyHandoverSchema,
  dutyLogCreateSchema,
  dutyLogEntrySchema,
  dutyShiftCreateSchema,
  dutyShiftPatchSchema,
  dutyShiftSchema,
  dutyWeekCopySchema,
} from './duty.ts';
import {
  accountCreatedSchema,
  accountCreateSchema,
  accountPatchSchema,
  deviceCreatedSchema,
  deviceCreateSchema,
  devicePairingSchema,
  oneTimePasswordSchema,
} from './admin.ts';
import { fireAlertSchema, fireAlertTransitionSchema } from './fire-alerts.ts';
import { hazardCreateSchema, hazardSchema, hazardTransitionSchema, tipOffReplySchema, tipOffSchema } from './hazards.ts';
import {
  incidentCreateSchema,
  incidentReportCreateSchema,
  incidentReportPath,
  incidentReportReturnSchema,
  incidentReportReviseSchema,
  incidentRecordSchema,
} from './incidents.ts';
import { idSchema, instantSchema } from './records.ts';
import { notificationSchema } from './notifications.ts';
import { riskAssessmentCreateSchema, riskPointProgressSchema, riskStepCreateSchema } from './risk-assessment.ts';
import { riskPointCreateSchema, riskPointPatchSchema, riskPointSchema } from './risk-points.ts';

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

/** What a tip-off is given back: its reference number, for the citizen to quote and follow, and when they will be answered by. */
export const tipOffReceivedSchema = z.object({ reference: z.string(), replyDueAt: instantSchema });

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
    open: { method: 'POST', path: '/api/incidents', body: incidentCreateSchema, answer: incidentRecordSchema },
    report: { method: 'POST', path: byId('/api/incidents', '/reports'), body: incidentReportCreateSchema, answer: incidentRecordSchema },
    reviseReport: { method: 'PATCH', path: incidentReportPath(), body: incidentReportReviseSchema, answer: incidentRecordSchema },
    signReport: { method: 'POST', path: incidentReportPath('/sign'), body: null, answer: incidentRecordSchema },
    returnReport: { method: 'POST', path: incidentReportPath('/return'), body: incidentReportReturnSchema, answer: incidentRecordSchema },
  },
  duty: {
    writeHandover: { method: 'POST', path: '/api/duty/handovers', body: dutyHandoverCreateSchema, answer: dutyHandoverSchema },
    confirmHandover: { method: 'POST', path: byId('/api/duty/handovers', '/confirm'), body: null, answer: dutyHandoverSchema },
    addLogEntry: { method: 'POST', path: '/api/duty/log', body: dutyLogCreateSchema, answer: dutyLogEntrySchema },
    addShift: { method: 'POST', path: '/api/duty/shifts', body: dutyShiftCreateSchema, answer: dutyShiftSchema },
    changeShift: { method: 'PATCH', path: byId('/api/duty/shifts'), body: dutyShiftPatchSchema, answer: dutyShiftSchema },
    checkIn: { method: 'POST', path: byId('/api/duty/shifts', '/check-in'), body: null, answer: dutyShiftSchema },
    copyLastWeek: { method: 'POST', path: '/api/duty/weeks/copy', body: dutyWeekCopySchema, answer: z.object({ items: z.array(dutyShiftSchema) }) },
  },
  // an account is named in its path by its username, the `id` these writes are given
  accounts: {
    create: { method: 'POST', path: '/api/accounts', body: accountCreateSchema, answer: accountCreatedSchema },
    change: { method: 'PATCH', path: byId('/api/accounts'), body: accountPatchSchema, answer: null },
    resetPassword: { method: 'POST', path: byId('/api/accounts', '/reset-password'), body: null, answer: oneTimePasswordSchema },
    disable: { method: 'POST', path: byId('/api/accounts', '/disable'), body: null, answer: null },
    enable: { method: 'POST', path: byId('/api/accounts', '/enable'), body: null, answer: null },
  },
  devices: {
    register: { method: 'POST', path: '/api/devices', body: deviceCreateSchema, answer: deviceCreatedSchema },
    startPairing: { method: 'POST', path: byId('/api/devices', '/pairing'), body: null, answer: devicePairingSchema },
    revoke: { method: 'POST', path: byId('/api/devices', '/revoke'), body: null, answer: null },
  },
  riskPoints: {
    create: { method: 'POST', path: '/api/risk-points', body: riskPointCreateSchema, answer: riskPointSchema },
    change: { method: 'PATCH', path: byId('/api/risk-points'), body: riskPointPatchSchema, answer: riskPointSchema },
    assess: { method: 'POST', path: byId('/api/risk-points', '/assessments'), body: riskAssessmentCreateSchema, answer: riskPointProgressSchema },
    step: { method: 'POST', path: byId('/api/risk-points', '/steps'), body: riskStepCreateSchema, answer: riskPointProgressSchema },
  },
  hazards: {
    report: { method: 'POST', path: '/api/hazards', body: hazardCreateSchema, answer: hazardSchema },
    step: { method: 'PATCH', path: byId('/api/hazards'), body: hazardTransitionSchema, answer: hazardSchema },
  },
  tipOffs: {
    send: { method: 'POST', path: '/api/tip-offs', body: tipOffSchema, answer: tipOffReceivedSchema },
    reply: { method: 'POST', path: byId('/api/tip-offs', '/reply'), body: tipOffReplySchema, answer: hazardSchema },
  },
  auth: {
    signIn: { method: 'POST', path: '/api/auth/login', body: loginSchema, answer: principalSchema },
    signInDevice: { method: 'POST', path: '/api/auth/device', body: deviceLoginSchema, answer: principalSchema },
    pairDisplay: { method: 'POST', path: '/api/auth/pair', body: devicePairSchema, answer: principalSchema },
    signOut: { method: 'POST', path: '/api/auth/logout', body: null, answer: null },
    changePassword: { method: 'POST', path: '/api/auth/password', body: passwordChangeSchema, answer: null },
  },
  notifications: {
    // the leader's desk says its screen delivery arrived (已送达), then that they acknowledged it (已读)
    received: { method: 'POST', path: byId('/api/notifications', '/received'), body: null, answer: notificationSchema },
    acknowledge: { method: 'POST', path: byId('/api/notifications', '/acknowledge'), body: null, answer: notificationSchema },
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
