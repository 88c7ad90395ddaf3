import type { Change } from '../../shared/changes.ts';
import { findAccount } from '../auth/repository.ts';
import type { Store } from '../db/store.ts';

/** The kinds of record the feed works. */
export type FeedEntity = 'riskPoint' | 'fireAlert' | 'hazard' | 'dutyShift';

/** What the feed needs to know of a record to tell whether it may work it. */
export interface FeedCandidate {
  id: string;
  demo: boolean;
  /** The first step of its history, for the records that keep one (alerts, hazards). */
  history?: readonly { actor: string }[];
}

/** The seeded records' ids: the demo city's points and rosters are made by the feed under these. */
const SEEDED_ID: Partial<Record<FeedEntity, string>> = { riskPoint: 'demo-rp-', dutyShift: 'demo-duty-', hazard: 'demo-hz-' };

/** Made by the feed: flagged demo, and either seeded by it or with the feed as the first hand in its history. */
export function madeByFeed(entity: FeedEntity, record: FeedCandidate, feed: string): boolean {
  if (!record.demo) return false;
  const seeded = SEEDED_ID[entity];
  if (seeded && record.id.startsWith(seeded)) return true;
  return record.history?.[0]?.actor === feed;
}

const key = (entity: string, id: string) => `${entity}:${id}`;

/**
 * Which records the demo feed may still work: the ones it made, that no person has changed since. A demo
 * instance flags everything demo, whoever wrote it, so the flag alone cannot tell; the change log can — every
 * change names its writer. The log is read once at start and every commit after, keeping for each record
 * the writers other than the feed; a writer is a person when an account has that name (the server's own
 * timers — escalation, the overdue check — have none, and what they do to a demo record is the clock's doing).
 */
export class FeedRecords {
  private readonly otherHands = new Map<string, Set<string>>();
  private readonly accounts = new Map<string, boolean>();

  private constructor(
    private readonly store: Store,
    private readonly feed: string,
  ) {}

  static async load(store: Store, feed: string): Promise<FeedRecords> {
    const records = new FeedRecords(store, feed);
    // listening first: a commit between the read and the listener would otherwise be missed
    store.onCommit((changes) => records.observe(changes));
    const rows = await store.db.selectFrom('changes').select(['entity', 'entityId', 'actor']).where('actor', '<>', feed).execute();
    for (const row of rows) records.note(row.entity, row.entityId, row.actor);
    return records;
  }

  private observe(changes: readonly Change[]) {
    for (const change of changes) if (change.actor !== this.feed) this.note(change.entity, change.data.id, change.actor);
  }

  private note(entity: string, id: string, actor: string) {
    const k = key(entity, id);
    const hands = this.otherHands.get(k);
    if (hands) hands.add(actor);
    else this.otherHands.set(k, new Set([actor]));
  }

  private async isPerson(name: string): Promise<boolean> {
    let known = this.accounts.get(name);
    if (known === undefined) this.accounts.set(name, (known = (await findAccount(this.store.db, name)) !== undefined));
    return known;
  }

  /** The feed made this record and no person has touched it: the feed may work it. */
  async mayWork(entity: FeedEntity, record: FeedCandidate): Promise<boolean> {
    if (!madeByFeed(entity, record, this.feed)) return false;
    for (const hand of this.otherHands.get(key(entity, record.id)) ?? []) if (await this.isPerson(hand)) return false;
    return true;
  }

  /** Those of `records` the feed may work, in their order. */
  async workable<R extends FeedCandidate>(entity: FeedEntity, records: readonly R[]): Promise<R[]> {
    const mine: R[] = [];
    for (const record of records) if (await this.mayWork(entity, record)) mine.push(record);
    return mine;
  }
}
