import type { Logger } from 'pino';
import type { FirmsPollerConfig } from '../config.ts';
import type { FirmsImportReport } from '../../shared/firms.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { importFirms } from './firms-import.ts';

/** What the import screen shows of the poller. */
export interface FirmsPollerStatus {
  enabled: boolean;
  source: string | null;
  area: string | null;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastReport: FirmsImportReport | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
}

const POLLER: Actor = { name: 'FIRMS', role: 'system' };
/** However long the failures last, the poller tries again at least this often. */
const MAX_BACKOFF_MS = 60 * 60_000;

/** Back-off after `failures` failures in a row: the interval doubled each time, up to an hour. */
export const nextPollDelay = (intervalMs: number, failures: number) => Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, MAX_BACKOFF_MS));

/** The Area API address, with the key masked for logs. */
const areaUrl = (c: FirmsPollerConfig, key = c.mapKey) =>
  `${c.apiUrl.replace(/\/$/, '')}/api/area/csv/${encodeURIComponent(key)}/${c.source}/${c.area}/${c.dayRange}`;

/**
 * Polls NASA FIRMS for new hotspots over the region and imports them like an uploaded file (merged, region
 * filtered, idempotent, so the same detections polled again add nothing). A failure — network, HTTP status, a
 * refused key, a body that is not FIRMS CSV — is logged and retried with back-off; it never stops the server.
 */
export class FirmsPoller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly state: FirmsPollerStatus;

  constructor(
    private readonly config: FirmsPollerConfig | null,
    private readonly deps: DomainDeps,
    private readonly log: Logger,
  ) {
    this.state = {
      enabled: config !== null,
      source: config?.source ?? null,
      area: config?.area ?? null,
      lastPollAt: null,
      lastSuccessAt: null,
      lastReport: null,
      lastError: null,
      consecutiveFailures: 0,
      nextPollAt: null,
    };
  }

  status(): FirmsPollerStatus {
    return { ...this.state };
  }

  start(): void {
    if (this.config) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.state.nextPollAt = new Date(Date.now() + delayMs).toISOString();
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => (this.running = null));
    }, delayMs);
  }

  private async poll() {
    const config = this.config!;
    this.state.lastPollAt = new Date().toISOString();
    try {
      const response = await fetch(areaUrl(config), { signal: AbortSignal.timeout(60_000) });
      const body = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
      const report = await importFirms(this.deps, body, POLLER);
      Object.assign(this.state, { lastSuccessAt: new Date().toISOString(), lastReport: report, lastError: null, consecutiveFailures: 0 });
      this.log.info(
        { source: config.source, rows: report.rows, imported: report.imported, merged: report.merged, rejected: report.rejectedRows },
        'FIRMS polled',
      );
    } catch (err) {
      this.state.consecutiveFailures++;
      this.state.lastError = err instanceof Error ? err.message : String(err);
      this.log.warn({ url: areaUrl(config, '***'), failures: this.state.consecutiveFailures, err: this.state.lastError }, 'FIRMS poll failed; backing off');
    }
    this.schedule(nextPollDelay(config.intervalMs, this.state.consecutiveFailures));
  }
}
