import type { Logger } from 'pino';

/**
 * Runs a server-side check every `ms` (escalations, overdue hazards), never two at once, logging what it
 * did and any failure; the check itself is a plain function its tests call on a clock they move.
 */
export function runEvery<T>(ms: number, what: string, check: () => Promise<T[]>, log: Logger): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    check()
      .then((done) => done.length > 0 && log.warn({ count: done.length }, what))
      .catch((err) => log.error({ err }, `${what}: check failed`))
      .finally(() => (running = false));
  }, ms);
  return { stop: () => clearInterval(timer) };
}
