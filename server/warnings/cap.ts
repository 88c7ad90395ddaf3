import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { districtByCode, type DistrictCode, districtCodeSchema } from '../../shared/districts.ts';
import { fieldProblems } from '../../shared/errors.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import {
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  type Warning,
  type WarningArea,
} from '../../shared/warnings.ts';
import { ApiError } from '../errors.ts';

const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
/** Who we are in the CAP messages we write. */
export const CAP_SENDER = 'onemap@yjj.jiujiang.gov.cn';

const REPEATED = new Set(['info', 'area', 'polygon', 'circle', 'geocode', 'parameter', 'resource', 'eventCode', 'category', 'responseType']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false, // every value stays text; the schema decides what it is
  trimValues: true,
  processEntities: true, // the five predefined XML entities only: a DOCTYPE is refused before parsing
  htmlEntities: false,
  isArray: (name) => REPEATED.has(name),
});

const text = z.string().trim().min(1);
const capDateTime = z.iso.datetime({ offset: true, error: 'not a CAP dateTime (with its UTC offset)' });

/** "lat,lon lat,lon …" — CAP puts latitude first. */
const pointOf = (pair: string): [number, number] => {
  const [lat, lon] = pair.split(',').map(Number);
  return [lon!, lat!];
};
const validPoint = ([lon, lat]: [number, number]) => Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

const polygonSchema = text.transform((value, ctx) => {
  const points = value.split(/\s+/).map(pointOf);
  if (points.length < 4 || !points.every(validPoint) || points[0]!.join() !== points.at(-1)!.join()) {
    ctx.addIssue({ code: 'custom', message: 'a polygon is four or more "lat,lon" pairs, the first repeated last' });
    return z.NEVER;
  }
  return points;
});

const circleSchema = text.transform((value, ctx) => {
  const [centre, radius] = value.split(/\s+/);
  const point = pointOf(centre ?? '');
  const radiusKm = Number(radius);
  if (!validPoint(point) || !Number.isFinite(radiusKm) || radiusKm < 0) {
    ctx.addIssue({ code: 'custom', message: 'a circle is "lat,lon radius-in-km"' });
    return z.NEVER;
  }
  return { lon: point[0], lat: point[1], radiusKm };
});

const valuePair = z.object({ valueName: z.string().default(''), value: z.string().default('') });

const areaSchema = z.object({
  areaDesc: text,
  polygon: z.array(polygonSchema).default([]),
  circle: z.array(circleSchema).default([]),
  geocode: z.array(valuePair).default([]),
});

const infoSchema = z.object({
  language: z.string().default('en-US'),
  category: z.array(text).min(1),
  event: text,
  urgency: z.enum(CAP_URGENCIES),
  severity: z.enum(CAP_SEVERITIES),
  certainty: z.enum(CAP_CERTAINTIES),
  senderName: z.string().default(''),
  headline: z.string().default(''),
  description: z.string().default(''),
  instruction: z.string().default(''),
  expires: capDateTime.optional(),
  area: z.array(areaSchema).default([]),
});

const alertSchema = z.object({
  identifier: text.regex(/^[^\s,<&]+$/, 'an identifier has no spaces, commas, < or &'),
  sender: text.regex(/^[^\s,<&]+$/, 'a sender has no spaces, commas, < or &'),
  sent: capDateTime,
  status: z.enum(CAP_STATUSES),
  msgType: z.enum(CAP_MSG_TYPES),
  scope: z.enum(CAP_SCOPES),
  references: z.string().optional(),
  info: z.array(infoSchema).default([]),
});
export type CapAlert = z.infer<typeof alertSchema>;

/** GB/T 2260 codes among the geocodes name our districts. */
function districtsOf(geocodes: { valueName: string; value: string }[]): DistrictCode[] {
  return geocodes.map((g) => districtCodeSchema.safeParse(g.value.trim())).flatMap((r) => (r.success ? [r.data] : []));
}

/**
 * Reads a CAP 1.2 alert. Refuses, with the reason: anything declaring a DTD or entities (no XXE, no entity
 * expansion), documents that are not well-formed, not CAP 1.2, or missing a required element.
 */
export function readCap(xml: string): CapAlert & { areas: WarningArea[] } {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new ApiError('validation_failed', 'DTDs and entity declarations are refused in CAP documents', [
      { field: '(document)', reason: 'DOCTYPE or ENTITY present' },
    ]);
  let document: { alert?: unknown };
  try {
    document = parser.parse(xml, true) as { alert?: unknown };
  } catch (err) {
    throw new ApiError('validation_failed', 'not well-formed XML', [{ field: '(document)', reason: String((err as Error).message ?? err).slice(0, 200) }]);
  }
  if (!document.alert || !xml.includes(CAP_NAMESPACE))
    throw new ApiError('validation_failed', 'not a CAP 1.2 alert', [{ field: 'alert', reason: `an <alert> in ${CAP_NAMESPACE} is required` }]);
  const parsed = alertSchema.safeParse(document.alert);
  if (!parsed.success) throw new ApiError('validation_failed', 'invalid CAP alert', fieldProblems(parsed.error));
  const areas = parsed.data.info
    .flatMap((info) => info.area)
    .map((a) => ({ description: a.areaDesc, polygons: a.polygon, circles: a.circle, districts: districtsOf(a.geocode) }));
  return { ...parsed.data, areas };
}

const capTime = (iso: string) => iso.replace(/\.\d{3}Z$/, '+00:00').replace(/Z$/, '+00:00');
const builder = new XMLBuilder({ format: true, suppressEmptyNode: true, ignoreAttributes: false });
const document = (alert: object) => `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ alert: { '@_xmlns': CAP_NAMESPACE, ...alert } })}`;

const areaXml = (area: WarningArea) => ({
  areaDesc: area.description,
  polygon: area.polygons.map((ring) => ring.map(([lon, lat]) => `${lat},${lon}`).join(' ')),
  circle: area.circles.map((c) => `${c.lat},${c.lon} ${c.radiusKm}`),
  geocode: area.districts.map((code) => ({ valueName: 'GB/T 2260', value: code })),
});

/** A warning back to CAP 1.2, as it was received (importing the result gives the same warning). */
export function warningToCap(w: Warning): string {
  return document({
    identifier: w.identifier,
    sender: w.sender,
    sent: w.sent,
    status: w.capStatus,
    msgType: w.msgType,
    scope: w.scope,
    ...(w.references.length > 0 ? { references: w.references.join(' ') } : {}),
    info: w.texts.map((t, i) => ({
      language: t.language,
      category: w.category,
      event: t.event,
      urgency: w.urgency,
      severity: w.severity,
      certainty: w.certainty,
      senderName: w.senderName,
      headline: t.headline,
      description: t.description,
      instruction: t.instruction,
      ...(w.expires ? { expires: w.expires } : {}),
      // every language block describes the same areas; they are written once, in the first
      area: i === 0 ? w.areas.map(areaXml) : [],
    })),
  });
}

/** The CAP identifier of a fire alert: stable, so exporting twice gives the same message. */
export const fireAlertIdentifier = (alert: FireAlert) => `jiujiang-fire-${alert.id}`;

/**
 * A fire alert as CAP 1.2 (category Fire): the detection point with its pixel or a 1 km circle, the district
 * by its GB/T 2260 code. Simulated data goes out as status Exercise, never Actual.
 */
export function fireAlertToCap(alert: FireAlert): string {
  const district = districtByCode(alert.district);
  const radiusKm = alert.footprint ? Math.max(alert.footprint.scanKm, alert.footprint.trackKm) / 2 : 1;
  return document({
    identifier: fireAlertIdentifier(alert),
    sender: CAP_SENDER,
    sent: capTime(alert.history[0]?.at ?? alert.detectedAt),
    status: alert.demo ? 'Exercise' : 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    info: {
      language: 'zh-CN',
      category: ['Fire'],
      event: '森林火情',
      urgency: 'Immediate',
      severity: alert.status === 'confirmed' || alert.status === 'responding' ? 'Severe' : 'Moderate',
      certainty: alert.status === 'new' ? 'Possible' : alert.status === 'false_alarm' ? 'Unlikely' : 'Observed',
      senderName: '九江市应急管理局',
      headline: `${district?.name ?? ''}森林火情`,
      description: alert.description,
      area: areaXml({
        description: district?.name ?? alert.district,
        polygons: [],
        circles: [{ lon: alert.lon, lat: alert.lat, radiusKm }],
        districts: [alert.district],
      }),
    },
  });
}
