import type { Logger } from 'pino';
import type { DomainDeps } from '../deps.ts';
import { type AppSocket, onCommand } from '../realtime/command.ts';
import { reportFireAlert, transitionFireAlert } from './service.ts';

export function fireAlertCommands(socket: AppSocket, deps: DomainDeps, log: Logger): void {
  onCommand(socket, 'fireAlert:report', log, async (payload) => (await reportFireAlert(deps, payload, socket.data.actor)).alert);
  onCommand(socket, 'fireAlert:transition', log, (payload) => {
    const { id, ...transition } = (payload ?? {}) as { id?: unknown };
    return transitionFireAlert(deps, id, transition, socket.data.actor);
  });
}
