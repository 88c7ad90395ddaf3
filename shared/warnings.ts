import { z } from 'zod';
import { circleRing } from './geo.ts';
import { districtCodeSchema } from './districts.ts';
import { idSchema, instantSchema } from './records.ts';

/** CAP 1.2 values, as the OASIS standard spells them (GB/T 35965.1 keeps them). */
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;

/** Where a warning applies: CAP areas with their shapes in our [lon, lat] order, and the districts named by code. */
export const warningAreaSchema = z.object({
  description: z.string(),
  polygons: z.array(z.array(z.tuple([z.number(), z.number()]))),
  circles: z.array(z.object({ lon: z.number(), lat: z.number(), radiusKm: z.number().min(0) })),
  districts: z.array(districtCodeSchema),
});
export type WarningArea = z.infer<typeof warningAreaSchema>;

/** One language's text of a warning (CAP `info` blocks differ by language). */
export const warningTextSchema = z.object({
  language: z.string(),
  event: z.string(),
  headline: z.string(),
  description: z.string(),
  instruction: z.string(),
});

/**
 * 预警信息: a CAP alert as the platform keeps it. `status` is what it means now: active, updated (an Update
 * that is the current word), or cancelled; a message replaced by a later one is `superseded`.
 */
export const warningSchema = z.object({
  id: idSchema,
  identifier: z.string(),
  sender: z.string(),
  sent: instantSchema,
  capStatus: z.enum(CAP_STATUSES),
  msgType: z.enum(CAP_MSG_TYPES),
  scope: z.enum(CAP_SCOPES),
  status: z.enum(['active', 'updated', 'cancelled']),
  supersededBy: idSchema.nullable(),
  references: z.array(z.string()),
  category: z.array(z.string()),
  event: z.string(),
  urgency: z.enum(CAP_URGENCIES),
  severity: z.enum(CAP_SEVERITIES),
  certainty: z.enum(CAP_CERTAINTIES),
  senderName: z.string(),
  texts: z.array(warningTextSchema),
  areas: z.array(warningAreaSchema),
  expires: instantSchema.nullable(),
  importedAt: instantSchema,
  demo: z.boolean(),
});
export type Warning = z.infer<typeof warningSchema>;

/** A CAP `references` entry is "sender,identifier,sent"; the identifier is what names the message. */
export const referencedIdentifier = (reference: string) => reference.split(',')[1]?.trim() ?? reference.trim();

/** In force: neither cancelled nor replaced by a later message. Only these are drawn and listed. */
export const inForce = (w: Pick<Warning, 'status' | 'supersededBy'>) => w.status !== 'cancelled' && w.supersededBy === null;

/** A polygon's rings, outer first. */
export type PolygonRings = GeoJSON.Position[][];

/**
 * The shapes a warning area covers: its polygons and circles, or — when it names districts only (a
 * GB/T 2260 geocode, as national CAP feeds do) — the outlines of those districts.
 */
export function areaShapes(area: WarningArea, districtOutline: (code: string) => PolygonRings[]): PolygonRings[] {
  const drawn = [...area.polygons.map((ring) => [ring]), ...area.circles.filter((c) => c.radiusKm > 0).map((c) => [circleRing(c.lon, c.lat, c.radiusKm)])];
  return drawn.length > 0 ? drawn : area.districts.flatMap(districtOutline);
}

/** A warning about forest fire danger (森林火险), by its event name in either language. */
const isFireDanger = (w: Pick<Warning, 'event'>) => /火险|火灾|fire/i.test(w.event);

/**
 * 森林火险等级 by district: the most severe forest-fire-danger warning in force over each district (severity
 * order as CAP lists it: Extreme first). Districts without one are absent.
 */
export function fireDangerByDistrict(warnings: Iterable<Warning>, now: Date): Map<string, Warning['severity']> {
  const rank = (s: Warning['severity']) => CAP_SEVERITIES.indexOf(s);
  const danger = new Map<string, Warning['severity']>();
  for (const w of warnings) {
    if (!inForce(w) || !isFireDanger(w) || (w.expires !== null && Date.parse(w.expires) <= now.getTime())) continue;
    for (const district of w.areas.flatMap((a) => a.districts)) {
      const held = danger.get(district);
      if (held === undefined || rank(w.severity) < rank(held)) danger.set(district, w.severity);
    }
  }
  return danger;
}
