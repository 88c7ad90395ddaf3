import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../shared/auth.ts';
import { type Change, type ChangeDraft, changeDistrict } from '../../shared/changes.ts';
import type { StorageKind } from './database.ts';
import type { Database } from './schema.ts';

export type Trx = Transaction<Database>;
export type Clock = () => Date;

/** Who writes: a signed-in person or device by name and role, or the server itself (demo feed, timers). */
export interface Actor {
  name: string;
  role: Role | 'system';
}

/** What the audit log keeps of one write: the act, and the record before and after (null where absent). */
export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * What a write hands back: its result for the caller, the changes it made for the log and the screens, and
 * its one entry for the audit log — or, when it found nothing to do after all, no changes and no entry.
 */
export type WriteOutcome<T> = { result: T; changes: ChangeDraft[]; audit: AuditRecord } | { result: T; changes: []; audit: null };

type CommitListener = (changes: Change[]) => void;

/** The log is trimmed to its retention after this many new changes. */
const PRUNE_EVERY_CHANGES = 1000;
/** Rows per multi-row INSERT: keeps bulk writes under SQLite's limit of bound parameters per statement. */
export const INSERT_CHUNK_ROWS = 500;

/**
 * The only way data changes. Each write runs in one transaction together with the change-log entries it
 * produces, and writes run one at a time, so sequence order is commit order on either database. Listeners
 * hear of the changes only after the commit.
 */
export class Store {
  private tail: Promise<unknown> = Promise.resolve();
  private listeners: CommitListener[] = [];
  private changesSincePrune = 0;

  private constructor(
    readonly db: Kysely<Database>,
    readonly kind: StorageKind,
    readonly clock: Clock,
    private readonly changeLogRetain: number,
    /** The last committed seq. Kept here rather than in a database sequence, which skips numbers on rollback. */
    private seq: number,
    /** The last audit entry, numbered the same way. */
    private auditSeq: number,
  ) {}

  static async open(db: Kysely<Database>, kind: StorageKind, clock: Clock, changeLogRetain: number): Promise<Store> {
    const changes = await db.selectFrom('changes').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const audit = await db.selectFrom('auditLog').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return new Store(db, kind, clock, changeLogRetain, Number(changes?.seq ?? 0), Number(audit?.seq ?? 0));
  }

  get currentSeq(): number {
    return this.seq;
  }

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /**
   * Runs one write: its rows, its change-log entries and its one audit entry commit together or not at all.
   */
  write<T>(actor: Actor, work: (trx: Trx, now: Date) => Promise<WriteOutcome<T>>): Promise<T> {
    return this.serially(async () => {
      const at = this.clock();
      const { result, changes, audited } = await this.db.transaction().execute(async (trx) => {
        const outcome = await work(trx, at);
        const logged = outcome.changes.map((draft, i) => ({ ...draft, seq: this.seq + i + 1, at: at.toISOString(), actor: actor.name }) as Change);
        for (let i = 0; i < logged.length; i += INSERT_CHUNK_ROWS)
          await trx.insertInto('changes').values(logged.slice(i, i + INSERT_CHUNK_ROWS).map(changeRow)).execute();
        if (outcome.audit) await trx.insertInto('auditLog').values(auditRow(this.auditSeq + 1, at, actor, outcome.audit)).execute();
        return { result: outcome.result, changes: logged, audited: outcome.audit !== null };
      });
      if (audited) this.auditSeq += 1;
      this.seq += changes.length;
      if (changes.length > 0) for (const listener of this.listeners) listener(changes);
      if ((this.changesSincePrune += changes.length) >= PRUNE_EVERY_CHANGES) await this.pruneChangeLog();
      return result;
    });
  }

  /** Resolves once every write queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /** A read that sees no write half-way: it waits its turn behind the writes. */
  readConsistent<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.serially(() => work(this.db));
  }

  /**
   * The changes after `lastSeq`, or null when the log no longer holds all of them (pruned, or the screen
   * knows of a seq this database never had) and the screen needs a snapshot instead.
   */
  async changesSince(lastSeq: number, limit: number): Promise<Change[] | null> {
    return this.readConsistent(async (db) => {
      const bounds = await db
        .selectFrom('changes')
        .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
        .executeTakeFirst();
      const first = Number(bounds?.first ?? 0);
      const last = Number(bounds?.last ?? 0);
      if (lastSeq > last) return null;
      if (lastSeq === last) return [];
      if (lastSeq + 1 < first || last - lastSeq > limit) return null;
      const rows = await db.selectFrom('changes').selectAll().where('seq', '>', lastSeq).orderBy('seq').execute();
      return rows.map(
        (row) =>
          ({ seq: Number(row.seq), entity: row.entity, op: row.op, data: JSON.parse(row.data), at: row.at, actor: row.actor }) as Change,
      );
    });
  }

  private async pruneChangeLog(): Promise<void> {
    this.changesSincePrune = 0;
    await this.db.deleteFrom('changes').where('seq', '<=', this.seq - this.changeLogRetain).execute();
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function auditRow(seq: number, at: Date, actor: Actor, audit: AuditRecord) {
  return {
    seq,
    at: at.toISOString(),
    actor: actor.name,
    role: actor.role,
    action: audit.action,
    entity: audit.entity,
    entityId: audit.entityId,
    before: json(audit.before),
    after: json(audit.after),
  };
}

function changeRow(change: Change) {
  return {
    seq: change.seq,
    entity: change.entity,
    op: change.op,
    entityId: change.data.id,
    district: changeDistrict(change) ?? null,
    data: JSON.stringify(change.data),
    at: change.at,
    actor: change.actor,
  };
}
