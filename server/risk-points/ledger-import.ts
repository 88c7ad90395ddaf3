import { categoryFromCell, ledgerNumberSchema, levelFromCell, numberFromCell } from '../../shared/ledger-import.ts';
import {
  RISK_CATEGORIES,
  RISK_CATEGORY_ZH,
  RISK_LEVEL_ZH,
  RISK_LEVELS,
  type RiskPoint,
  riskPointCreateSchema,
  summarizeRiskPoint,
} from '../../shared/risk-points.ts';
import { type LedgerImporter, mappedCell, type Outcome, problemsText, revised, toWgs84 } from '../imports/ledger-importer.ts';
import { findRiskPointsByLedgerNumber, upsertRiskPoints } from './repository.ts';
import { newRecordId } from '../db/ids.ts';

type RiskPointRecord = Omit<RiskPoint, 'id' | 'openHazards' | 'overdueHazards' | 'updatedAt' | 'demo' | 'externalId'>;
const OPTIONAL_RISK_POINT_FIELDS = ['address', 'responsibleUnit', 'responsiblePerson', 'responsiblePhone'] as const;
const BLANK_CONTACTS: Record<string, string> = Object.fromEntries(OPTIONAL_RISK_POINT_FIELDS.map((f) => [f, '']));

/** The words a ledger may use, for a refusal a person can act on. */
const CATEGORY_WORDS = Object.values(RISK_CATEGORY_ZH).join('、');
const LEVEL_WORDS = Object.values(RISK_LEVEL_ZH).join('、');

/** Why the cells that must be words or numbers are not: in the ledger's own terms, before the record's schema speaks. */
function cellProblems(cell: (field: string) => string | undefined): string | null {
  const problems: string[] = [];
  const category = categoryFromCell(cell('category') ?? '');
  if (!(RISK_CATEGORIES as readonly string[]).includes(category)) problems.push(`category: "${category}" is not one of ${CATEGORY_WORDS}`);
  const level = levelFromCell(cell('level') ?? '');
  if (!(RISK_LEVELS as readonly string[]).includes(level)) problems.push(`level: "${level}" is not one of ${LEVEL_WORDS}`);
  for (const axis of ['lon', 'lat']) {
    const text = cell(axis) ?? '';
    if (!Number.isFinite(numberFromCell(text))) problems.push(`${axis}: "${text}" is not a number of degrees`);
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

/** 风险点台账: a row per point, placed in its district; a number on file updates that point. */
export const riskPointLedger: LedgerImporter<Partial<RiskPointRecord>> = {
  parse(row, mapping, crs, deps) {
    const cell = mappedCell(row, mapping);
    const number = ledgerNumberSchema.safeParse(cell('externalId'));
    if (!number.success) return { line: row.line, reason: `externalId: ${number.error.issues[0]!.message}` };
    const problem = cellProblems(cell);
    if (problem) return { line: row.line, reason: problem };
    const [x, y] = toWgs84(numberFromCell(cell('lon')!)!, numberFromCell(cell('lat')!)!, crs);
    const optional = Object.fromEntries(OPTIONAL_RISK_POINT_FIELDS.flatMap((f) => (cell(f) === undefined ? [] : [[f, cell(f)]])));
    const input = { name: cell('name'), category: categoryFromCell(cell('category')!), level: levelFromCell(cell('level')!), lon: x, lat: y, ...optional };
    const parsed = riskPointCreateSchema.safeParse(input);
    if (!parsed.success) return { line: row.line, reason: problemsText(parsed.error) };
    // the schema's defaults stand in for columns the ledger does not have: those keep what is on file
    const checked = parsed.data;
    const fields: Partial<RiskPointRecord> = Object.fromEntries(Object.entries(checked).filter(([k]) => k in input));
    const district = deps.locator.locate(checked.lon, checked.lat);
    if (district === undefined) return { line: row.line, reason: `lon/lat: ${checked.lon}, ${checked.lat} is outside Jiujiang (coordinates given as ${crs})` };
    return { line: row.line, number: number.data, record: { ...fields, district } };
  },

  async file(db, rows, at, actor, deps) {
    const held = await findRiskPointsByLedgerNumber(
      db,
      rows.map((r) => r.number),
    );
    const byNumber = new Map(held.flatMap((p) => [[p.id, p] as const, ...(p.externalId ? [[p.externalId, p] as const] : [])]));
    const outcome: Outcome = { created: 0, updated: 0, unchanged: 0, rejected: [], changes: [], audit: null };
    const save: RiskPoint[] = [];
    const before: RiskPoint[] = [];
    for (const { number, record } of rows) {
      const current = byNumber.get(number);
      if (!current) {
        const point: RiskPoint = {
          id: newRecordId('rp'),
          ...BLANK_CONTACTS,
          ...(record as RiskPointRecord),
          // hazard counts are the hazard ledger's, never this one's (a 隐患数 column is not read)
          openHazards: 0,
          overdueHazards: 0,
          externalId: number,
          updatedAt: at,
          demo: deps.demo,
        };
        save.push(point);
        byNumber.set(number, point);
        outcome.created++;
        continue;
      }
      const next = revised<RiskPoint>(current, record, at);
      if (!next) outcome.unchanged++;
      else {
        before.push(current);
        save.push(next);
        byNumber.set(number, next);
        outcome.updated++;
      }
    }
    await upsertRiskPoints(db, save);
    outcome.changes = save.map((p) => ({ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(p) }));
    if (save.length > 0)
      outcome.audit = {
        action: 'riskPoint.import',
        entity: 'riskPoint',
        entityId: null,
        before,
        after: { created: outcome.created, updated: outcome.updated, ids: save.map((p) => p.id) },
      };
    return outcome;
  },
};
