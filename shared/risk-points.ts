import { z } from 'zod';
import { districtCodeSchema } from './districts.ts';
import { bboxSchema, latSchema, lonSchema } from './geo.ts';
import { idSchema, instantSchema, oneOrMany, phoneSchema, textSchema } from './records.ts';

/** Categories of 重点安全风险点 as the bureau files them. */
export const RISK_CATEGORIES = [
  'hazardous_chemicals', // 危险化学品
  'mine', // 矿山
  'tailings_pond', // 尾矿库
  'gas', // 燃气
  'fireworks', // 烟花爆竹
  'construction_site', // 建筑施工
  'crowded_place', // 人员密集场所
  'small_venue', // 九小场所 / 三合一
  'road_transport', // 道路运输
  'water', // 水上/防汛
  'forest', // 森林防火
  'other',
] as const;
export const riskCategorySchema = z.enum(RISK_CATEGORIES);
export type RiskCategory = z.infer<typeof riskCategorySchema>;

/** red 重大 > orange 较大 > yellow 一般 > blue 低, the national four-colour risk scale. */
export const RISK_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export const riskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** The bureau's words for levels and categories: on screen in Chinese, and in ledgers going out and coming in. */
export const RISK_LEVEL_ZH: Record<RiskLevel, string> = { red: '重大', orange: '较大', yellow: '一般', blue: '低' };
export const RISK_CATEGORY_ZH: Record<RiskCategory, string> = {
  hazardous_chemicals: '危险化学品',
  mine: '矿山',
  tailings_pond: '尾矿库',
  gas: '燃气',
  fireworks: '烟花爆竹',
  construction_site: '建筑施工',
  crowded_place: '人员密集场所',
  small_venue: '九小场所',
  road_transport: '道路运输',
  water: '水上/防汛',
  forest: '森林防火',
  other: '其他',
};

export const riskPointSchema = z.object({
  id: idSchema,
  name: textSchema(120),
  category: riskCategorySchema,
  level: riskLevelSchema,
  lon: lonSchema,
  lat: latSchema,
  district: districtCodeSchema,
  address: z.string().max(200),
  responsibleUnit: z.string().max(120),
  responsiblePerson: z.string().max(60),
  responsiblePhone: z.string().max(32),
  /**
   * Its open and overdue hazards, as `countHazards` counts its hazard records: kept by the hazards' own writes
   * (recounted in the same transaction), never written by hand — no input schema below takes them.
   */
  openHazards: z.number().int().min(0),
  overdueHazards: z.number().int().min(0),
  /** The number in the office's own ledger (台账编号), when the point came from one. */
  externalId: z.string().max(64).nullable(),
  updatedAt: instantSchema,
  demo: z.boolean(),
});
export type RiskPoint = z.infer<typeof riskPointSchema>;

/**
 * What every screen holds of a risk point, in the snapshot and in live changes: enough to draw, count and
 * search 100,000 of them. Who answers for a point and how to reach them stay on the server until someone
 * opens the point's record: personal phone numbers are read one point at a time, never broadcast.
 */
export const riskPointSummarySchema = riskPointSchema.omit({
  address: true,
  responsibleUnit: true,
  responsiblePerson: true,
  responsiblePhone: true,
  externalId: true,
});
export type RiskPointSummary = z.infer<typeof riskPointSummarySchema>;

export function summarizeRiskPoint(point: RiskPoint): RiskPointSummary {
  const { address: _a, responsibleUnit: _u, responsiblePerson: _p, responsiblePhone: _t, externalId: _e, ...summary } = point;
  return summary;
}

const riskPointFields = {
  name: textSchema(120),
  category: riskCategorySchema,
  level: riskLevelSchema,
  lon: lonSchema,
  lat: latSchema,
  address: z.string().trim().max(200),
  responsibleUnit: z.string().trim().max(120),
  responsiblePerson: z.string().trim().max(60),
  responsiblePhone: z.union([phoneSchema, z.literal('')]),
};

/** What a surveyor files. The district follows from the location. */
export const riskPointCreateSchema = z.strictObject({
  ...riskPointFields,
  address: riskPointFields.address.default(''),
  responsibleUnit: riskPointFields.responsibleUnit.default(''),
  responsiblePerson: riskPointFields.responsiblePerson.default(''),
  responsiblePhone: riskPointFields.responsiblePhone.default(''),
});
export type RiskPointCreate = z.infer<typeof riskPointCreateSchema>;

export const riskPointPatchSchema = z
  .strictObject(riskPointFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must change at least one field' });
export type RiskPointPatch = z.infer<typeof riskPointPatchSchema>;

export const riskPointQuerySchema = z.object({
  level: oneOrMany(riskLevelSchema).optional(),
  category: oneOrMany(riskCategorySchema).optional(),
  district: oneOrMany(districtCodeSchema).optional(),
  bbox: bboxSchema.optional(),
});
export type RiskPointQuery = z.infer<typeof riskPointQuerySchema>;

/** The record without the names and phones of the people responsible (see `readsContacts`). */
export function withoutContacts(point: RiskPoint): RiskPoint {
  return { ...point, responsiblePerson: '', responsiblePhone: '' };
}
