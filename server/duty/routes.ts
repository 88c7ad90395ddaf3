import { Router } from 'express';
import { dutyRosterQuerySchema, localDutyDate, nextShifts, shiftsOnDutyAt } from '../../shared/duty.ts';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { actorOf } from '../auth/http.ts';
import { listDutyShifts } from './repository.ts';
import { dutyRosterAround, updateDutyShift } from './service.ts';

export function dutyRoutes(deps: DomainDeps): Router {
  const router = Router();

  /** Who is on duty now and who takes over next, derived from the roster at this moment. */
  router.get('/now', async (_req, res) => {
    const now = deps.store.clock();
    const shifts = await dutyRosterAround(deps, now);
    res.json({ at: now.toISOString(), onDuty: shiftsOnDutyAt(shifts, now), next: nextShifts(shifts, now) });
  });

  router.get('/roster', async (req, res) => {
    const { date } = parseInput(dutyRosterQuerySchema, req.query, 'roster query');
    const day = date ?? localDutyDate(deps.store.clock());
    res.json({ date: day, shifts: await listDutyShifts(deps.store.db, [day]) });
  });

  router.patch('/shifts/:id', async (req, res) => {
    res.json(await updateDutyShift(deps, req.params.id, req.body, actorOf(req)));
  });

  return router;
}
