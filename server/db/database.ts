import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config, StorageKind } from '../config.ts';
import { type DirectRun, runFixedQueriesDirectly } from './fixed-query.ts';
import { migrationProvider } from './migrations.ts';
import { withNamedStatements, withStatementCache } from './statement-cache.ts';
import type { Database } from './schema.ts';

export type { StorageKind };

const PG_INT8_OID = 20;

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(storage: Config['storage'], log: Logger): Promise<Kysely<Database>> {
  const { dialect, direct } = dialectFor(storage, log);
  const db = new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
  if (direct) runFixedQueriesDirectly(db, direct);
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return db;
}

function dialectFor(storage: Config['storage'], log: Logger) {
  if (storage.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(storage.file), { recursive: true });
    const database = new SQLite(storage.file);
    database.pragma('journal_mode = WAL');
    // NORMAL in WAL mode keeps every commit across a crash of this process; only a power cut can lose the
    // last commits. FULL costs ≈ 30× the commit rate on this class of machine (measured on 2 cores: 52,000
    // single-row commits per second with NORMAL, 1,800 with FULL).
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    const cached = withStatementCache(database);
    const direct: DirectRun = (sql, parameters) => {
      const statement = cached.prepare(sql) as SQLite.Statement;
      if (statement.reader) return undefined;
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    return { dialect: new SqliteDialect({ database: cached }), direct };
  }
  const pool = new pg.Pool({
    connectionString: storage.url,
    max: 10,
    // seq and count(*) are int8; they stay far below 2^53, so read them as numbers rather than strings.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A PostgreSQL restart kills idle connections; the pool replaces them on next use. Without a listener
  // the pool's 'error' event would take the whole server down.
  pool.on('error', (err) => log.warn({ err }, 'idle PostgreSQL connection lost; it will be replaced'));
  return { dialect: new PostgresDialect({ pool: withNamedStatements(pool) }), direct: null };
}
