import { useEffect, useSyncExternalStore } from 'react';
import { type Notification, notificationSchema, seesNotifications } from '../../shared/notifications.ts';
import type { LiveStore } from '../realtime/live-store.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';

/** Notifications a desk holds: the newest, as many as the delivery log shows. */
const KEPT = 200;

/**
 * The notifications a desk holds, apart from the live picture: the server never puts them in a snapshot
 * (walls and observers must not have them), so the desk reads the newest over HTTP whenever its feed
 * (re)starts and folds in the `notification` changes its feed brings, newest version by `updatedAt`.
 */
export class NotificationStore {
  private byId = new Map<string, Notification>();
  private list: Notification[] = [];
  private readonly listeners = new Set<() => void>();
  private started = false;
  loaded = false;

  constructor(private readonly live: LiveStore) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = () => this.list;

  /** Starts following the feed; a second call does nothing. */
  start(): void {
    const socket = this.live.socket();
    if (this.started || !socket) return;
    this.started = true;
    socket.on('changes', (changes) => this.merge(changes.flatMap((c) => (c.entity === 'notification' ? [c.data] : []))));
    // what happened while the link was down is read again, as is everything at the start
    socket.on('connect', () => void this.reload());
    void this.reload();
  }

  async reload(): Promise<void> {
    try {
      const response = await fetch(`/api/notifications?limit=${KEPT}`);
      if (!response.ok) return;
      const body = (await response.json()) as { items: unknown[] };
      this.merge(body.items.map((n) => notificationSchema.parse(n)));
      this.loaded = true;
      this.emit();
    } catch {
      // the next reconnect reads again
    }
  }

  /** Folds in records, keeping the newer of two versions of one notification. */
  merge(records: readonly Notification[]): void {
    let touched = false;
    for (const n of records) {
      const held = this.byId.get(n.id);
      if (held && held.updatedAt > n.updatedAt) continue;
      this.byId.set(n.id, n);
      touched = true;
    }
    if (!touched) return;
    this.list = [...this.byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)).slice(0, KEPT);
    if (this.byId.size > KEPT) this.byId = new Map(this.list.map((n) => [n.id, n]));
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}

const stores = new WeakMap<LiveStore, NotificationStore>();

/** The screen's one notification store, beside its live store. */
export function notificationStoreOf(live: LiveStore): NotificationStore {
  let store = stores.get(live);
  if (!store) stores.set(live, (store = new NotificationStore(live)));
  return store;
}

/**
 * The notifications this desk may see (newest first): none for a role that may not (an observer). Reading
 * starts with the first component that asks.
 */
export function useNotifications(): Notification[] {
  const live = useLiveStore();
  const store = notificationStoreOf(live);
  const role = useLive((v) => v.principal?.role);
  const allowed = role !== undefined && seesNotifications(role);
  useEffect(() => {
    if (allowed) store.start();
  }, [allowed, store]);
  const list = useSyncExternalStore(store.subscribe, store.get);
  return allowed ? list : NONE;
}

const NONE: Notification[] = [];
