import type { Principal } from '../../shared/auth.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import type { ScreenConfig } from '../../shared/basemap.ts';
import { initialSyncState, KEEP_FINISHED_MS, type SyncState } from '../../shared/sync.ts';
import { connectFeed, type Feed, type FeedSocket, type FeedStatus } from './feed.ts';

/** Everything the screen renders from: the synced picture, the link's state and the screen's own choices. */
export interface LiveView {
  sync: SyncState;
  status: FeedStatus;
  /** When the last change (or snapshot) arrived, ms since epoch. */
  lastChangeAt: number | null;
  /** The instance runs on simulated data (from /api/health); records also carry their own flag. */
  demo: boolean;
  /** Who is signed in at this screen. */
  principal: Principal | null;
  /** The district the officer is looking at; null for the whole city. Filters panels and charts. */
  district: DistrictCode | null;
  /** The record in the detail drawer. */
  selected: { kind: 'riskPoint' | 'fireAlert'; id: string } | null;
  /** Where the map should fly next; `at` makes a repeated request for the same place a new one. */
  focus: { lon: number; lat: number; zoom: number; at: number } | null;
}

type Listener = () => void;

/**
 * The one store of a screen. The feed writes into it; components read slices with useLive(). The
 * connection is opened by start() and closed by stop(), by whoever made the store (main.tsx, or a LiveProvider
 * given none).
 */
export class LiveStore {
  private view: LiveView = {
    sync: initialSyncState,
    status: 'connecting',
    lastChangeAt: null,
    demo: false,
    principal: null,
    district: null,
    selected: null,
    focus: null,
  };
  private listeners = new Set<Listener>();
  private feed: Feed | null = null;
  private keepFinishedMs = KEEP_FINISHED_MS;

  readonly subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = () => this.view;

  update(patch: Partial<LiveView>): void {
    this.view = { ...this.view, ...patch };
    this.listeners.forEach((l) => l());
  }

  /** Opens the connection; does nothing when it is open already. */
  start(url?: string): void {
    if (this.feed) return;
    this.feed = connectFeed(url, {
      onState: (sync) => this.update({ sync, lastChangeAt: Date.now() }),
      onStatus: (status) => this.update({ status }),
      keepFinishedMs: () => this.keepFinishedMs,
    });
  }

  /** Takes the server's settings for screens: how long finished records stay. */
  configure(config: Pick<ScreenConfig, 'keepFinishedMinutes'>): void {
    this.keepFinishedMs = config.keepFinishedMinutes * 60_000;
  }

  stop(): void {
    this.feed?.close();
    this.feed = null;
  }

  /** Opens a record in the drawer and flies the map to it. */
  show(kind: 'riskPoint' | 'fireAlert', record: { id: string; lon: number; lat: number }): void {
    this.update({ selected: { kind, id: record.id }, focus: { lon: record.lon, lat: record.lat, zoom: 13, at: Date.now() } });
  }

  /** The screen's one socket, for the parts of a screen that speak their own events over it (a consultation). */
  socket(): FeedSocket | null {
    return this.feed?.socket ?? null;
  }

  /** For tests and the resilience drill: drop the link as a network fault would. */
  dropConnection(): void {
    this.feed?.socket.io.engine.close();
  }
}
