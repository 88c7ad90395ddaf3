import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { SqliteDatabase } from 'kysely';

/** Distinct statements kept prepared; a write path uses a few dozen shapes, multi-row inserts a few more. */
const MAX_STATEMENTS = 512;

/**
 * The SQLite database as Kysely's dialect sees it, with each statement prepared once and kept by its SQL:
 * Kysely's driver prepares every query again, and preparing was ≈ 15 % of the server's time on the write
 * path (profile of bench/push.ts and of HTTP writes). The driver only calls `all` or `run` on a statement,
 * synchronously, so one prepared statement serves every call (none is iterated while another runs). The
 * least recently used are dropped beyond MAX_STATEMENTS.
 */
export function withStatementCache(database: SQLite.Database, maxStatements = MAX_STATEMENTS): SqliteDatabase {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => void database.close(),
    prepare(sql: string) {
      let statement = prepared.get(sql);
      if (statement) {
        prepared.delete(sql); // re-inserted below: the Map's order is the order of last use
      } else {
        statement = database.prepare(sql);
        if (prepared.size >= maxStatements) prepared.delete(prepared.keys().next().value!);
      }
      prepared.set(sql, statement);
      return statement;
    },
  };
}

/** Statement texts PostgreSQL keeps prepared, by name, on each connection at most. */
const MAX_NAMED_STATEMENTS = 256;
/** A text is named once it has run this many times: a one-off query (an IN list of an odd length) is not. */
const RUNS_BEFORE_NAMING = 2;

/**
 * PostgreSQL's counterpart of `withStatementCache`: a query text that recurs runs as a named prepared
 * statement, parsed and planned once per connection instead of on every call (Kysely's driver sends every
 * query unnamed). Names are handed out per text for the whole pool, up to MAX_NAMED_STATEMENTS; the rest
 * stay unnamed. Applied to each connection the pool opens.
 */
export function withNamedStatements(pool: pg.Pool): pg.Pool {
  const names = new Map<string, string>();
  const runs = new Map<string, number>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known || names.size >= MAX_NAMED_STATEMENTS) return known;
    const seen = (runs.get(text) ?? 0) + 1;
    if (seen < RUNS_BEFORE_NAMING) {
      if (runs.size >= MAX_NAMED_STATEMENTS * 4) runs.clear(); // bounded: one-offs come and go
      runs.set(text, seen);
      return undefined;
    }
    runs.delete(text);
    const name = `onemap_${names.size + 1}`;
    names.set(text, name);
    return name;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // Kysely calls query(text, values); every other form (a cursor, a config object) passes through unchanged
    client.query = ((...args: unknown[]) => {
      const [text, values] = args;
      const name = typeof text === 'string' && Array.isArray(values) && args.length === 2 ? nameOf(text) : undefined;
      return name ? query({ name, text, values }) : query(...args);
    }) as typeof client.query;
  });
  return pool;
}
