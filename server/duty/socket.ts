import type { Logger } from 'pino';
import type { DomainDeps } from '../deps.ts';
import { type AppSocket, onCommand } from '../realtime/command.ts';
import { updateDutyShift } from './service.ts';

export function dutyCommands(socket: AppSocket, deps: DomainDeps, log: Logger): void {
  onCommand(socket, 'dutyShift:update', log, (payload) => {
    const { id, patch } = (payload ?? {}) as { id?: unknown; patch?: unknown };
    return updateDutyShift(deps, id, patch, socket.data.actor);
  });
}
