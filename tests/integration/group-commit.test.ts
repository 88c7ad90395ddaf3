import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/changes.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import { type Actor, auditedOnly, nothingToDo } from '../../server/db/store.ts';
import { ApiError } from '../../server/errors.ts';
import { reportFireAlert } from '../../server/fire-alerts/service.ts';
import { findFireAlert, saveFireAlert } from '../../server/fire-alerts/repository.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const ACTOR: Actor = { name: 'group-test', role: 'system' };

const report = (i: number) => ({ lon: 115.97 + i / 10_000, lat: 29.55, source: 'patrol' as const, description: `组提交 ${i}` });

/** Every seq of the change log, in order. */
async function loggedSeqs(server: TestServer): Promise<number[]> {
  const rows = await server.app.deps.store.db.selectFrom('changes').select('seq').orderBy('seq').execute();
  return rows.map((r) => Number(r.seq));
}

describe.each(databaseKinds())('group commit on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  it('commits the writes queued together in one group; a write that fails takes back only its own rows', async () => {
    const store = server.app.deps.store;
    await reportFireAlert(server.app.deps, report(100), ACTOR); // a seq in the log for the constraint to hit
    await store.idle();
    const seqBefore = store.currentSeq;
    const heard: Change[][] = [];
    store.onCommit((changes) => heard.push([...changes]));
    const auditBefore = Number(
      (
        await store.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    // all issued in one turn of the event loop, so they queue behind one another
    const writes = Array.from({ length: 20 }, (_, i) => {
      if (i === 5)
        // fails validation after having written a row of its own
        return store.write(ACTOR, async (trx) => {
          await saveFireAlert(trx, { ...halfWritten, id: 'fa-half-written' });
          throw new ApiError('validation_failed', 'refused half-way on purpose', { field: 'description' });
        });
      if (i === 10)
        // breaks a constraint of the database after having written a row: a change-log seq taken already
        return store.write(ACTOR, async (trx) => {
          await saveFireAlert(trx, { ...halfWritten, id: 'fa-constraint' });
          await trx
            .insertInto('changes')
            .values({ seq: seqBefore, entity: 'fireAlert', op: 'upsert', entityId: 'fa-constraint', district: null, data: '{}', at: '', actor: '' })
            .execute();
          return nothingToDo(null);
        });
      if (i === 15) return store.write(ACTOR, async () => auditedOnly('audited only', auditEntry));
      return reportFireAlert(server.app.deps, report(i), ACTOR);
    });
    const settled = await Promise.allSettled(writes);

    const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    expect(failures).toEqual([5, 10]);
    expect((settled[5] as PromiseRejectedResult).reason).toMatchObject({ code: 'validation_failed' });
    expect(await findFireAlert(store.db, 'fa-half-written')).toBeUndefined();
    expect(await findFireAlert(store.db, 'fa-constraint')).toBeUndefined();

    // 17 alerts reported, each with one change, seqs without a gap, in the order the writes were queued
    const alerts = settled.flatMap((s) =>
      s.status === 'fulfilled' && typeof s.value === 'object' && s.value ? [(s.value as { alert: FireAlert }).alert] : [],
    );
    expect(alerts).toHaveLength(17);
    for (const alert of alerts) expect(await findFireAlert(store.db, alert.id)).toEqual(alert);
    const changes = heard.flat();
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 17 }, (_, i) => seqBefore + i + 1));
    expect(changes.map((c) => (c.data as FireAlert).id)).toEqual(alerts.map((a) => a.id));
    expect(store.currentSeq).toBe(seqBefore + 17);
    expect((await loggedSeqs(server)).filter((seq) => seq > seqBefore)).toEqual(changes.map((c) => c.seq));

    // they were committed together: the listeners heard them all at once
    expect(heard).toHaveLength(1);
    // every successful write has its audit entry, the failed ones none
    const auditAfter = Number(
      (
        await store.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(auditAfter - auditBefore).toBe(18);
  });

  it('keeps the change log without gaps under 50 concurrent writers, some of whose writes fail', async () => {
    const store = server.app.deps.store;
    await store.idle();
    const seqBefore = store.currentSeq;
    let refused = 0;
    const writer = async (w: number) => {
      for (let i = 0; i < 20; i++) {
        const fails = (w * 20 + i) % 7 === 3;
        await (
          fails
            ? store.write(ACTOR, async (trx) => {
                await saveFireAlert(trx, { ...halfWritten, id: `fa-refused-${w}-${i}` });
                throw new ApiError('validation_failed', 'refused', {});
              })
            : reportFireAlert(server.app.deps, report(w * 20 + i), ACTOR)
        ).catch(() => refused++);
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, w) => writer(w)));
    const written = 1000 - refused;
    expect(refused).toBeGreaterThan(100);
    expect(store.currentSeq).toBe(seqBefore + written);
    const seqs = (await loggedSeqs(server)).filter((s) => s > seqBefore);
    expect(seqs).toEqual(Array.from({ length: written }, (_, i) => seqBefore + i + 1));
    const refusedRows = await store.db.selectFrom('fireAlerts').select('id').where('id', 'like', 'fa-refused-%').execute();
    expect(refusedRows).toEqual([]);
  });
});

describe.each(databaseKinds().filter((kind) => kind === 'postgres'))('prepared statements on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  it('runs a recurring query as a statement PostgreSQL prepared once', async () => {
    const db = server.app.deps.store.db;
    const named = await db.transaction().execute(async (trx) => {
      // one transaction: one connection, whose prepared statements are listed below
      for (let i = 0; i < 3; i++) await trx.selectFrom('fireAlerts').select('id').where('district', '=', '360402').execute();
      return sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
    });
    expect(named.rows.find((r) => r.statement.includes('from "fire_alerts" where "district" = $1'))?.name).toMatch(/^onemap_\d+$/);
  });
});

const halfWritten: FireAlert = {
  id: 'fa-x',
  source: 'patrol',
  lon: 115.97,
  lat: 29.55,
  district: '360402',
  description: '半途而废',
  detectedAt: '2026-12-01T00:00:00.000Z',
  confidence: null,
  frpMw: null,
  footprint: null,
  status: 'new',
  history: [],
  detections: [],
  escalatedAt: null,
  heatSource: null,
  updatedAt: '2026-12-01T00:00:00.000Z',
  demo: false,
};

const auditEntry = { action: 'test.audited', entity: 'test', entityId: null, before: null, after: null };
