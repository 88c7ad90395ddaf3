import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A database the suite can use: SQLite always, PostgreSQL when the test script started one. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Environment for loadConfig that points the server at a fresh, empty database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

const adminUrl = process.env.TEST_DATABASE_URL;
let warned = false;

export function databaseKinds(): ('sqlite' | 'postgres')[] {
  if (!adminUrl && !warned) {
    warned = true;
    console.warn('\n!!! TEST_DATABASE_URL is not set: PostgreSQL integration tests are SKIPPED (run them with npm test) !!!\n');
  }
  return adminUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function freshDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-test-'));
    return { name: kind, env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const dbName = `onemap_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return {
    name: kind,
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    },
  };
}
