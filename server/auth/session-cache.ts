import type { Principal } from '../../shared/auth.ts';
import type { AuditRecord } from '../db/store.ts';

export interface LiveSession {
  sessionId: string;
  principal: Principal;
  expiresAt: string;
}

/** How long a session read stays trusted without a word from this node's writes (another node's sign-out). */
const TRUST_MS = 5_000;
/** Sessions kept at most; the oldest read go first. */
const MAX_SESSIONS = 10_000;

/** The audit entities whose writes may end, disable or change a session: any of them empties the cache. */
const SESSION_ENTITIES = new Set(['session', 'account', 'device']);

/**
 * The live sessions as last read from the database, so a request does not read its session again: the
 * lookup (a join of three tables) was ≈ 10 % of an HTTP write's time. Emptied at once by every committed
 * write of sessions, accounts or devices (sign-out, disable, revoke, new password), which the store reports
 * to `forgetOn`; an entry is also trusted only until its session expires and for TRUST_MS at most, which
 * bounds what a write on another node can leave stale here.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: LiveSession; readAt: number }>();
  /** Counts the times the cache was emptied: a read that began before the last one is not kept. */
  private generation = 0;

  constructor(private readonly clock: () => Date) {}

  get(sessionId: string): LiveSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    const now = this.clock();
    if (now.getTime() - entry.readAt > TRUST_MS || entry.session.expiresAt <= now.toISOString()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.session;
  }

  /** A mark to pass to `remember` with what a read begun now finds. */
  get mark(): number {
    return this.generation;
  }

  /** Keeps a session read from the database, unless a write of sessions committed since the read began. */
  remember(session: LiveSession, readAt: Date, mark: number): void {
    if (mark !== this.generation) return;
    this.entries.delete(session.sessionId);
    if (this.entries.size >= MAX_SESSIONS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(session.sessionId, { session, readAt: readAt.getTime() });
  }

  /** A store's audit listener: forgets every session when a write touched sessions, accounts or devices. */
  readonly forgetOn = (entries: readonly AuditRecord[]): void => {
    if (!entries.some((e) => SESSION_ENTITIES.has(e.entity))) return;
    this.entries.clear();
    this.generation += 1;
  };
}
