import type { LedgerImportReport, LedgerKind } from '../../shared/ledger-import.ts';
import { type ColumnMapping, type CoordinateSystem, MAX_LISTED_REJECTIONS, mappingProblems, suggestMapping } from '../../shared/ledger-import.ts';
import { type Actor, nothingToDo } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { hazardLedger } from '../hazards/ledger-import.ts';
import { riskPointLedger } from '../risk-points/ledger-import.ts';
import type { LedgerFile } from './ledger-file.ts';
import type { LedgerImporter, Rejection } from './ledger-importer.ts';

/** Rows written per transaction: big enough to be fast, small enough not to hold other writers up for long. */
const BATCH_ROWS = 1000;
const SAMPLE_ROWS = 20;

const IMPORTERS: Record<LedgerKind, LedgerImporter<never>> = { 'risk-points': riskPointLedger, hazards: hazardLedger } as Record<
  LedgerKind,
  LedgerImporter<never>
>;

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
export async function importLedger(
  deps: DomainDeps,
  kind: LedgerKind,
  file: LedgerFile,
  options: LedgerImportOptions,
  actor: Actor,
): Promise<LedgerImportReport> {
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
  const report: LedgerImportReport = {
    kind,
    dryRun: options.dryRun,
    columns: file.columns,
    mapping,
    crs: options.crs,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejectedRows: 0,
    rejected: [],
    mappingProblems: problems,
    sample: [],
  };
  // a preview shows the columns so a person can map them; an import with a mapping that does not fit is refused
  if (problems.length > 0 && options.dryRun) return report;
  if (problems.length > 0) throw new ApiError('validation_failed', 'the columns cannot be mapped to the ledger', problems);

  const reject = (rejection: Rejection) => {
    report.rejectedRows++;
    if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push(rejection);
  };
  const fileBatch = async (batch: { line: number; number: string; record: unknown }[]) => {
    const outcome = options.dryRun
      ? // a dry run files into a rehearsal: the same checks and inserts, nothing kept
        await deps.store.rehearse((trx, now) => importer.file(trx, batch, now.toISOString(), actor, deps))
      : await deps.store.write(actor, async (trx, now) => {
          const filed = await importer.file(trx, batch, now.toISOString(), actor, deps);
          return filed.audit ? { result: filed, changes: filed.changes, audit: filed.audit } : nothingToDo(filed);
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
