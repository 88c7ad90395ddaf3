import { z } from 'zod';
import { HAZARD_GRADES, HAZARD_SOURCES } from './hazards.ts';
import { jsonText } from './records.ts';
import { RISK_CATEGORIES, RISK_CATEGORY_ZH, RISK_LEVEL_ZH, RISK_LEVELS, type RiskCategory, type RiskLevel } from './risk-points.ts';

/**
 * Ledgers (台账) kept in Excel or CSV by district offices, brought in row by row. Columns are named as each
 * office names them, so a mapping says which column holds which field; the ledger's own number (编号) is the
 * external id that makes a second import update rather than duplicate.
 */

export const LEDGER_KINDS = ['risk-points', 'hazards'] as const;
export const ledgerKindSchema = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof ledgerKindSchema>;

/** Chinese map pickers give GCJ-02 (高德, 腾讯) or BD-09 (百度); GPS and our map are WGS-84. */
export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;
export const coordinateSystemSchema = z.enum(COORDINATE_SYSTEMS);
export type CoordinateSystem = z.infer<typeof coordinateSystemSchema>;

/**
 * The fields of each ledger, whether a column must hold them, and the headers offices use for them; the
 * first header is the one our own exports write, so an exported ledger imports again as it is.
 */
export const LEDGER_FIELDS = {
  'risk-points': {
    externalId: { required: true, headers: ['编号', '台账编号', '风险点编号', 'external_id', 'id', 'code'] },
    name: { required: true, headers: ['名称', '风险点名称', '单位名称', 'name'] },
    category: { required: true, headers: ['类别', '风险类别', '行业类别', '类型', 'category'] },
    level: { required: true, headers: ['风险等级', '等级', '级别', 'level'] },
    lon: { required: true, headers: ['经度', 'lon', 'lng', 'longitude', 'x'] },
    lat: { required: true, headers: ['纬度', 'lat', 'latitude', 'y'] },
    address: { required: false, headers: ['地址', '详细地址', 'address'] },
    responsibleUnit: { required: false, headers: ['责任单位', 'responsible_unit', 'unit'] },
    responsiblePerson: { required: false, headers: ['责任人', '联系人', 'responsible_person', 'person'] },
    responsiblePhone: { required: false, headers: ['联系电话', '电话', '手机', 'responsible_phone', 'phone'] },
  },
  hazards: {
    externalId: { required: true, headers: ['编号', '台账编号', '隐患编号', 'external_id', 'id'] },
    riskPoint: { required: true, headers: ['风险点', '风险点编号', '所属风险点', 'risk_point'] },
    title: { required: true, headers: ['隐患名称', '名称', '标题', 'title'] },
    description: { required: false, headers: ['隐患描述', '描述', 'description'] },
    grade: { required: true, headers: ['等级', '隐患等级', 'grade'] },
    source: { required: false, headers: ['来源', 'source'] },
    foundAt: { required: false, headers: ['发现时间', '发现日期', 'found_at'] },
  },
} as const satisfies Record<LedgerKind, Record<string, { required: boolean; headers: readonly string[] }>>;

export type LedgerField<K extends LedgerKind> = keyof (typeof LEDGER_FIELDS)[K] & string;
/** Field → the column (its header) that holds it. */
export type ColumnMapping = Record<string, string>;

export const ledgerFields = (kind: LedgerKind): string[] => Object.keys(LEDGER_FIELDS[kind]);
const fieldSpec = (kind: LedgerKind, field: string) => (LEDGER_FIELDS[kind] as Record<string, { required: boolean; headers: readonly string[] }>)[field]!;

/** "经度 (GCJ-02)", " Longitude " and "longitude" are one header. */
const normalizeHeader = (header: string) =>
  header
    .toLowerCase()
    .replace(/[（(【[].*?[)）】\]]/g, '')
    .replace(/[\s_\-:：*]/g, '');

/** The mapping a person would most likely choose: each field to the first column whose header is one of its names. */
export function suggestMapping(kind: LedgerKind, columns: readonly string[]): ColumnMapping {
  const byNormal = new Map(columns.map((c) => [normalizeHeader(c), c] as const));
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const field of ledgerFields(kind)) {
    const column = fieldSpec(kind, field)
      .headers.map((h) => byNormal.get(normalizeHeader(h)))
      .find((c) => c !== undefined && !taken.has(c));
    if (column === undefined) continue;
    mapping[field] = column;
    taken.add(column);
  }
  return mapping;
}

/** Why this mapping cannot be used with these columns: one problem per field, empty when it can. */
export function mappingProblems(kind: LedgerKind, mapping: ColumnMapping, columns: readonly string[]): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  const fields = ledgerFields(kind);
  for (const field of fields) {
    const column = mapping[field];
    if (column === undefined || column === '') {
      if (fieldSpec(kind, field).required) problems.push({ field: `mapping.${field}`, reason: 'no column chosen for a required field' });
    } else if (!columns.includes(column)) problems.push({ field: `mapping.${field}`, reason: `the file has no column "${column}"` });
  }
  for (const field of Object.keys(mapping))
    if (!fields.includes(field)) problems.push({ field: `mapping.${field}`, reason: `not a field of the ${kind} ledger` });
  return problems;
}

export const columnMappingSchema = z.record(z.string(), z.string().max(200));

/** The query of an import: how to read the file, and whether to write or only tell what would happen. */
export const ledgerImportQuerySchema = z.object({
  /** JSON of field → column; absent: the suggested mapping. */
  mapping: jsonText(columnMappingSchema, 'mapping').optional(),
  crs: coordinateSystemSchema.default('wgs84'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Each rejected row with its line in the file; a report (of a ledger or a FIRMS file) lists this many and counts the rest. */
export const MAX_LISTED_REJECTIONS = 500;

export const ledgerImportReportSchema = z.object({
  kind: ledgerKindSchema,
  dryRun: z.boolean(),
  columns: z.array(z.string()),
  mapping: columnMappingSchema,
  crs: coordinateSystemSchema,
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedRows: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** Why the mapping does not fit the file (a preview then reads no rows; an import is refused). */
  mappingProblems: z.array(z.object({ field: z.string(), reason: z.string() })),
  /** The first rows as they will be filed (after mapping and coordinate conversion), for the preview. */
  sample: z.array(z.record(z.string(), z.unknown())),
});
export type LedgerImportReport = z.infer<typeof ledgerImportReportSchema>;

/** "水上/防汛", "水上 防汛" and "水上防汛" are one word. */
const compact = (text: string) => text.replace(/[\s/、]/g, '').toLowerCase();
/** The four-colour scale as offices write it, and the English names of our screens. */
const COLOUR_WORDS: Record<RiskLevel, string[]> = {
  red: ['红', '红色', 'major'],
  orange: ['橙', '橙色', 'high'],
  yellow: ['黄', '黄色', 'moderate'],
  blue: ['蓝', '蓝色', 'low'],
};

/** Offices write the category and level in words; codes and the English names are accepted too. */
/** Our own words (what exports write) and the other names offices use. */
const inverse = <T extends string>(labels: Record<T, string>) =>
  Object.fromEntries(Object.entries(labels).map(([code, label]) => [compact(label as string), code])) as Record<string, T>;
const CATEGORY_WORDS: Record<string, RiskCategory> = {
  ...inverse(RISK_CATEGORY_ZH),
  危化品: 'hazardous_chemicals',
  非煤矿山: 'mine',
  三合一场所: 'small_venue',
  防汛: 'water',
  水上: 'water',
  森林: 'forest',
};
const LEVEL_WORDS: Record<string, RiskLevel> = {
  ...inverse(RISK_LEVEL_ZH),
  ...Object.fromEntries(RISK_LEVELS.flatMap((level) => [`${RISK_LEVEL_ZH[level]}风险`, ...COLOUR_WORDS[level]].map((w) => [w, level]))),
};
const GRADE_WORDS: Record<string, (typeof HAZARD_GRADES)[number]> = { 一般: 'general', 一般隐患: 'general', 重大: 'major', 重大隐患: 'major' };
const SOURCE_WORDS: Record<string, (typeof HAZARD_SOURCES)[number]> = {
  检查: 'inspector',
  执法检查: 'inspector',
  排查: 'inspector',
  网格员: 'grid_officer',
  网格: 'grid_officer',
  举报: 'public_tip_off',
  群众举报: 'public_tip_off',
};

/** A cell in words or as a code: the code, or the cell unchanged for the record's own schema to refuse. */
const word =
  <T extends string>(codes: readonly T[], words: Record<string, T>) =>
  (cell: string): string => {
    const text = cell.trim();
    return codes.find((c) => c === text.toLowerCase()) ?? words[compact(text)] ?? text;
  };
export const categoryFromCell = word(RISK_CATEGORIES, CATEGORY_WORDS);
export const levelFromCell = word(RISK_LEVELS, LEVEL_WORDS);
export const gradeFromCell = word(HAZARD_GRADES, GRADE_WORDS);
export const sourceFromCell = word(HAZARD_SOURCES, SOURCE_WORDS);

/** A number cell: empty is missing (a bare Number('') would be 0, a point off the coast of Africa). */
export const numberFromCell = (cell: string): number | undefined => (cell.trim() === '' ? undefined : Number(cell.trim()));

/** The ledger's number of a record: what makes a second import update rather than duplicate. */
export const ledgerNumberSchema = z.string().trim().min(1, 'the ledger number (编号) is missing').max(64);

/**
 * An instant as offices write it: ISO 8601 with its offset, or a local date and time in Beijing time
 * ("2026-11-01", "2026/11/01 08:30"); empty for "now".
 */
export function instantFromCell(cell: string): string | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const local = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0');
  const iso = local ? `${local[1]}-${pad(local[2])}-${pad(local[3])}T${pad(local[4])}:${pad(local[5])}:${pad(local[6])}+08:00` : text;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? text : new Date(at).toISOString();
}
