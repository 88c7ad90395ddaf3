import type { DistrictCode } from '../../shared/districts.ts';
import { connectFeed, type Feed, type FeedStatus } from '../../client/realtime/feed.ts';
import type { LiveState, SyncState } from '../../shared/sync.ts';

/** A screen as the product's client runs it (same feed code), plus waiting helpers for tests. */
export interface TestScreen extends Feed {
  statuses: FeedStatus[];
  /** The screen's live picture; throws before the first snapshot. */
  live(): LiveState;
  waitFor(predicate: (state: SyncState) => boolean, timeoutMs?: number, what?: string): Promise<SyncState>;
}

/** `cookie` is a session's Cookie header (see accounts.ts sessionCookie). */
export function openScreen(url: string, options: { districts?: DistrictCode[]; cookie: string }): TestScreen {
  const statuses: FeedStatus[] = [];
  const waiters = new Set<() => void>();
  const feed = connectFeed(url, {
    districts: options.districts,
    cookie: options.cookie,
    transports: ['websocket'],
    onState: () => waiters.forEach((w) => w()),
    onStatus: (s) => {
      statuses.push(s);
      waiters.forEach((w) => w());
    },
  });
  return {
    ...feed,
    statuses,
    live() {
      const live = feed.state().live;
      if (!live) throw new Error('the screen has no snapshot yet');
      return live;
    },
    waitFor(predicate, timeoutMs = 10_000, what = 'condition') {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(feed.state())) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(feed.state());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
