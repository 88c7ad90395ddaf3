import type { Kysely } from 'kysely';
import gcoord from 'gcoord';
import type { z } from 'zod';
import type { ChangeDraft } from '../../shared/changes.ts';
import { fieldProblems } from '../../shared/errors.ts';
import type { ColumnMapping, CoordinateSystem } from '../../shared/ledger-import.ts';
import type { Database } from '../db/schema.ts';
import type { Actor, AuditRecord } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import type { LedgerRow } from './ledger-file.ts';

// What one kind of ledger (台账) must say to the import: how a row becomes a record, and how a batch of
// records is filed against what is held. Each kind lives beside its domain (risk-points/, hazards/); the
// import itself (server/imports/ledger.ts) reads, checks, batches and reports for all of them alike.

const CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;
/** Six decimals are 0.1 m: a converted point compares equal when the same ledger comes again. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function toWgs84(lon: number, lat: number, crs: CoordinateSystem): [number, number] {
  if (crs === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], CRS[crs], gcoord.WGS84) as [number, number];
  return [round6(x), round6(y)];
}

/** A row read and checked: the record it files under its ledger number, or why it cannot be filed. */
export type Parsed<T> = { line: number; number: string; record: T } | { line: number; reason: string };
export type Rejection = { line: number; reason: string };

export const problemsText = (error: z.ZodError) =>
  fieldProblems(error)
    .map((p) => `${p.field}: ${p.reason}`)
    .join('; ');

/** The fields of a record the ledger's columns hold: unmapped optional columns leave the record's own value. */
export const mappedCell = (row: LedgerRow, mapping: ColumnMapping) => (field: string) => {
  const column = mapping[field];
  return column ? (row.cells[column] ?? '') : undefined;
};

/** The record with the ledger's fields over it, stamped; null when the ledger says nothing new. */
export function revised<T extends { updatedAt: string }>(current: T, fields: Partial<T>, at: string): T | null {
  const changed = (Object.keys(fields) as (keyof T)[]).some((k) => fields[k] !== current[k]);
  return changed ? { ...current, ...fields, updatedAt: at } : null;
}

export interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  changes: ChangeDraft[];
  audit: AuditRecord | null;
}

/** One kind of ledger: how a row becomes a record, and how a batch of records is filed against what is held. */
export interface LedgerImporter<T> {
  parse(row: LedgerRow, mapping: ColumnMapping, crs: CoordinateSystem, deps: DomainDeps): Parsed<T>;
  file(db: Kysely<Database>, rows: { line: number; number: string; record: T }[], at: string, actor: Actor, deps: DomainDeps): Promise<Outcome>;
}
