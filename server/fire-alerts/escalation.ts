import type { Logger } from 'pino';
import type { DomainDeps } from '../deps.ts';
import { escalateOverdueAlerts } from './service.ts';

/** How often untaken alerts are checked: escalation happens at most this late. */
const SWEEP_MS = 5_000;

/** The timer that escalates untaken fire alerts; the rule itself is escalateOverdueAlerts. */
export function watchEscalations(deps: DomainDeps, log: Logger): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    escalateOverdueAlerts(deps)
      .then((escalated) => escalated.length > 0 && log.warn({ alerts: escalated.map((a) => a.id) }, 'fire alerts escalated to the leader on duty'))
      .catch((err) => log.error({ err }, 'escalation check failed'))
      .finally(() => (running = false));
  }, SWEEP_MS);
  return { stop: () => clearInterval(timer) };
}
