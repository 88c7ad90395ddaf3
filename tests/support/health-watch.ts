import fs from 'node:fs';

/** What a watch saw while an attack ran: the slowest health answer, any unanswered, and the peak RSS. */
export interface HealthWatchReport {
  probes: number;
  slowestMs: number;
  /** Probes with no answer within the deadline, or a non-200 answer. */
  failures: number;
  /** The server process's peak resident memory while watched (MB), when its pid is known. */
  peakRssMb: number | null;
}

const rssMbOf = (pid: number): number | null => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
};

/**
 * Asks `GET /api/health` every `everyMs` while an attack runs and measures how long each answer takes (a
 * frozen event loop shows as a slow or missing answer), and samples the server's RSS from /proc when `pid`
 * is given (a server in a child process; for an in-process server pass `process.pid`).
 */
export function watchHealth(base: string, { pid, everyMs = 200, deadlineMs = 2000 }: { pid?: number; everyMs?: number; deadlineMs?: number } = {}) {
  const report: HealthWatchReport = { probes: 0, slowestMs: 0, failures: 0, peakRssMb: null };
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  const probe = async () => {
    const started = performance.now();
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(deadlineMs) });
      await res.arrayBuffer();
      if (res.status !== 200) report.failures++;
    } catch {
      report.failures++;
    }
    report.probes++;
    report.slowestMs = Math.max(report.slowestMs, performance.now() - started);
  };
  const timer = setInterval(() => {
    if (stopped) return;
    const p = probe().finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (pid !== undefined) {
      const rss = rssMbOf(pid);
      if (rss !== null) report.peakRssMb = Math.max(report.peakRssMb ?? 0, rss);
    }
  }, everyMs);
  return {
    report,
    /** Stops probing once the probes in flight have answered (or timed out); resolves with the report. */
    async stop(): Promise<HealthWatchReport> {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inFlight);
      return report;
    },
  };
}
