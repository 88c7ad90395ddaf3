import { type CompiledQuery, type DialectAdapter, type Kysely, type QueryResult, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Runs a statement that returns no rows at once on the transaction's own connection, or says it cannot
 * (undefined): what the database offers besides Kysely's executor.
 */
export type DirectRun = (sql: string, parameters: readonly unknown[]) => QueryResult<never> | undefined;

/** Per database (by its dialect's adapter), its direct way, where it has one. */
const directRuns = new WeakMap<DialectAdapter, DirectRun>();

/**
 * Lets the fixed queries of a transaction on this database bypass Kysely's executor. Only for a database of
 * one synchronous connection (SQLite's): inside a transaction that connection is the transaction's, and a
 * synchronous call cannot interleave with anything, so running the statement directly is what the executor
 * would do, without its promises (≈ 5 µs a statement, five statements a write).
 */
export function runFixedQueriesDirectly(db: Kysely<Database>, run: DirectRun): void {
  directRuns.set(db.getExecutor().adapter, run);
}

/** Marks where a value goes in the compiled SQL; no real value starts with a NUL. */
const SLOT_MARK = '\u0000fixed-query slot:';

interface Compiled {
  query: CompiledQuery;
  /** Per parameter of the compiled SQL: the name of the value it takes, or the constant the builder put there. */
  slots: ({ value: string } | { constant: unknown })[];
  width: number;
}

/**
 * A query of one fixed shape, built and compiled once per dialect and then run with new values. Building
 * and compiling a query through Kysely cost ≈ 20 % of the server's time per write (profile of bench/push.ts):
 * the hot writes have the same shape every time, only their values change.
 *
 * `build` is ordinary Kysely code over a values object, compiled; it runs once, with a stand-in for each value, and
 * the compiled SQL's parameters are matched back to the names. Every call must pass the same set of names
 * (an insert's columns are its object's keys); a value may be null but not missing.
 */
export class FixedQuery<V extends object, R = unknown> {
  /** Keyed by the dialect's adapter: one per database a process has open, shared by its transactions. */
  private readonly compiled = new WeakMap<DialectAdapter, Compiled>();

  constructor(private readonly build: (db: Kysely<Database>, values: V) => CompiledQuery<R>) {}

  async execute(db: Kysely<Database>, values: V): Promise<QueryResult<R>> {
    const adapter = db.getExecutor().adapter;
    let compiled = this.compiled.get(adapter);
    if (!compiled) {
      compiled = this.compile(db, values);
      this.compiled.set(adapter, compiled);
    }
    const names = Object.keys(values);
    if (names.length !== compiled.width)
      throw new Error(`fixed query called with ${names.length} values, compiled with ${compiled.width}: ${names.join(', ')}`);
    const parameters = compiled.slots.map((slot) => ('value' in slot ? ((values as Record<string, unknown>)[slot.value] ?? null) : slot.constant));
    // outside a transaction the connection may be another's (a group of writes): the executor waits its turn
    const direct = db.isTransaction ? directRuns.get(adapter)?.(compiled.query.sql, parameters) : undefined;
    return direct ?? db.executeQuery<R>({ ...compiled.query, parameters } as CompiledQuery<R>);
  }

  private compile(db: Kysely<Database>, sample: V): Compiled {
    const names = Object.keys(sample);
    const standIns = Object.fromEntries(names.map((name) => [name, SLOT_MARK + name])) as unknown as V;
    const query = this.build(db, standIns) as CompiledQuery;
    const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT_MARK) ? { value: p.slice(SLOT_MARK.length) } : { constant: p }));
    return { query, slots, width: names.length };
  }
}

/**
 * An upsert's update: every column but the key takes the value the insert proposed (`excluded`, in SQLite and
 * PostgreSQL alike), so each value is bound once.
 */
export function overwrittenBy(row: object, key = 'id') {
  return Object.fromEntries(
    Object.keys(row)
      .filter((column) => column !== key)
      .map((column) => [column, sql.ref(`excluded.${column}`)]),
  ) as never;
}
