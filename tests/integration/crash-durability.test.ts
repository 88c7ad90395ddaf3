import { afterAll, describe, expect, it } from 'vitest';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { signInCookie } from '../support/accounts.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { spawnServer } from '../support/process.ts';
import { api } from '../support/server.ts';

// enough writers that their writes queue behind one another and commit in groups
const WRITERS = 50;

describe.each(databaseKinds())('durability across SIGKILL on %s', (kind) => {
  let database: TestDatabase;
  afterAll(() => database?.drop());

  it('keeps every write that was answered 2xx after the process is killed and restarted', async () => {
    database = await freshDatabase(kind);
    const first = await spawnServer(database.env);
    // a first run without demo data prints a one-time admin password; the session outlives the process
    expect(first.firstRunPassword).toBeTruthy();
    const cookie = await signInCookie(first.url, '/api/auth/login', { username: 'admin', password: first.firstRunPassword });
    // it is one-time: nothing but replacing it is allowed first
    expect((await api(first.url, 'GET', '/api/snapshot', undefined, { cookie })).status).toBe(403);
    expect((await api(first.url, 'POST', '/api/auth/password', { currentPassword: first.firstRunPassword, newPassword: 'short' }, { cookie })).status).toBe(
      400,
    );
    expect(
      (await api(first.url, 'POST', '/api/auth/password', { currentPassword: first.firstRunPassword, newPassword: '九江应急-值班-2026' }, { cookie })).status,
    ).toBe(204);
    const acknowledged: FireAlert[] = [];
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const r = await api<FireAlert>(
            first.url,
            'POST',
            '/api/fire-alerts',
            {
              lon: 115.97,
              lat: 29.55,
              source: 'patrol',
              description: `writer ${w} report ${i}`,
            },
            { cookie },
          );
          if (r.status === 201) acknowledged.push(r.body);
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
      }
    };
    const writing = Array.from({ length: WRITERS }, (_, w) => writer(w));
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all([first.exited, ...writing]);

    const second = await spawnServer(database.env);
    try {
      expect(second.firstRunPassword).toBeNull(); // only the very first run makes an admin
      const { body } = await api<{ items: FireAlert[] }>(second.url, 'GET', '/api/fire-alerts?limit=5000', undefined, { cookie });
      const stored = new Map(body.items.map((a) => [a.id, a]));
      const missing = acknowledged.filter((a) => !stored.has(a.id));
      expect(missing, `${missing.length} of ${acknowledged.length} acknowledged writes lost`).toEqual([]);
      for (const a of acknowledged) expect(stored.get(a.id)).toEqual(a);
      // the change log survived too: its seq continues from where the killed process stopped
      const health = await api<{ seq: number }>(second.url, 'GET', '/api/health', undefined, { cookie });
      expect(health.body.seq).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
