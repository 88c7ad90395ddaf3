import { Router } from 'express';
import { dutyHandoverListQuerySchema, dutyRosterQuerySchema, dutyWeekQuerySchema, localDutyDate, nextShifts, shiftsOnDutyAt } from '../../shared/duty.ts';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { actorOf } from '../auth/http.ts';
import { findDutyShifts, listDutyLog, listDutyShifts, listRecentHandovers } from './repository.ts';
import {
  addDutyLogEntry,
  checkIn,
  checkOut,
  confirmHandover,
  copyPreviousWeek,
  createDutyShift,
  dutyRosterAround,
  dutyWeek,
  updateDutyShift,
  writeHandover,
} from './service.ts';

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

  /** 排班: the week (Mon–Sun, Asia/Shanghai) any given day falls in. */
  router.get('/week', async (req, res) => {
    const { week } = parseInput(dutyWeekQuerySchema, req.query, 'week query');
    res.json(await dutyWeek(deps, week ?? localDutyDate(deps.store.clock())));
  });
  router.post('/weeks/copy', async (req, res) => {
    res.status(201).json({ items: await copyPreviousWeek(deps, req.body, actorOf(req)) });
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

  /** The newest handovers, confirmed or not, each with the two shifts it joins (which may be long past). */
  router.get('/handovers', async (req, res) => {
    const { limit } = parseInput(dutyHandoverListQuerySchema, req.query, 'handover query');
    const handovers = await listRecentHandovers(deps.store.db, limit);
    const shifts = new Map((await findDutyShifts(deps.store.db, [...new Set(handovers.flatMap((h) => [h.fromShiftId, h.toShiftId]))])).map((s) => [s.id, s]));
    res.json({ items: handovers.map((h) => ({ ...h, from: shifts.get(h.fromShiftId) ?? null, to: shifts.get(h.toShiftId) ?? null })) });
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
