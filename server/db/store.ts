import { type Kysely, sql, type Transaction } from 'kysely';
import type { Role } from '../../shared/auth.ts';
import { type Change, type ChangeDraft, changeDistrict } from '../../shared/changes.ts';
import type { StorageKind } from '../config.ts';
import { FixedQuery } from './fixed-query.ts';
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

type AuditListener = (entries: readonly AuditRecord[]) => void;

/** A write waiting for its group. */
interface QueuedWrite {
  kind: 'write';
  actor: Actor;
  work: (trx: Trx, now: Date) => Promise<WriteOutcome<unknown>>;
  settle: Settle;
}
/** Work that takes the database to itself between two groups: a rehearsal, a consistent read. */
interface QueuedTurn {
  kind: 'turn';
  run: () => Promise<unknown>;
  settle: Settle;
}
interface Settle {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** What one write of a group left, until its group commits. */
interface Written {
  write: QueuedWrite;
  result: unknown;
  changes: Change[];
  audit: AuditRecord | null;
}

/**
 * Writes committed together at most. A group on SQLite's synchronous driver runs without letting the event
 * loop in (each write is ≈ 0.1 ms), so this also bounds how long a burst holds up everything else.
 */
const MAX_GROUP_WRITES = 200;

const SAVEPOINT = new FixedQuery((db) => sql`savepoint write`.compile(db));
const RELEASE_SAVEPOINT = new FixedQuery((db) => sql`release savepoint write`.compile(db));
const ROLLBACK_TO_SAVEPOINT = new FixedQuery((db) => sql`rollback to savepoint write`.compile(db));
const INSERT_CHANGE = new FixedQuery((db, row: ReturnType<typeof changeRow>) => db.insertInto('changes').values(row).compile());
const INSERT_AUDIT = new FixedQuery((db, row: ReturnType<typeof auditRow>) => db.insertInto('auditLog').values(row).compile());

/**
 * The only way data changes. Each write keeps its rows, its change-log entries and its audit entry together:
 * all of them or none. Writes take their turns one at a time, so sequence order is commit order on either
 * database, and the writes that queued behind one another commit together (group commit): one transaction,
 * each write in a savepoint of its own, so a write that fails takes back only its own rows. A caller hears
 * of its write only once the commit that holds it is done, and listeners hear of the changes only then.
 */
export class Store {
  private readonly queue: (QueuedWrite | QueuedTurn)[] = [];
  private draining = false;
  /** The reads that do not queue behind the writes; on SQLite a write still waits for those running. */
  private readonly reads = new Gate(CONCURRENT_READS);
  private listeners: CommitListener[] = [];
  private auditListeners: AuditListener[] = [];
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

  /** Hears every commit's changes, in seq order, before the writers hear back and before the next group. */
  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Hears every commit's audit entries (a sign-out, an account disabled), in the same turn as `onCommit`. */
  onAudit(listener: AuditListener): void {
    this.auditListeners.push(listener);
  }

  /**
   * Runs one write: its rows, its change-log entries and its one audit entry commit together or not at all.
   * `work` sees every write before it, committed or in its group; it must touch nothing but `trx`, and a
   * failure it throws takes back its own rows only.
   */
  write<T>(actor: Actor, work: (trx: Trx, now: Date) => Promise<WriteOutcome<T>>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue({ kind: 'write', actor, work, settle: { resolve: resolve as (value: unknown) => void, reject } });
    });
  }

  /**
   * A rehearsal: `work` runs in a transaction in its turn among the writes, as a write would, and the
   * transaction is always rolled back. A ledger's preview does every check and every insert of the real
   * import and keeps nothing; no change is logged or heard.
   */
  rehearse<T>(work: (trx: Trx, now: Date) => Promise<T>): Promise<T> {
    return this.alone(async () => {
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
  async idle(): Promise<void> {
    await this.alone(async () => undefined);
  }

  /** A read that sees no write half-way: it waits its turn behind the writes. */
  readConsistent<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.alone(() => work(this.db));
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

  private alone<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue({ kind: 'turn', run, settle: { resolve: resolve as (value: unknown) => void, reject } });
    });
  }

  private enqueue(job: QueuedWrite | QueuedTurn): void {
    this.queue.push(job);
    if (this.draining) return;
    this.draining = true;
    // started on the next turn of the event loop: the writes of every request read in this turn join the group
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0]!;
        if (head.kind === 'turn') {
          this.queue.shift();
          // a turn that throws before its first await is refused like one that rejects
          await Promise.resolve().then(head.run).then(head.settle.resolve, head.settle.reject);
        } else {
          let size = 1;
          while (size < MAX_GROUP_WRITES && this.queue[size]?.kind === 'write') size++;
          await this.commitGroup(this.queue.splice(0, size) as QueuedWrite[]);
        }
        if (this.changesSincePrune >= PRUNE_EVERY_CHANGES) await this.pruneChangeLog().catch(() => undefined);
        // a turn of the event loop between groups: requests, health checks and reads get in
        if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      // whatever went wrong, the queue keeps moving
      this.draining = false;
      if (this.queue.length > 0) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    }
  }

  /**
   * One transaction for the group. A write alone runs as before, with no savepoint: its failure rolls back
   * the transaction, which holds nothing else.
   */
  private async commitGroup(group: QueuedWrite[]): Promise<void> {
    const written: Written[] = [];
    const failed: { write: QueuedWrite; error: unknown }[] = [];
    let seq = this.seq;
    let auditSeq = this.auditSeq;
    const apart = group.length > 1;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const write of group) {
          if (apart) await SAVEPOINT.execute(trx, {});
          try {
            const at = this.clock();
            const outcome = await write.work(trx, at);
            const changes = outcome.changes.map((draft, i) => ({ ...draft, seq: seq + i + 1, at: at.toISOString(), actor: write.actor.name }) as Change);
            // a write's record is usually both its change's data and its audit entry's `after`: serialised once
            const json = serialiser();
            await insertChanges(trx, changes, json);
            if (outcome.audit) await INSERT_AUDIT.execute(trx, auditRow(auditSeq + 1, at, write.actor, outcome.audit, json));
            if (apart) await RELEASE_SAVEPOINT.execute(trx, {});
            seq += changes.length;
            if (outcome.audit) auditSeq += 1;
            written.push({ write, result: outcome.result, changes, audit: outcome.audit });
          } catch (error) {
            if (!apart) throw error;
            // takes back this write's rows only; if even that fails, the whole group fails below
            await ROLLBACK_TO_SAVEPOINT.execute(trx, {});
            await RELEASE_SAVEPOINT.execute(trx, {});
            failed.push({ write, error });
          }
        }
      });
    } catch (error) {
      // nothing of the group was kept: a write that failed on its own hears its own reason, the rest this one
      for (const { write } of written) write.settle.reject(error);
      for (const f of failed) f.write.settle.reject(f.error);
      if (!apart) group[0]!.settle.reject(error);
      return;
    }
    this.seq = seq;
    this.auditSeq = auditSeq;
    const changes = written.flatMap((w) => w.changes);
    const audits = written.flatMap((w) => (w.audit ? [w.audit] : []));
    this.changesSincePrune += changes.length;
    let listenerError: { error: unknown } | null = null;
    try {
      if (changes.length > 0) for (const listener of this.listeners) listener(changes);
      if (audits.length > 0) for (const listener of this.auditListeners) listener(audits);
    } catch (error) {
      // a listener's failure is a bug; the writes are committed, but their callers hear of it
      listenerError = { error };
    }
    for (const w of written) {
      if (listenerError) w.write.settle.reject(listenerError.error);
      else w.write.settle.resolve(w.result);
    }
    for (const f of failed) f.write.settle.reject(f.error);
  }

  private async pruneChangeLog(): Promise<void> {
    this.changesSincePrune = 0;
    await this.db
      .deleteFrom('changes')
      .where('seq', '<=', this.seq - this.changeLogRetain)
      .execute();
  }
}

/** A write's change-log rows: one row (the usual write) by its prepared statement, many in chunks. */
async function insertChanges(trx: Trx, changes: Change[], json: Serialise): Promise<void> {
  if (changes.length === 1) {
    await INSERT_CHANGE.execute(trx, changeRow(changes[0]!, json));
    return;
  }
  for (let i = 0; i < changes.length; i += INSERT_CHUNK_ROWS)
    await trx
      .insertInto('changes')
      .values(changes.slice(i, i + INSERT_CHUNK_ROWS).map((change) => changeRow(change, json)))
      .execute();
}

type Serialise = (value: unknown) => string | null;

/** JSON of values, each object serialised once however often it is asked for (by identity). */
function serialiser(): Serialise {
  const done = new Map<unknown, string>();
  return (value) => {
    if (value === null || value === undefined) return null;
    let text = done.get(value);
    if (text === undefined) done.set(value, (text = JSON.stringify(value)));
    return text;
  };
}

function auditRow(seq: number, at: Date, actor: Actor, audit: AuditRecord, json: Serialise) {
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

function changeRow(change: Change, json: Serialise) {
  return {
    seq: change.seq,
    entity: change.entity,
    op: change.op,
    entityId: change.data.id,
    district: changeDistrict(change) ?? null,
    data: json(change.data)!,
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
