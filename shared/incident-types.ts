/**
 * 突发事件分类: the four categories of 《国家突发公共事件总体应急预案》 (1.3 分类分级) and their sub-types, as one
 * table with codes. The code is what records, the API and the ledgers carry; the names are what the forms,
 * the reports and the documents say. Order is the plan's own: a form lists them as the plan does.
 */
export const INCIDENT_CATEGORIES = [
  'natural_disaster', // 自然灾害
  'accident', // 事故灾难
  'public_health', // 公共卫生事件
  'social_security', // 社会安全事件
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_CATEGORY_NAMES: Record<IncidentCategory, { zh: string; en: string }> = {
  natural_disaster: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '事故灾难', en: 'Accident' },
  public_health: { zh: '公共卫生事件', en: 'Public health event' },
  social_security: { zh: '社会安全事件', en: 'Social security event' },
};

export interface IncidentTypeEntry {
  code: string;
  category: IncidentCategory;
  /** The plan's class the type belongs to where it has one between category and type (工矿商贸等企业安全事故). */
  group?: { zh: string; en: string };
  zh: string;
  en: string;
}

const ENTERPRISE = { zh: '工矿商贸等企业安全事故', en: 'Industrial and commercial accident' };

export const INCIDENT_TYPE_TABLE = [
  { code: 'flood_drought', category: 'natural_disaster', zh: '水旱灾害', en: 'Flood or drought' },
  { code: 'meteorological', category: 'natural_disaster', zh: '气象灾害', en: 'Meteorological disaster' },
  { code: 'earthquake', category: 'natural_disaster', zh: '地震灾害', en: 'Earthquake' },
  { code: 'geological', category: 'natural_disaster', zh: '地质灾害', en: 'Geological disaster' },
  { code: 'marine', category: 'natural_disaster', zh: '海洋灾害', en: 'Marine disaster' },
  { code: 'biological', category: 'natural_disaster', zh: '生物灾害', en: 'Biological disaster' },
  { code: 'forest_grassland_fire', category: 'natural_disaster', zh: '森林草原火灾', en: 'Forest or grassland fire' },
  { code: 'hazardous_chemicals', category: 'accident', group: ENTERPRISE, zh: '危险化学品事故', en: 'Hazardous chemicals accident' },
  { code: 'mine', category: 'accident', group: ENTERPRISE, zh: '矿山事故', en: 'Mine accident' },
  { code: 'enterprise_other', category: 'accident', group: ENTERPRISE, zh: '其他工矿商贸企业事故', en: 'Other industrial or commercial accident' },
  { code: 'traffic', category: 'accident', zh: '交通运输事故', en: 'Transport accident' },
  { code: 'public_facility', category: 'accident', zh: '公共设施和设备事故', en: 'Public facility or equipment accident' },
  { code: 'environmental', category: 'accident', zh: '环境污染和生态破坏事件', en: 'Pollution or ecological damage' },
  { code: 'infectious_disease', category: 'public_health', zh: '传染病疫情', en: 'Infectious disease outbreak' },
  { code: 'unexplained_disease', category: 'public_health', zh: '群体性不明原因疾病', en: 'Cluster of unexplained illness' },
  { code: 'food_occupational', category: 'public_health', zh: '食品安全和职业危害', en: 'Food safety or occupational hazard' },
  { code: 'animal_epidemic', category: 'public_health', zh: '动物疫情', en: 'Animal epidemic' },
  { code: 'public_health_other', category: 'public_health', zh: '其他影响公众健康和生命安全的事件', en: 'Other threat to public health' },
  { code: 'terrorist_attack', category: 'social_security', zh: '恐怖袭击事件', en: 'Terrorist attack' },
  { code: 'economic_security', category: 'social_security', zh: '经济安全事件', en: 'Economic security event' },
  { code: 'foreign_related', category: 'social_security', zh: '涉外突发事件', en: 'Incident involving foreign parties' },
  { code: 'social_other', category: 'social_security', zh: '其他社会安全事件', en: 'Other social security event' },
] as const satisfies readonly IncidentTypeEntry[];

/**
 * 未分类: only for incidents recorded before the classification as "other", whose category nobody knows
 * any more. The intake form never offers it; the incident keeps it until someone classifies it.
 */
export const UNCLASSIFIED = 'unclassified' as const;

export const INCIDENT_TYPES = [UNCLASSIFIED, ...INCIDENT_TYPE_TABLE.map((t) => t.code)] as [IncidentType, ...IncidentType[]];
export type IncidentType = (typeof INCIDENT_TYPE_TABLE)[number]['code'] | typeof UNCLASSIFIED;

const BY_CODE = new Map<string, IncidentTypeEntry>(INCIDENT_TYPE_TABLE.map((t) => [t.code, t]));

export function incidentTypeEntry(code: string): IncidentTypeEntry | undefined {
  return BY_CODE.get(code);
}

/** The types of one category, in the plan's order (what the form's second list holds). */
export const typesOfCategory = (category: IncidentCategory): IncidentTypeEntry[] => INCIDENT_TYPE_TABLE.filter((t) => t.category === category);

/** 事故灾难／危险化学品事故: how a report and a document name the type, category first. */
export function incidentTypeName(code: string, language: 'zh' | 'en' = 'zh'): string {
  const entry = BY_CODE.get(code);
  if (!entry) return language === 'zh' ? '未分类' : 'Unclassified';
  return `${INCIDENT_CATEGORY_NAMES[entry.category][language]}／${entry[language]}`;
}

/**
 * The types of the first version (before the national classification), as the migration maps them. Kept
 * here beside the table so a test can hold every old value to a code that exists.
 */
export const LEGACY_INCIDENT_TYPES: Record<string, IncidentType> = {
  forest_fire: 'forest_grassland_fire',
  hazardous_chemicals: 'hazardous_chemicals',
  flood: 'flood_drought',
  geological: 'geological',
  mine: 'mine',
  traffic: 'traffic',
  other: UNCLASSIFIED,
};
