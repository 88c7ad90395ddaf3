import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../shared/auth.ts';
import { type Change, type ChangeDraft, changeDistrict } from '../../shared/changes.ts';
import type { StorageKind } from '../config.ts';
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

/** A write that changes nothing on the screens (an account, a session, a record of a consultation) but is audited. */
export const auditedOnly = <T>(result: T, audit: AuditRecord): WriteOutcome<T> => ({ result, changes: [], audit });

/** A write that found nothing to do after all: nothing is logged, nothing is audited. */
export const nothingToDo = <T>(result: T): WriteOutcome<T> => ({ result, changes: [], audit: null });

type CommitListener = (changes: Change[]) => void;

/** Thrown inside a rehearsal's transaction to roll it back, and caught by the rehearsal alone. */
const ROLLBACK = new Error('rehearsal: rolled back on purpose');

/** The log is trimmed to its retention after this many new changes. */
const PRUNE_EVERY_CHANGES = 1000;
/**
 * Reads beside the write queue at one time. A write on SQLite's one connection waits for the reads ahead of
 * it, so this bounds how long a flood of reads can hold it; on PostgreSQL it leaves most of the pool to writes.
 */
const CONCURRENT_READS = 4;
/** Change-log rows read in one query when a screen catches up. */
const CHANGES_PAGE_ROWS = 2000;
/** Tries at a committed read before it queues behind the writes (a write committed during each try). */
const COMMITTED_READ_ATTEMPTS = 3;
/** Rows per multi-row INSERT: keeps bulk writes under SQLite's limit of bound parameters per statement. */
export const INSERT_CHUNK_ROWS = 500;

/**
 * The only way data changes. Each write runs in one transaction together with the change-log entries it
 * produces, and writes run one at a time, so sequence order is commit order on either database. Listeners
 * hear of the changes only after the commit.
 */
export class Store {
  private tail: Promise<unknown> = Promise.resolve();
  /** The reads that do not queue behind the writes; on SQLite a write still waits for those running. */
  private readonly reads = new Gate(CONCURRENT_READS);
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
    const changes = await db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const audit = await db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
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
          await trx
            .insertInto('changes')
            .values(logged.slice(i, i + INSERT_CHUNK_ROWS).map(changeRow))
            .execute();
        if (outcome.audit)
          await trx
            .insertInto('auditLog')
            .values(auditRow(this.auditSeq + 1, at, actor, outcome.audit))
            .execute();
        return { result: outcome.result, changes: logged, audited: outcome.audit !== null };
      });
      if (audited) this.auditSeq += 1;
      this.seq += changes.length;
      if (changes.length > 0) for (const listener of this.listeners) listener(changes);
      if ((this.changesSincePrune += changes.length) >= PRUNE_EVERY_CHANGES) await this.pruneChangeLog();
      return result;
    });
  }

  /**
   * A rehearsal: `work` runs in a transaction in its turn among the writes, as a write would, and the
   * transaction is always rolled back. A ledger's preview does every check and every insert of the real
   * import and keeps nothing; no change is logged or heard.
   */
  rehearse<T>(work: (trx: Trx, now: Date) => Promise<T>): Promise<T> {
    return this.serially(async () => {
      let result: { value: T } | null = null;
      try {
        await this.db.transaction().execute(async (trx) => {
          result = { value: await work(trx, this.clock()) };
          throw ROLLBACK;
        });
      } catch (error) {
        if (error !== ROLLBACK) throw error;
      }
      return (result as { value: T } | null)!.value;
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
   *
   * It does not wait behind the queued writes: the log up to `currentSeq` is committed and never rewritten,
   * so reading up to the seq known now sees no write half-way. Seqs have no gaps, so a row missing from that
   * range can only have been pruned meanwhile.
   */
  async changesSince(lastSeq: number, limit: number): Promise<Change[] | null> {
    const upTo = this.seq;
    if (lastSeq > upTo || upTo - lastSeq > limit) return null;
    const changes: Change[] = [];
    // page by page, each its own turn: 20,000 rows read and parsed at once held everything else up
    for (let from = lastSeq; from < upTo; from += CHANGES_PAGE_ROWS) {
      const to = Math.min(from + CHANGES_PAGE_ROWS, upTo);
      const rows = await this.reads.run(() =>
        this.db.selectFrom('changes').selectAll().where('seq', '>', from).where('seq', '<=', to).orderBy('seq').execute(),
      );
      if (rows.length !== to - from) return null;
      for (const row of rows)
        changes.push({ seq: Number(row.seq), entity: row.entity, op: row.op, data: JSON.parse(row.data), at: row.at, actor: row.actor } as Change);
    }
    return changes;
  }

  /**
   * A read of one committed state that does not wait behind the queued writes. `read` runs in one
   * transaction (on SQLite's one connection no write runs in between; PostgreSQL's repeatable read holds one
   * snapshot), and `complete` gets its rows and the seq that state ends at. `complete` runs at once, while
   * what the commit listeners keep in memory is at that same seq, so it may join the two. A write that
   * committed in between is caught by the seq and the read is made again; after a few tries it waits its
   * turn in the write queue after all.
   */
  async readCommitted<R, T>(read: (db: Kysely<Database>) => Promise<R>, complete: (rows: R, seq: number) => T): Promise<T> {
    for (let attempt = 0; attempt < COMMITTED_READ_ATTEMPTS; attempt++) {
      const done = await this.reads.run(() =>
        this.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute(async (trx) => {
            const rows = await read(trx);
            const last = await trx
              .selectFrom('changes')
              .select((eb) => eb.fn.max('seq').as('seq'))
              .executeTakeFirst();
            return { rows, seq: Number(last?.seq ?? 0) };
          }),
      );
      // no await between this check and `complete`: no commit listener can run in between
      if (done.seq === this.seq) return complete(done.rows, done.seq);
    }
    return this.readConsistent(async (db) => complete(await read(db), this.seq));
  }

  private async pruneChangeLog(): Promise<void> {
    this.changesSincePrune = 0;
    await this.db
      .deleteFrom('changes')
      .where('seq', '<=', this.seq - this.changeLogRetain)
      .execute();
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

/**
 * At most `limit` tasks at a time; the rest wait in arrival order. Each starts on a turn of the event loop of
 * its own: on SQLite's synchronous driver a chain of reads is all promises, and would otherwise run back to
 * back without letting a request (a health check, an officer's write) in between.
 */
class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      return await task();
    } finally {
      // the place passes straight to the next in line, so a newcomer cannot slip in ahead of it
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
