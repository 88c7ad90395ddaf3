import express from 'express';
import ical from 'ical-generator';
import { z } from 'zod';
import { localDutyDate } from '../../shared/duty.ts';
import { circleRing, toPointFeature } from '../../shared/geo.ts';
import { inForce } from '../../shared/warnings.ts';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { listDutyShifts } from '../duty/repository.ts';
import { listFireAlerts } from '../fire-alerts/repository.ts';
import { listIncidents } from '../incidents/repository.ts';
import { listRiskPoints } from '../risk-points/repository.ts';
import { listWarnings } from '../warnings/repository.ts';

const DAY_MS = 86_400_000;
const LAYERS = ['risk-points', 'fire-alerts', 'incidents', 'warnings'] as const;
const layerSchema = z.enum(LAYERS);
const rosterQuerySchema = z.object({ person: z.string().trim().min(1).max(60).optional() });

/** Local duty days from `from` to `to` days around now. */
const dutyDays = (now: Date, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => localDutyDate(new Date(now.getTime() + (from + i) * DAY_MS)));

async function layerFeatures(deps: DomainDeps, layer: z.infer<typeof layerSchema>): Promise<GeoJSON.Feature[]> {
  const db = deps.store.db;
  const since = new Date(deps.store.clock().getTime() - 30 * DAY_MS).toISOString();
  switch (layer) {
    case 'risk-points':
      return (await listRiskPoints(db)).map(toPointFeature);
    case 'fire-alerts':
      return (await listFireAlerts(db, { activeOrChangedSince: since, limit: 100_000 })).map(toPointFeature);
    case 'incidents':
      return (await listIncidents(db, since)).map(toPointFeature);
    case 'warnings':
      return (await listWarnings(db, since)).filter(inForce).flatMap((w) =>
        w.areas.map((area): GeoJSON.Feature => ({
          type: 'Feature',
          id: w.id,
          geometry: { type: 'MultiPolygon', coordinates: [...area.polygons.map((ring) => [ring]), ...area.circles.map((c) => [circleRing(c.lon, c.lat, c.radiusKm)])] },
          properties: { id: w.id, identifier: w.identifier, event: w.event, severity: w.severity, status: w.status, area: area.description, districts: area.districts },
        })),
      );
  }
}

/** `/api/export/<layer>.geojson` for GIS tools, and the duty roster as an iCalendar file. */
export function exportRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/:layer.geojson', async (req, res) => {
    const layer = parseInput(layerSchema, req.params.layer, 'layer');
    res.type('application/geo+json').attachment(`${layer}.geojson`).json({ type: 'FeatureCollection', features: await layerFeatures(deps, layer) });
  });

  /** 值班表: every shift from a week back to a month ahead, for the whole bureau or one person. */
  router.get('/roster.ics', async (req, res) => {
    const { person } = parseInput(rosterQuerySchema, req.query, 'roster query');
    const shifts = (await listDutyShifts(deps.store.db, dutyDays(deps.store.clock(), -7, 31))).filter((s) => !person || s.person === person);
    const calendar = ical({ name: person ? `值班表 · ${person}` : '九江市应急管理局值班表', timezone: 'Asia/Shanghai', prodId: { company: 'Jiujiang EMB', product: 'OneMap Command' } });
    for (const s of shifts)
      calendar.createEvent({ id: s.id, start: new Date(s.startsAt), end: new Date(s.endsAt), summary: `值班 · ${s.person}（${s.role}）`, description: `电话 ${s.phone}` });
    res.type('text/calendar; charset=utf-8').attachment(person ? 'roster-person.ics' : 'roster.ics').send(calendar.toString());
  });
  return router;
}
