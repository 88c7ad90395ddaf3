import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../server/db/statement-cache.ts';

describe('prepared statements kept by their SQL', () => {
  it('prepares a statement once and serves it again, reading and writing alike', () => {
    const sqlite = new SQLite(':memory:');
    const db = withStatementCache(sqlite);
    db.prepare('create table t (id integer primary key, name text)').run([]);
    const insert = db.prepare('insert into t (name) values (?)');
    expect(db.prepare('insert into t (name) values (?)')).toBe(insert);
    for (const name of ['浔阳区', '濂溪区', '柴桑区']) db.prepare('insert into t (name) values (?)').run([name]);
    expect(db.prepare('select name from t order by id').all([])).toEqual([{ name: '浔阳区' }, { name: '濂溪区' }, { name: '柴桑区' }]);
    db.close();
  });

  it('drops the least recently used beyond its bound', () => {
    const sqlite = new SQLite(':memory:');
    const db = withStatementCache(sqlite, 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // used again: now the most recent
    db.prepare('select 3'); // evicts `select 2`
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
    db.close();
  });
});
