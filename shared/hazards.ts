import { z } from 'zod';
import type { Role } from './auth.ts';
import { districtCodeSchema } from './districts.ts';
import { latSchema, lonSchema } from './geo.ts';
import { idSchema, instantSchema, textSchema } from './records.ts';

/** 一般隐患 / 重大隐患. */
export const HAZARD_GRADES = ['general', 'major'] as const;

/** Who found it: an inspector, a grid officer (网格员), or a member of the public (举报). */
export const HAZARD_SOURCES = ['inspector', 'grid_officer', 'public_tip_off'] as const;

/**
 * 隐患排查治理, up to 闭环销号: a public tip-off waits for review; a hazard found gets a rectification
 * notice (整改通知), is rectified, submitted for acceptance, re-inspected — rejected back to rectifying or
 * accepted and closed (销号).
 */
export const HAZARD_STATUSES = [
  'reported', // 待审核 (public tip-off)
  'dismissed', // 不予受理
  'found', // 已发现
  'notice', // 已下达整改通知
  'rectifying', // 整改中
  'submitted', // 申请验收
  'reinspection', // 复查中
  'closed', // 已销号
] as const;
export const hazardStatusSchema = z.enum(HAZARD_STATUSES);
export type HazardStatus = z.infer<typeof hazardStatusSchema>;

export const HAZARD_TRANSITIONS: Record<HazardStatus, readonly HazardStatus[]> = {
  reported: ['found', 'dismissed'],
  dismissed: [],
  found: ['notice'],
  notice: ['rectifying'],
  rectifying: ['submitted'],
  submitted: ['reinspection'],
  reinspection: ['closed', 'rectifying'],
  closed: [],
};

export const canMoveHazard = (from: HazardStatus, to: HazardStatus) => HAZARD_TRANSITIONS[from].includes(to);

/**
 * 销号 ends a hazard's case for good: it is signed off by the leader on duty (带班领导) or an administrator,
 * never by the officer who walked it through — the four-eyes rule of 闭环销号. The server itself (the demo
 * city working its own records) is not a person and is not held to it.
 */
export const HAZARD_LEADER_STEPS: ReadonlySet<HazardStatus> = new Set(['closed']);

/** Why this role may not take a step to `to`, or null. */
export function hazardRoleRefusal(role: Role | 'system', to: HazardStatus): string | null {
  if (HAZARD_LEADER_STEPS.has(to) && role !== 'leader' && role !== 'admin' && role !== 'system')
    return `closing a hazard (销号) is signed off by the leader on duty or an administrator, not by a ${role}`;
  return null;
}

/** 整改通知: who rectifies, how, by when. */
export const rectificationNoticeSchema = z.strictObject({
  responsiblePerson: textSchema(60),
  measures: textSchema(2000),
  deadline: instantSchema,
});

/** 五落实 of a major hazard: responsibility, measures, funds, deadline, contingency plan. */
export const fiveElementsSchema = z.strictObject({
  responsibility: textSchema(500),
  measures: textSchema(2000),
  funds: textSchema(200),
  deadline: instantSchema,
  contingencyPlan: textSchema(2000),
});

/** A place in WGS-84 degrees, where a hazard was seen (filed on the map, or told by a citizen). */
export const hazardPlaceSchema = z.strictObject({ lon: lonSchema, lat: latSchema });

/** What the public tip-off form asks the citizen to choose first: what kind of danger it is. */
export const TIP_OFF_CATEGORIES = ['fire', 'hazardous_chemicals', 'geological', 'flood', 'road_traffic', 'other'] as const;
export type TipOffCategory = (typeof TIP_OFF_CATEGORIES)[number];

/** How the reviewer answered the reporter (答复举报人). */
export const REPLY_CHANNELS = ['phone', 'sms'] as const;

/** The reporter is answered within this many days of receipt (受理之日起10日内答复). */
export const TIP_OFF_REPLY_DAYS = 10;
const DAY_MS = 24 * 3600_000;

/** The day by which the reporter is to be answered, from the instant the tip-off was received. */
export const tipOffReplyDue = (receivedAt: string): string => new Date(Date.parse(receivedAt) + TIP_OFF_REPLY_DAYS * DAY_MS).toISOString();

export const tipOffReplySchema = z.strictObject({ text: textSchema(1000), channel: z.enum(REPLY_CHANNELS) });
export type TipOffReplyInput = z.input<typeof tipOffReplySchema>;

/**
 * What a hazard that came from the public says of its tip-off, on every screen: its reference number, its
 * category, whether a contact and a photo came with it (never the contact or the photo themselves, which stay
 * in their own table for the reviewers), and the reply to the reporter with its deadline.
 */
export const tipOffFactsSchema = z.object({
  reference: z.string(),
  category: z.enum(TIP_OFF_CATEGORIES),
  replyDueAt: instantSchema,
  hasContact: z.boolean(),
  hasPhoto: z.boolean(),
  reply: z.object({ text: z.string(), channel: z.enum(REPLY_CHANNELS), at: instantSchema, by: z.string() }).nullable(),
});
export type TipOffFacts = z.infer<typeof tipOffFactsSchema>;

/** Overdue reply: no answer yet and the ten days are over. Derived at the moment asked, never stored. */
export const isReplyOverdue = (tipOff: Pick<TipOffFacts, 'reply' | 'replyDueAt'>, now: Date): boolean =>
  tipOff.reply === null && Date.parse(tipOff.replyDueAt) < now.getTime();

/**
 * A tip-off's reference number: JB-<Beijing date of receipt>-<its number that day, from 1>-<four check
 * letters>, e.g. JB-20261202-0042-K7QX. The number says how the day went; the check letters are random, so
 * that holding one reference does not let anyone walk to the next citizen's case and its reply.
 */
export const TIP_OFF_REFERENCE = /^JB-\d{8}-\d{4,}-[A-HJ-NP-Z2-9]{4}$/;
/** Letters that cannot be misread over the phone (no 0/O, 1/I). */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const tipOffReferencePrefix = (receivedAt: string): string =>
  `JB-${new Date(Date.parse(receivedAt) + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '')}-`;
/** `random`: at least four random bytes (crypto on the server; a hash of the record in the demo). */
export const tipOffReference = (receivedAt: string, numberThatDay: number, random: Uint8Array): string =>
  `${tipOffReferencePrefix(receivedAt)}${String(numberThatDay).padStart(4, '0')}-${[...random.subarray(0, 4)].map((b) => CHECK_LETTERS[b % 32]).join('')}`;
/** The number of the day a reference holds (the part after its date), or 0 when it is not one. */
export const referenceNumber = (reference: string): number => (TIP_OFF_REFERENCE.test(reference) ? Number(reference.slice(12).split('-')[0]) : 0);

export const hazardStepSchema = z.object({ status: hazardStatusSchema, at: instantSchema, actor: z.string(), note: z.string() });

export const hazardSchema = z.object({
  id: idSchema,
  riskPointId: idSchema.nullable(),
  district: districtCodeSchema,
  title: z.string(),
  description: z.string(),
  grade: z.enum(HAZARD_GRADES),
  source: z.enum(HAZARD_SOURCES),
  foundAt: instantSchema,
  status: hazardStatusSchema,
  notice: rectificationNoticeSchema.nullable(),
  fiveElements: fiveElementsSchema.nullable(),
  history: z.array(hazardStepSchema),
  /** Set by the overdue check when the notice's deadline passed before acceptance. */
  overdueSince: instantSchema.nullable(),
  /** The number in the office's own ledger (台账编号), when the hazard came from one. */
  externalId: z.string().max(64).nullable(),
  /** Where it was seen, when filed on the map or told with a place; a hazard on a risk point is at its point. */
  place: z.object({ lon: z.number(), lat: z.number() }).nullable(),
  /** The address as told (a citizen's words, 门牌 or landmark); empty when none was given. */
  address: z.string(),
  /** Its tip-off, when it came from the public through the tip-off form. */
  tipOff: tipOffFactsSchema.nullable(),
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type Hazard = z.infer<typeof hazardSchema>;

/**
 * 排查发现: filed on a risk point, or at a place on the map (the server finds its district), or both — a place
 * with the risk point nearest to it. One of the two is needed.
 */
export const hazardCreateSchema = z
  .strictObject({
    riskPointId: idSchema.optional(),
    lon: lonSchema.optional(),
    lat: latSchema.optional(),
    address: z.string().trim().max(200).default(''),
    title: textSchema(200),
    description: z.string().trim().max(4000).default(''),
    grade: z.enum(HAZARD_GRADES),
    source: z.enum(['inspector', 'grid_officer']),
  })
  .superRefine((body, ctx) => {
    if ((body.lon === undefined) !== (body.lat === undefined))
      ctx.addIssue({ code: 'custom', path: [body.lon === undefined ? 'lon' : 'lat'], message: 'a place needs both longitude and latitude' });
    else if (body.lon === undefined && body.riskPointId === undefined)
      ctx.addIssue({ code: 'custom', path: ['riskPointId'], message: 'file the hazard on a risk point or at a place on the map' });
  });

/** A tip-off's photo: JPEG, PNG or WebP (judged by its first bytes, not its name), at most this large. */
export const TIP_OFF_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const TIP_OFF_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type TipOffPhotoType = (typeof TIP_OFF_PHOTO_TYPES)[number];

/** The media type the first bytes of a file say it is, among those a tip-off's photo may be; null for anything else. */
export function photoTypeOf(bytes: Uint8Array): TipOffPhotoType | null {
  const at = (i: number, ...expected: number[]) => expected.every((b, k) => bytes[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

/**
 * The public tip-off form (群众举报): no account needed, so only what a citizen can tell — a category, a
 * district and address or a place (the district is then where the place lies), what they saw, optionally
 * how to reach them, and a photo (base64 of the file; its kind and size are judged by the server).
 */
export const tipOffSchema = z
  .strictObject({
    category: z.enum(TIP_OFF_CATEGORIES).default('other'),
    district: districtCodeSchema.optional(),
    address: z.string().trim().max(200).default(''),
    lon: lonSchema.optional(),
    lat: latSchema.optional(),
    /** A short heading; when left out, the description's first words stand for it. */
    title: z.string().trim().max(200).default(''),
    description: textSchema(4000),
    contact: z.string().trim().max(60).default(''),
    /**
     * Base64 of the photo file. Its decoded size is judged by the server against TIP_OFF_PHOTO_MAX_BYTES (413,
     * saying by how much); this bound only keeps the text within what the route's body limit lets in.
     */
    photo: z
      .string()
      .max(2 * TIP_OFF_PHOTO_MAX_BYTES)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the photo is not base64')
      .optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.lon === undefined) !== (body.lat === undefined))
      ctx.addIssue({ code: 'custom', path: [body.lon === undefined ? 'lon' : 'lat'], message: 'a place needs both longitude and latitude' });
    else if (body.lon === undefined && body.district === undefined)
      ctx.addIssue({ code: 'custom', path: ['district'], message: 'say which district, or give the place' });
  });
export type TipOffInput = z.input<typeof tipOffSchema>;

/** The heading a tip-off goes by in the ledger: the citizen's own, or the first words of what they wrote. */
export function tipOffTitle(title: string, description: string): string {
  if (title) return title;
  const firstLine = description.split(/\r?\n/)[0]!.trim();
  return firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
}

/** What the follow-up page (/tip-off/status) shows anyone holding the reference: never the contact, never internal notes. */
export const tipOffStatusSchema = z.object({
  reference: z.string(),
  category: z.enum(TIP_OFF_CATEGORIES),
  district: districtCodeSchema,
  receivedAt: instantSchema,
  status: hazardStatusSchema,
  replyDueAt: instantSchema,
  reply: z.object({ text: z.string(), at: instantSchema }).nullable(),
  closedAt: instantSchema.nullable(),
});
export type TipOffStatus = z.infer<typeof tipOffStatusSchema>;

/** The follow-up page's view of a tip-off's hazard. */
export function tipOffStatusOf(hazard: Hazard): TipOffStatus | null {
  const facts = hazard.tipOff;
  if (!facts) return null;
  const closed = hazard.status === 'closed' ? hazard.history.findLast((s) => s.status === 'closed') : undefined;
  return {
    reference: facts.reference,
    category: facts.category,
    district: hazard.district,
    receivedAt: hazard.foundAt,
    status: hazard.status,
    replyDueAt: facts.replyDueAt,
    reply: facts.reply && { text: facts.reply.text, at: facts.reply.at },
    closedAt: closed?.at ?? null,
  };
}

export const hazardTransitionSchema = z.strictObject({
  status: hazardStatusSchema,
  note: z.string().trim().max(2000).default(''),
  notice: rectificationNoticeSchema.optional(),
  fiveElements: fiveElementsSchema.optional(),
  /** The grade a reviewer gives a tip-off on accepting it (受理): the citizen cannot judge it. */
  grade: z.enum(HAZARD_GRADES).optional(),
});
export type HazardTransition = z.infer<typeof hazardTransitionSchema>;

/**
 * Why this step cannot be taken, or null. Beyond the lifecycle: a notice needs its content, a dismissal its
 * reason, and a major hazard cannot leave "notice" until all five elements are in place.
 */
export function hazardStepRefusal(hazard: Pick<Hazard, 'status' | 'grade' | 'notice' | 'fiveElements'>, step: HazardTransition): string | null {
  if (!canMoveHazard(hazard.status, step.status)) return `a ${hazard.status} hazard cannot become ${step.status}`;
  if (step.status === 'notice' && !step.notice) return 'a rectification notice needs the responsible person, the measures and the deadline';
  if (step.grade && !(hazard.status === 'reported' && step.status === 'found'))
    return 'the grade is given when a tip-off is accepted (受理), not at a later step';
  if (step.status === 'dismissed' && !step.note.trim()) return 'not accepting a tip-off (不予受理) needs the reason, for the record and the reply';
  if (hazard.status === 'notice' && hazard.grade === 'major' && !(step.fiveElements ?? hazard.fiveElements))
    return 'a major hazard needs the five elements (responsibility, measures, funds, deadline, contingency plan) before rectification';
  return null;
}

/**
 * The hazard after a step of its closed loop (one `hazardStepRefusal` allowed): the notice and five elements it
 * brought, and the step in the history. One builder for the officers' steps and the demo city's histories.
 */
export function hazardAfterStep(current: Hazard, step: HazardTransition, at: string, actor: string): Hazard {
  return {
    ...current,
    status: step.status,
    grade: step.grade ?? current.grade,
    notice: step.notice ?? current.notice,
    fiveElements: step.fiveElements ?? current.fiveElements,
    history: [...current.history, { status: step.status, at, actor, note: step.note }],
    updatedAt: at,
  };
}

/** Still to be dealt with: neither closed nor dismissed. */
export const isHazardOpen = (status: HazardStatus) => status !== 'closed' && status !== 'dismissed';

/** Overdue: the rectification deadline has passed and the hazard is not yet accepted. */
export function isHazardOverdue(hazard: Pick<Hazard, 'status' | 'notice'>, now: Date): boolean {
  return isHazardOpen(hazard.status) && hazard.notice !== null && Date.parse(hazard.notice.deadline) < now.getTime();
}

export const hazardQuerySchema = z.object({
  district: districtCodeSchema.optional(),
  status: hazardStatusSchema.optional(),
  grade: z.enum(HAZARD_GRADES).optional(),
  riskPointId: idSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Still open (neither closed nor dismissed): the rows the open-hazard figures count. */
  open: z.enum(['true', 'false']).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

/** What a new hazard says of itself; the rest is where every hazard starts its closed loop. */
export type NewHazard = Pick<Hazard, 'riskPointId' | 'district' | 'title' | 'description' | 'grade' | 'source'> &
  Partial<Pick<Hazard, 'externalId' | 'place' | 'address' | 'tipOff'>>;

/**
 * A hazard as it enters the closed loop: found by an inspector (`found`), or told by the public and waiting
 * for review (`reported`), with its first step in the history. One builder for every way a hazard comes in
 * (a report, a tip-off, a ledger), so they cannot drift apart.
 */
export function newHazard(
  fields: NewHazard,
  entry: { id: string; status: Extract<HazardStatus, 'found' | 'reported'>; foundAt: string; at: string; actor: string; note: string; demo: boolean },
): Hazard {
  return {
    id: entry.id,
    ...fields,
    foundAt: entry.foundAt,
    status: entry.status,
    notice: null,
    fiveElements: null,
    history: [{ status: entry.status, at: entry.foundAt, actor: entry.actor, note: entry.note }],
    overdueSince: null,
    externalId: fields.externalId ?? null,
    place: fields.place ?? null,
    address: fields.address ?? '',
    tipOff: fields.tipOff ?? null,
    updatedAt: entry.at,
    demo: entry.demo,
  };
}

/** What the figures say of a set of hazards: how many are still open, and how many of those are overdue. */
export interface HazardCounts {
  open: number;
  overdue: number;
}

/**
 * The one rule for hazard figures — a risk point's counts, a district's, the city's on every screen — counted
 * from the hazard records themselves, by the same words the ledger filters with (`isHazardOpen`,
 * `isHazardOverdue`). Never a tally moved by deltas: those drifted into fiction.
 */
export function countHazards(hazards: Iterable<Pick<Hazard, 'status' | 'notice'>>, now: Date): HazardCounts {
  const counts: HazardCounts = { open: 0, overdue: 0 };
  for (const hazard of hazards) {
    if (!isHazardOpen(hazard.status)) continue;
    counts.open++;
    if (isHazardOverdue(hazard, now)) counts.overdue++;
  }
  return counts;
}
