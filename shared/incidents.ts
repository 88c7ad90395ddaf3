import { z } from 'zod';
import { districtByCode, districtCodeSchema } from './districts.ts';
import type { FireAlert } from './fire-alerts.ts';
import { latSchema, lonSchema } from './geo.ts';
import { INCIDENT_TYPE_TABLE, INCIDENT_TYPES, type IncidentType, incidentTypeName } from './incident-types.ts';
import { idSchema, instantSchema, textSchema } from './records.ts';

export { INCIDENT_TYPES, type IncidentType } from './incident-types.ts';

/** 首报, 续报, 终报: an incident is reported first, then followed up, and closed by its final report. */
export const REPORT_KINDS = ['initial', 'follow_up', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** How the bureau heard of it (接报方式). */
export const INTAKE_CHANNELS = [
  'phone', // 电话
  'sms', // 短信
  'wechat', // 微信
  'superior', // 上级转办
  'department', // 部门通报
  'fire_alert', // 火情预警转入
  'monitoring', // 监测报警
  'other', // 其他
] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** A person spoke to us on these: who it was and a number to call back are part of the intake. */
export const PERSON_CHANNELS: ReadonlySet<IntakeChannel> = new Set(['phone', 'sms', 'wechat']);

/** Bounds of one count: larger is a typing slip, not a casualty figure. */
const MAX_COUNT = 100_000;
const countSchema = z.number().int().min(0).max(MAX_COUNT);

/** 伤亡: 死亡, 受伤, 失踪, 被困. */
export const casualtiesSchema = z.strictObject({ dead: countSchema, injured: countSchema, missing: countSchema, trapped: countSchema });
export type Casualties = z.infer<typeof casualtiesSchema>;
export const NO_CASUALTIES: Casualties = { dead: 0, injured: 0, missing: 0, trapped: 0 };

export const CALLBACK_PHONE_REASON = 'a mobile number (11 digits from 1) or a landline with its area code (0792-8581234)';
/** Our own reasons, said in Chinese (shared/errors.ts adds them to its table). */
export const INCIDENT_REASONS_ZH: Record<string, string> = {
  [CALLBACK_PHONE_REASON]: '应为手机号（1开头11位）或带区号的固定电话（如 0792-8581234）',
  'give the place: click on the map, or type district and address': '请给出地点：在地图上点选，或填写区县和详细地址',
  'give longitude and latitude together': '经度和纬度须同时填写',
  'who called and the number to call back are needed for a report by phone or message': '电话、短信、微信接报须填写报告人和回拨电话',
  'the incident cannot have occurred after it was received': '发生时间不能晚于接报时间',
  'required in this report': '本报告须填写此要素',
};

/**
 * 回拨电话: a number a duty officer can dial back — a mobile (1 and ten digits) or a landline with its
 * area code (0 and two or three digits, then seven or eight, an extension allowed), +86 allowed before either.
 * Hyphens and spaces between groups are kept as typed.
 */
export const callbackPhoneSchema = z
  .string()
  .trim()
  .regex(/^(?:\+?86[- ]?)?(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[- ]?[2-9]\d{6,7}(?:[- ]?\d{1,6})?)$/, CALLBACK_PHONE_REASON);

/** What an incident's report states (the required elements of 突发事件信息报告). */
export const REPORT_ELEMENTS = ['occurredAt', 'place', 'type', 'casualties', 'situation', 'cause', 'measures', 'nextSteps'] as const;
export type ReportElement = (typeof REPORT_ELEMENTS)[number];

const elementText = z.string().trim().max(2000);

export const reportElementsSchema = z.strictObject({
  /** 时间 */
  occurredAt: instantSchema,
  /** 地点, in words (district and address) */
  place: z.string().trim().max(300),
  /** 事件类型 */
  type: z.enum(INCIDENT_TYPES),
  /** 伤亡 */
  casualties: casualtiesSchema,
  /** 基本情况: what happened and how it stands */
  situation: elementText,
  /** 原因初判 */
  cause: elementText,
  /** 已采取措施 */
  measures: elementText,
  /** 下一步工作 */
  nextSteps: elementText,
});
export type ReportElements = z.infer<typeof reportElementsSchema>;

/**
 * Which elements must be written in each kind of report. Time, place, type and casualties are always there
 * (they come prefilled from the incident). The cause may still be unknown at 首报 and 续报 (the text then
 * says it is being investigated) but a 终报 gives it; a 终报 has no next steps to promise.
 */
export const REQUIRED_TEXT_ELEMENTS: Record<ReportKind, readonly ('place' | 'situation' | 'cause' | 'measures' | 'nextSteps')[]> = {
  initial: ['place', 'situation', 'measures', 'nextSteps'],
  follow_up: ['place', 'situation', 'measures', 'nextSteps'],
  final: ['place', 'situation', 'cause', 'measures'],
};

/** The elements a report of this kind lacks, in the template's order; empty when it may be submitted. */
export function missingElements(kind: ReportKind, elements: ReportElements): ReportElement[] {
  return REPORT_ELEMENTS.filter((e) => (REQUIRED_TEXT_ELEMENTS[kind] as readonly string[]).includes(e) && String(elements[e]).trim() === '');
}

export const REPORT_STATUSES = [
  'pending', // 待签发
  'returned', // 退回修改
  'sent', // 已签发 (报送)
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const incidentReportSchema = z.object({
  /** 1, 2, 3…: its number within the incident, kept through revisions. */
  n: z.number().int().positive(),
  kind: z.enum(REPORT_KINDS),
  status: z.enum(REPORT_STATUSES),
  /** The template as filled in; null for a report filed before the template (its text only). */
  elements: reportElementsSchema.nullable(),
  /** The report's words, composed from its elements. */
  text: z.string(),
  /** Who wrote it (account name and display name) and when it was last written or revised. */
  author: z.string(),
  authorName: z.string(),
  writtenAt: instantSchema,
  /** 签发: the leader who signed it off and when; it counts as sent from then. */
  signedBy: z.string().nullable(),
  signedAt: instantSchema.nullable(),
  /** 退回修改: the last return, with the leader's remark. */
  returned: z.object({ by: z.string(), at: instantSchema, remark: z.string() }).nullable(),
});
export type IncidentReport = z.infer<typeof incidentReportSchema>;

/** 信息报送: an incident as it was taken in (接报), and the reports made on it to the higher authorities, oldest first. */
export const incidentSchema = z.object({
  id: idSchema,
  title: z.string(),
  type: z.enum(INCIDENT_TYPES),
  district: districtCodeSchema,
  /** Where, when it was given on the map; null when only the district and address were told. */
  lon: lonSchema.nullable(),
  lat: latSchema.nullable(),
  address: z.string(),
  occurredAt: instantSchema,
  /** 接报时间: when the bureau heard of it. The initial report's deadline counts from here. */
  receivedAt: instantSchema,
  channel: z.enum(INTAKE_CHANNELS),
  casualties: casualtiesSchema,
  description: z.string(),
  /** The fire alert it was opened from, if any. */
  fireAlertId: idSchema.nullable(),
  reports: z.array(incidentReportSchema),
  openedBy: z.string(),
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type Incident = z.infer<typeof incidentSchema>;

/**
 * The whole record, with who called and the number to call back. Those go to people only, never in the
 * live feed or the snapshot, which wall displays receive too (a wall stands in a hall): a person's screen
 * reads them with `GET /api/incidents/:id`, as a risk point's contacts are read.
 */
export const incidentRecordSchema = incidentSchema.extend({ reporterName: z.string(), callbackPhone: z.string() });
export type IncidentRecord = z.infer<typeof incidentRecordSchema>;

/** What every screen holds of an incident: the record without the caller's name and number. */
export function incidentSummary({ reporterName: _name, callbackPhone: _phone, ...summary }: IncidentRecord): Incident {
  return summary;
}

/** The types a new incident may take: the classification's own (未分类 is for old records only). */
const CLASSIFIED_TYPES = INCIDENT_TYPE_TABLE.map((t) => t.code) as [IncidentType, ...IncidentType[]];

/** 接报登记: what the intake form (or a fire alert, or later an alarm) sends. */
export const incidentCreateSchema = z
  .strictObject({
    title: textSchema(200),
    type: z.enum(CLASSIFIED_TYPES),
    occurredAt: instantSchema.optional(),
    receivedAt: instantSchema.optional(),
    lon: lonSchema.optional(),
    lat: latSchema.optional(),
    district: districtCodeSchema.optional(),
    address: z.string().trim().max(200).optional(),
    casualties: casualtiesSchema.optional(),
    channel: z.enum(INTAKE_CHANNELS).optional(),
    reporterName: z.string().trim().max(60).optional(),
    callbackPhone: z.union([z.literal(''), callbackPhoneSchema]).optional(),
    description: z.string().trim().max(2000).optional(),
    fireAlertId: idSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const hasLon = body.lon !== undefined;
    if (hasLon !== (body.lat !== undefined)) ctx.addIssue({ code: 'custom', path: [hasLon ? 'lat' : 'lon'], message: 'give longitude and latitude together' });
    if (!hasLon && body.lat === undefined && (!body.district || !body.address))
      ctx.addIssue({
        code: 'custom',
        path: [body.district ? 'address' : 'district'],
        message: 'give the place: click on the map, or type district and address',
      });
    if (PERSON_CHANNELS.has(body.channel ?? 'other'))
      for (const field of ['reporterName', 'callbackPhone'] as const)
        if (!body[field])
          ctx.addIssue({ code: 'custom', path: [field], message: 'who called and the number to call back are needed for a report by phone or message' });
    if (body.occurredAt && body.receivedAt && Date.parse(body.occurredAt) > Date.parse(body.receivedAt))
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'the incident cannot have occurred after it was received' });
  });
export type IncidentCreate = z.input<typeof incidentCreateSchema>;

/** A report written in the template: its kind and its elements (the text is composed from them). */
export const incidentReportCreateSchema = z.strictObject({ kind: z.enum(REPORT_KINDS), elements: reportElementsSchema });
/** A returned report written again. */
export const incidentReportReviseSchema = z.strictObject({ elements: reportElementsSchema });
/** 退回修改: the leader says what to change. */
export const incidentReportReturnSchema = z.strictObject({ remark: textSchema(1000) });
/** The report acted on: `/api/incidents/:id/reports/:n`. */
export const reportNumberSchema = z.coerce.number().int().positive().max(1000);

/**
 * Reports an incident may hold: a follow-up every two hours for eight days and more than any incident needs,
 * so one incident on every screen stays under a megabyte however long its reports.
 */
export const MAX_REPORTS_PER_INCIDENT = 100;

/** How soon reports are due: the initial one after the incident, then a follow-up this often until the final. */
export const reportingRulesSchema = z.object({ initialMin: z.number().int().positive(), followUpMin: z.number().int().positive() });
export type ReportingRules = z.infer<typeof reportingRulesSchema>;

export interface ReportingState {
  /** The report due next; null once the final report is in. */
  due: ReportKind | null;
  /** When it is due. */
  deadline: string | null;
  overdue: boolean;
}

const MINUTE = 60_000;

/** The reports that count: signed off by the leader, in the order they were signed. */
export const sentReports = (incident: Pick<Incident, 'reports'>): IncidentReport[] => incident.reports.filter((r) => r.status === 'sent');

/** The report written and not yet sent (waiting for sign-off, or returned), if any: there is at most one. */
export const unsentReport = (incident: Pick<Incident, 'reports'>): IncidentReport | undefined => incident.reports.find((r) => r.status !== 'sent');

/**
 * What an incident owes its superiors at `now`: the next report and its deadline, and whether it is late.
 * Only sent (signed-off) reports count: a report waiting for the leader has not reached anyone yet.
 *
 * The initial report is due counted from the moment of receipt (接报时间), not of occurrence: the duty rules
 * (接报后 30 分钟内首报) bind the office from when it knows, and a fire that smouldered unseen for hours must not
 * be overdue the moment it is phoned in. Follow-ups count from the last report sent (its sign-off).
 */
export function reportingState(incident: Pick<Incident, 'receivedAt' | 'reports'>, now: Date, rules: ReportingRules): ReportingState {
  const sent = sentReports(incident);
  if (sent.some((r) => r.kind === 'final')) return { due: null, deadline: null, overdue: false };
  const last = sent.at(-1);
  const deadline = last
    ? new Date(Date.parse(last.signedAt!) + rules.followUpMin * MINUTE)
    : new Date(Date.parse(incident.receivedAt) + rules.initialMin * MINUTE);
  return { due: last ? 'follow_up' : 'initial', deadline: deadline.toISOString(), overdue: now.getTime() > deadline.getTime() };
}

/** The kinds a new report may be now, from the sent ones: the initial first, then follow-ups or the final. */
export function nextReportKinds(incident: Pick<Incident, 'reports'>): ReportKind[] {
  const kinds = sentReports(incident).map((r) => r.kind);
  if (kinds.includes('final')) return [];
  return kinds.includes('initial') ? ['follow_up', 'final'] : ['initial'];
}

/**
 * Why a report of this kind cannot be written now, or null: the initial comes first and once, nothing after
 * the final, and one report at a time — the one waiting for sign-off (or returned) is finished first.
 */
export function reportRefusal(incident: Pick<Incident, 'reports'>, kind: ReportKind): string | null {
  const kinds = sentReports(incident).map((r) => r.kind);
  if (kinds.includes('final')) return 'the final report has been made; the incident is closed';
  const waiting = unsentReport(incident);
  if (waiting) return `report ${waiting.n} is ${waiting.status === 'pending' ? 'waiting for sign-off' : 'returned for changes'}; finish it first`;
  if (incident.reports.length >= MAX_REPORTS_PER_INCIDENT) return `an incident holds at most ${MAX_REPORTS_PER_INCIDENT} reports`;
  if (kind === 'initial') return kinds.includes('initial') ? 'the initial report has been made already' : null;
  return kinds.includes('initial') ? null : 'make the initial report first';
}

/** Who signs off: a leader; and when the roster has a leader shift on post now, that leader by name. */
export interface Signer {
  role: string;
  /** Account name and display name: the roster names people as they are called. */
  name: string;
  displayName: string;
}

/**
 * Why this person may not sign off (签发) a report, or null. Only a leader signs; when the duty roster has a
 * leader on post now (`leadersOnDuty`, the shifts' names), it is that leader — another leader is refused and
 * told who is on duty. With no leader shift on post (a roster not kept), any leader may sign.
 */
export function signRefusal(signer: Signer, leadersOnDuty: readonly string[], author?: string): string | null {
  if (signer.role !== 'leader') return 'only the leader on duty (带班领导) signs reports off';
  // 签发 is a second person's check of what was written: a leader who wrote the report has it signed by another
  if (author !== undefined && author === signer.name) return 'a report is signed off by someone other than the person who wrote it';
  const names = leadersOnDuty.map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) return null;
  const me = [signer.displayName.trim(), signer.name.trim()];
  return names.some((n) => me.includes(n)) ? null : `the leader on duty is ${names.join('、')}: only they sign reports off now`;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China keeps UTC+8 all year

/** 2026年11月23日14时05分, in Beijing time: how a report states a time. */
export function beijingDateTimeText(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日${pad(d.getUTCHours())}时${pad(d.getUTCMinutes())}分`;
}

/** 2026年11月23日: a document's date line. */
export const beijingDateText = (iso: string): string => beijingDateTimeText(iso).replace(/\d{2}时\d{2}分$/, '');

/** 造成1人死亡、3人受伤 — or that none is reported. */
export function casualtiesText(c: Casualties): string {
  const parts = [
    c.dead > 0 && `${c.dead}人死亡`,
    c.injured > 0 && `${c.injured}人受伤`,
    c.missing > 0 && `${c.missing}人失踪`,
    c.trapped > 0 && `${c.trapped}人被困`,
  ].filter(Boolean);
  return parts.length === 0 ? '暂未发现人员伤亡' : `已造成${parts.join('、')}`;
}

/** The place in words: district then address (九江市武宁县 罗坪镇长水村). */
export function placeText(incident: Pick<Incident, 'district' | 'address'>): string {
  const district = districtByCode(incident.district)?.name ?? incident.district;
  return `九江市${district}${incident.address ? incident.address : ''}`;
}

const sentence = (text: string) => {
  const t = text.trim();
  return t === '' ? '' : /[。！？.!?]$/.test(t) ? t : `${t}。`;
};

/** One paragraph of a report: the element's heading (as the document prints it) and its words. */
export interface ReportParagraph {
  element: ReportElement | 'summary';
  heading: string;
  text: string;
}

/**
 * A report's paragraphs in the usual wording of 突发事件信息报告: the opening line says when, where and what
 * (“2026年11月23日14时05分，九江市武宁县罗坪镇发生一起自然灾害／森林草原火灾。”), then each element under its
 * heading. A cause not yet known is said to be under investigation rather than left out.
 */
export function composeReport(kind: ReportKind, e: ReportElements): ReportParagraph[] {
  const lead = `${beijingDateTimeText(e.occurredAt)}，${e.place.trim()}发生一起${incidentTypeName(e.type)}。`;
  const progress = kind === 'initial' ? '基本情况' : kind === 'follow_up' ? '事件进展' : '处置结果';
  return [
    { element: 'summary', heading: '', text: lead },
    { element: 'situation', heading: `一、${progress}`, text: sentence(e.situation) },
    { element: 'casualties', heading: '二、人员伤亡', text: sentence(casualtiesText(e.casualties)) },
    { element: 'cause', heading: '三、原因初判', text: sentence(e.cause) || '事故原因正在调查中。' },
    { element: 'measures', heading: '四、已采取措施', text: sentence(e.measures) },
    { element: 'nextSteps', heading: '五、下一步工作', text: sentence(e.nextSteps) || (kind === 'final' ? '做好善后处置工作。' : '') },
  ].filter((p) => p.text !== '') as ReportParagraph[];
}

/** The report's words as one text (what the list shows and the audit keeps). */
export const composeReportText = (kind: ReportKind, e: ReportElements): string =>
  composeReport(kind, e)
    .map((p) => (p.heading ? `${p.heading}：${p.text}` : p.text))
    .join('\n');

/**
 * The template of the next report, filled in as far as it can be: time, place, type and casualties from the
 * incident, and the rest carried over from the last report (sent or returned) so a 续报 says only what changed.
 */
export function prefillReport(incident: Incident): ReportElements {
  const previous = [...incident.reports].reverse().find((r) => r.elements !== null)?.elements;
  return {
    occurredAt: incident.occurredAt,
    place: previous?.place ?? placeText(incident),
    type: incident.type,
    casualties: previous?.casualties ?? incident.casualties,
    situation: previous?.situation ?? incident.description,
    cause: previous?.cause ?? '',
    measures: previous?.measures ?? '',
    nextSteps: previous?.nextSteps ?? '',
  };
}

export const isIncidentOpen = (incident: Pick<Incident, 'reports'>) => !incident.reports.some((r) => r.kind === 'final' && r.status === 'sent');

/** Where one report is acted on: `/api/incidents/:id/reports/:n` and its tails (`/sign`, `.docx`). */
export const incidentReportPath =
  (tail = '') =>
  (p: { id: string; n: number }) =>
    `/api/incidents/${encodeURIComponent(p.id)}/reports/${p.n}${tail}`;

/**
 * What the intake form starts from when a fire alert becomes an incident (转为事件): its place, its time (the
 * bureau received it when the alert came in), the classification's forest fire and the alert's words. A
 * monitoring alarm will become one the same way: a function from the alarm to this shape, and the same form.
 */
export function intakeFromFireAlert(alert: Pick<FireAlert, 'id' | 'lon' | 'lat' | 'district' | 'detectedAt' | 'description'>): IncidentCreate {
  const district = districtByCode(alert.district)?.name ?? '';
  return {
    title: `${district}森林火情`.slice(0, 200),
    type: 'forest_grassland_fire',
    lon: alert.lon,
    lat: alert.lat,
    occurredAt: alert.detectedAt,
    receivedAt: alert.detectedAt,
    channel: 'fire_alert',
    description: alert.description.slice(0, 2000),
    fireAlertId: alert.id,
  };
}
