import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FixedQuery, overwrittenBy, runFixedQueriesDirectly } from '../../server/db/fixed-query.ts';
import type { Database } from '../../server/db/schema.ts';
import { withStatementCache } from '../../server/db/statement-cache.ts';

interface Row {
  id: string;
  districtCode: string;
  level: number;
}

/** A database of one table, typed loosely as ours: the fixed queries only need a dialect. */
function open(direct: boolean) {
  const raw = new SQLite(':memory:');
  raw.exec('create table places (id text primary key, district_code text not null, level integer not null, kind text not null)');
  const cached = withStatementCache(raw);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }), plugins: [new CamelCasePlugin()] });
  const ran: string[] = [];
  if (direct)
    runFixedQueriesDirectly(db, (text, parameters) => {
      ran.push(text);
      const statement = cached.prepare(text) as SQLite.Statement;
      if (statement.reader) return undefined;
      const { changes } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), rows: [] };
    });
  return { db: db as unknown as Kysely<{ places: Row & { kind: string } }>, raw, ran };
}

// a constant in the built query ('site') stays where the builder put it; the values fill the rest by name
const UPSERT = new FixedQuery((db, row: Row) =>
  (db as unknown as Kysely<{ places: Row & { kind: string } }>)
    .insertInto('places')
    .values({ ...row, kind: 'site' })
    .onConflict((oc) => oc.column('id').doUpdateSet(overwrittenBy(row)))
    .compile(),
);
const LEVEL_OF = new FixedQuery((db, p: { id: string }) =>
  (db as unknown as Kysely<{ places: Row & { kind: string } }>).selectFrom('places').select(['level', 'districtCode']).where('id', '=', p.id).compile(),
);

describe('a query of fixed shape', () => {
  for (const direct of [false, true])
    it(`binds new values by name each run, constants kept, upserts binding each value once${direct ? ' (run directly in a transaction)' : ''}`, async () => {
      const { db, raw, ran } = open(direct);
      const asOurs = db as unknown as Kysely<Database>;
      await asOurs.transaction().execute(async (trx) => {
        await UPSERT.execute(trx, { id: 'a', districtCode: '360402', level: 1 });
        await UPSERT.execute(trx, { id: 'b', districtCode: '360403', level: 2 });
        await UPSERT.execute(trx, { id: 'a', districtCode: '360404', level: 3 }); // the same id: updated
      });
      expect(raw.prepare('select id, district_code as d, level, kind from places order by id').all()).toEqual([
        { id: 'a', d: '360404', level: 3, kind: 'site' },
        { id: 'b', d: '360403', level: 2, kind: 'site' },
      ]);
      // a reading query goes through Kysely's executor, whose plugin names the columns back
      expect((await LEVEL_OF.execute(asOurs, { id: 'b' })).rows).toEqual([{ level: 2, districtCode: '360403' }]);
      expect(ran.length).toBe(direct ? 3 : 0);
      if (direct) expect(ran[0]).toMatch(/on conflict \("id"\) do update set "district_code" = "excluded"\."district_code"/);
    });

  it('refuses a call with other values than it was compiled with', async () => {
    const { db } = open(false);
    const asOurs = db as unknown as Kysely<Database>;
    await UPSERT.execute(asOurs, { id: 'a', districtCode: '360402', level: 1 });
    await expect(UPSERT.execute(asOurs, { id: 'b', districtCode: '360402' } as Row)).rejects.toThrow(/compiled with 3/);
  });

  it('runs a raw statement of no values', async () => {
    const { db, raw } = open(true);
    const count = new FixedQuery((db) => sql`insert into places (id, district_code, level, kind) values ('x', '360402', 0, 'raw')`.compile(db));
    await (db as unknown as Kysely<Database>).transaction().execute(async (trx) => void (await count.execute(trx, {})));
    expect(raw.prepare('select count(*) as n from places').get()).toEqual({ n: 1 });
  });
});
