import type { Logger } from 'pino';
import type { DomainDeps } from '../deps.ts';
import { type AppSocket, onCommand } from '../realtime/command.ts';
import { createRiskPoint, updateRiskPoint } from './service.ts';

export function riskPointCommands(socket: AppSocket, deps: DomainDeps, log: Logger): void {
  onCommand(socket, 'riskPoint:create', log, (payload) => createRiskPoint(deps, payload, socket.data.actor));
  onCommand(socket, 'riskPoint:update', log, (payload) => {
    const { id, patch } = (payload ?? {}) as { id?: unknown; patch?: unknown };
    return updateRiskPoint(deps, id, patch, socket.data.actor);
  });
}
