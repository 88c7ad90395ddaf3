import { Router } from 'express';
import { dutyRosterQuerySchema, localDutyDate, nextShifts, shiftsOnDutyAt } from '../../shared/duty.ts';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { actorOf } from '../auth/http.ts';
import { listDutyLog, listDutyShifts } from './repository.ts';
import { addDutyLogEntry, checkIn, checkOut, confirmHandover, createDutyShift, dutyRosterAround, updateDutyShift, writeHandover } from './service.ts';

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

  router.post('/shifts', async (req, res) => {
    res.status(201).json(await createDutyShift(deps, req.body, actorOf(req)));
  });
  router.patch('/shifts/:id', async (req, res) => {
    res.json(await updateDutyShift(deps, req.params.id, req.body, actorOf(req)));
  });
  router.post('/shifts/:id/check-in', async (req, res) => {
    res.json(await checkIn(deps, req.params.id, actorOf(req)));
  });
  router.post('/shifts/:id/check-out', async (req, res) => {
    res.json(await checkOut(deps, req.params.id, actorOf(req)));
  });

  router.post('/handovers', async (req, res) => {
    res.status(201).json(await writeHandover(deps, req.body, actorOf(req)));
  });
  router.post('/handovers/:id/confirm', async (req, res) => {
    res.json(await confirmHandover(deps, req.params.id, actorOf(req)));
  });

  router.get('/log', async (req, res) => {
    const { date } = parseInput(dutyRosterQuerySchema, req.query, 'log query');
    res.json({ items: await listDutyLog(deps.store.db, [date ?? localDutyDate(deps.store.clock())]) });
  });
  router.post('/log', async (req, res) => {
    res.status(201).json(await addDutyLogEntry(deps, req.body, actorOf(req)));
  });

  return router;
}
