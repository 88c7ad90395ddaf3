import { pino } from 'pino';
import { type App, createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Clock } from '../../server/db/store.ts';
import { createTestAccounts, sessionCookie, type TestIdentity } from './accounts.ts';
import { freshDatabase, type TestDatabase } from './databases.ts';

export interface TestServer {
  url: string;
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real server on an ephemeral port over a fresh database. */
export async function startTestServer(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}, clock?: Clock): Promise<TestServer> {
  const database = await freshDatabase(kind);
  const config = loadConfig({ PUSH_INTERVAL_MS: '10', WRITE_RATE_LIMIT_PER_MIN: '100000', ...database.env, ...env });
  const app = await createApp(config, { log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), clock });
  await createTestAccounts(app.deps);
  const url = await app.listen(0, '127.0.0.1');
  return {
    url,
    app,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A real HTTP call, signed in as a duty officer unless `as` (null: not signed in) or a `cookie` says otherwise. */
export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  { as = 'officer', cookie: given }: { as?: TestIdentity; cookie?: string } = {},
): Promise<{ status: number; body: T }> {
  const cookie = given ?? (await sessionCookie(base, as));
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  // JSON is read as such; anything else (a vector tile, a calendar) is left as text
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text;
  return { status: res.status, body: (json ? JSON.parse(text) : text || undefined) as T };
}
