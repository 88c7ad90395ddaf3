import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import gcoord from 'gcoord';
import { z } from 'zod';
import type { ChangeDraft } from '../../shared/changes.ts';
import { fieldProblems } from '../../shared/errors.ts';
import { HAZARD_GRADES, HAZARD_SOURCES, type Hazard, isHazardOpen } from '../../shared/hazards.ts';
import {
  type ColumnMapping,
  type CoordinateSystem,
  categoryFromCell,
  gradeFromCell,
  instantFromCell,
  type LedgerImportReport,
  type LedgerKind,
  ledgerNumberSchema,
  levelFromCell,
  MAX_LISTED_REJECTIONS,
  mappingProblems,
  numberFromCell,
  sourceFromCell,
  suggestMapping,
} from '../../shared/ledger-import.ts';
import { instantSchema, textSchema } from '../../shared/records.ts';
import { RISK_CATEGORIES, RISK_CATEGORY_ZH, RISK_LEVEL_ZH, RISK_LEVELS, type RiskPoint, riskPointCreateSchema, summarizeRiskPoint } from '../../shared/risk-points.ts';
import type { Database } from '../db/schema.ts';
import type { Actor, AuditRecord } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { findHazardsByLedgerNumber, saveHazard } from '../hazards/repository.ts';
import { findRiskPointsByLedgerNumber, upsertRiskPoints } from '../risk-points/repository.ts';
import type { LedgerFile, LedgerRow } from './ledger-file.ts';

/** Rows written per transaction: big enough to be fast, small enough not to hold other writers up for long. */
const BATCH_ROWS = 1000;
const SAMPLE_ROWS = 20;

const CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;
/** Six decimals are 0.1 m: a converted point compares equal when the same ledger comes again. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function toWgs84(lon: number, lat: number, crs: CoordinateSystem): [number, number] {
  if (crs === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], CRS[crs], gcoord.WGS84) as [number, number];
  return [round6(x), round6(y)];
}

/** A row read and checked: the record it files under its ledger number, or why it cannot be filed. */
type Parsed<T> = { line: number; number: string; record: T } | { line: number; reason: string };
type Rejection = { line: number; reason: string };

const problemsText = (error: z.ZodError) =>
  fieldProblems(error)
    .map((p) => `${p.field}: ${p.reason}`)
    .join('; ');

/** The fields of a record the ledger's columns hold: unmapped optional columns leave the record's own value. */
const mappedCell = (row: LedgerRow, mapping: ColumnMapping) => (field: string) => {
  const column = mapping[field];
  return column ? (row.cells[column] ?? '') : undefined;
};

/** The record with the ledger's fields over it, stamped; null when the ledger says nothing new. */
function revised<T extends { updatedAt: string }>(current: T, fields: Partial<T>, at: string): T | null {
  const changed = (Object.keys(fields) as (keyof T)[]).some((k) => fields[k] !== current[k]);
  return changed ? { ...current, ...fields, updatedAt: at } : null;
}

interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  changes: ChangeDraft[];
  audit: AuditRecord | null;
}

/** One kind of ledger: how a row becomes a record, and how a batch of records is filed against what is held. */
interface LedgerImporter<T> {
  parse(row: LedgerRow, mapping: ColumnMapping, crs: CoordinateSystem, deps: DomainDeps): Parsed<T>;
  file(db: Kysely<Database>, rows: { line: number; number: string; record: T }[], at: string, actor: Actor, deps: DomainDeps): Promise<Outcome>;
}

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

const riskPoints: LedgerImporter<Partial<RiskPointRecord>> = {
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
    const { openHazards: _o, overdueHazards: _d, ...checked } = parsed.data;
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
          id: `rp-${randomUUID()}`,
          ...BLANK_CONTACTS,
          ...(record as RiskPointRecord),
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
      outcome.audit = { action: 'riskPoint.import', entity: 'riskPoint', entityId: null, before, after: { created: outcome.created, updated: outcome.updated, ids: save.map((p) => p.id) } };
    return outcome;
  },
};

const hazardRecordSchema = z.object({
  riskPoint: ledgerNumberSchema,
  title: textSchema(200),
  description: z.string().trim().max(4000).default(''),
  grade: z.enum(HAZARD_GRADES),
  source: z.enum(HAZARD_SOURCES).default('inspector'),
  foundAt: instantSchema.optional(),
});
type HazardRecord = z.infer<typeof hazardRecordSchema>;

const hazards: LedgerImporter<HazardRecord> = {
  parse(row, mapping) {
    const cell = mappedCell(row, mapping);
    const number = ledgerNumberSchema.safeParse(cell('externalId'));
    if (!number.success) return { line: row.line, reason: `externalId: ${number.error.issues[0]!.message}` };
    const source = cell('source');
    const parsed = hazardRecordSchema.safeParse({
      riskPoint: cell('riskPoint'),
      title: cell('title'),
      description: cell('description'),
      grade: gradeFromCell(cell('grade') ?? ''),
      source: source ? sourceFromCell(source) : undefined,
      foundAt: instantFromCell(cell('foundAt') ?? ''),
    });
    if (!parsed.success) return { line: row.line, reason: problemsText(parsed.error) };
    return { line: row.line, number: number.data, record: parsed.data };
  },

  async file(db, rows, at, actor, deps) {
    const held = new Map<string, Hazard>();
    for (const h of await findHazardsByLedgerNumber(
      db,
      rows.map((r) => r.number),
    ))
      for (const key of [h.id, h.externalId]) if (key) held.set(key, h);
    const points = new Map<string, RiskPoint>();
    for (const p of await findRiskPointsByLedgerNumber(
      db,
      rows.map((r) => r.record.riskPoint),
    ))
      for (const key of [p.id, p.externalId]) if (key) points.set(key, p);

    const outcome: Outcome = { created: 0, updated: 0, unchanged: 0, rejected: [], changes: [], audit: null };
    const before: Hazard[] = [];
    const saved: Hazard[] = [];
    const opened = new Map<string, number>();
    for (const { line, number, record } of rows) {
      const current = held.get(number);
      if (current) {
        // a ledger re-read changes what the hazard is, never where it stands in its closed loop
        const next = revised<Hazard>(current, { title: record.title, description: record.description, grade: record.grade }, at);
        if (!next) outcome.unchanged++;
        else {
          before.push(current);
          saved.push(next);
          held.set(number, next);
          outcome.updated++;
        }
        continue;
      }
      const point = points.get(record.riskPoint);
      if (!point) {
        outcome.rejected.push({ line, reason: `riskPoint: no risk point numbered "${record.riskPoint}" is on file` });
        continue;
      }
      const foundAt = record.foundAt ?? at;
      const hazard: Hazard = {
        id: `hz-${randomUUID()}`,
        riskPointId: point.id,
        district: point.district,
        title: record.title,
        description: record.description,
        grade: record.grade,
        source: record.source,
        foundAt,
        status: 'found',
        notice: null,
        fiveElements: null,
        history: [{ status: 'found', at: foundAt, actor: actor.name, note: '台账导入' }],
        overdueSince: null,
        externalId: number,
        updatedAt: at,
        demo: deps.demo,
      };
      saved.push(hazard);
      held.set(number, hazard);
      if (isHazardOpen(hazard.status)) opened.set(point.id, (opened.get(point.id) ?? 0) + 1);
      outcome.created++;
    }
    for (const hazard of saved) await saveHazard(db, hazard);
    const counted = [...opened].map(([id, n]): RiskPoint => {
      const point = points.get(id)!;
      return { ...point, openHazards: point.openHazards + n, updatedAt: at };
    });
    await upsertRiskPoints(db, counted);
    outcome.changes = [
      ...saved.map((data): ChangeDraft => ({ entity: 'hazard', op: 'upsert', data })),
      ...counted.map((p): ChangeDraft => ({ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(p) })),
    ];
    if (saved.length > 0)
      outcome.audit = { action: 'hazard.import', entity: 'hazard', entityId: null, before, after: { created: outcome.created, updated: outcome.updated, ids: saved.map((h) => h.id) } };
    return outcome;
  },
};

const IMPORTERS: Record<LedgerKind, LedgerImporter<never>> = { 'risk-points': riskPoints, hazards } as Record<LedgerKind, LedgerImporter<never>>;

export interface LedgerImportOptions {
  mapping?: ColumnMapping | undefined;
  crs: CoordinateSystem;
  dryRun: boolean;
}

/**
 * Files a ledger row by row, a batch per transaction. Each record is written whole or not at all; a bad row is
 * reported with its line and reason and never spoils the others; a ledger number already on file updates
 * that record, so importing the same ledger twice changes nothing. A dry run reports the same without writing,
 * with the first rows as they would be filed, or only the columns and the mapping's problems when it does not fit.
 */
export async function importLedger(deps: DomainDeps, kind: LedgerKind, file: LedgerFile, options: LedgerImportOptions, actor: Actor): Promise<LedgerImportReport> {
  try {
    return await fileLedger(deps, kind, file, options, actor);
  } finally {
    // a preview that stops at the header, or a refusal, leaves the rest unread: reading stops and cleans up
    await file.close();
  }
}

async function fileLedger(deps: DomainDeps, kind: LedgerKind, file: LedgerFile, options: LedgerImportOptions, actor: Actor): Promise<LedgerImportReport> {
  const importer = IMPORTERS[kind] as LedgerImporter<unknown>;
  const mapping = options.mapping ?? suggestMapping(kind, file.columns);
  const problems = mappingProblems(kind, mapping, file.columns);
  const report: LedgerImportReport = { kind, dryRun: options.dryRun, columns: file.columns, mapping, crs: options.crs, rows: 0, created: 0, updated: 0, unchanged: 0, rejectedRows: 0, rejected: [], mappingProblems: problems, sample: [] };
  // a preview shows the columns so a person can map them; an import with a mapping that does not fit is refused
  if (problems.length > 0 && options.dryRun) return report;
  if (problems.length > 0) throw new ApiError('validation_failed', 'the columns cannot be mapped to the ledger', problems);

  const reject = (rejection: Rejection) => {
    report.rejectedRows++;
    if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push(rejection);
  };
  const fileBatch = async (batch: { line: number; number: string; record: unknown }[]) => {
    const outcome = options.dryRun
      ? // a dry run files into a transaction that is always rolled back: the same checks, nothing kept
        await deps.store.readConsistent((db) =>
          db
            .transaction()
            .execute(async (trx) => {
              throw { outcome: await importer.file(trx, batch, deps.store.clock().toISOString(), actor, deps) };
            })
            .catch((thrown: { outcome?: Outcome }) => {
              if (thrown.outcome) return thrown.outcome;
              throw thrown;
            }),
        )
      : await deps.store.write(actor, async (trx, now) => {
          const filed = await importer.file(trx, batch, now.toISOString(), actor, deps);
          return filed.audit ? { result: filed, changes: filed.changes, audit: filed.audit } : { result: filed, changes: [], audit: null };
        });
    report.created += outcome.created;
    report.updated += outcome.updated;
    report.unchanged += outcome.unchanged;
    outcome.rejected.forEach(reject);
  };

  let batch: { line: number; number: string; record: unknown }[] = [];
  let lineOf = new Map<string, number>();
  for await (const row of file.rows) {
    report.rows++;
    const parsed = importer.parse(row, mapping, options.crs, deps);
    if ('reason' in parsed) {
      reject(parsed);
      continue;
    }
    const earlier = lineOf.get(parsed.number);
    if (earlier !== undefined) {
      reject({ line: parsed.line, reason: `externalId: the ledger number "${parsed.number}" is on line ${earlier} too` });
      continue;
    }
    lineOf.set(parsed.number, parsed.line);
    if (report.sample.length < SAMPLE_ROWS) report.sample.push({ line: parsed.line, externalId: parsed.number, ...(parsed.record as object) });
    batch.push(parsed);
    if (batch.length >= BATCH_ROWS) {
      await fileBatch(batch);
      batch = [];
      lineOf = new Map();
    }
  }
  if (batch.length > 0) await fileBatch(batch);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
