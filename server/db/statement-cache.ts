import type SQLite from 'better-sqlite3';
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
