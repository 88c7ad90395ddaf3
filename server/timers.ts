import type { Logger } from 'pino';

/**
 * Runs a server-side check every `ms` (escalations, overdue hazards), never two at once, logging what it
 * did and any failure; the check itself is a plain function its tests call on a clock they move.
 */
export function runEvery<T>(ms: number, what: string, check: () => Promise<T[]>, log: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = check()
      .then((done) => void (done.length > 0 && log.warn({ count: done.length }, what)))
      .catch((err) => log.error({ err }, `${what}: check failed`))
      .finally(() => (running = null));
  }, ms);
  return {
    /** Stops the timer and resolves once a check under way has finished, so the database can close after it. */
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
