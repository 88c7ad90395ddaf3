import express, { type Request } from 'express';
import { z } from 'zod';
import { toPointFeature } from '../../shared/geo.ts';
import { areaShapes, inForce } from '../../shared/warnings.ts';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { listFireAlerts } from '../fire-alerts/repository.ts';
import { listIncidents } from '../incidents/repository.ts';
import { listRiskPoints } from '../risk-points/repository.ts';
import { shownTo } from '../risk-points/routes.ts';
import { listWarnings } from '../warnings/repository.ts';
import { rosterCalendar } from './roster-calendar.ts';

const DAY_MS = 86_400_000;
const LAYERS = ['risk-points', 'fire-alerts', 'incidents', 'warnings'] as const;
const layerSchema = z.enum(LAYERS);
const rosterQuerySchema = z.object({ person: z.string().trim().min(1).max(60).optional() });

async function layerFeatures(deps: DomainDeps, layer: z.infer<typeof layerSchema>, req: Request): Promise<GeoJSON.Feature[]> {
  const db = deps.store.db;
  const since = new Date(deps.store.clock().getTime() - 30 * DAY_MS).toISOString();
  switch (layer) {
    case 'risk-points':
      return shownTo(req, await listRiskPoints(db)).map(toPointFeature);
    case 'fire-alerts':
      return (await listFireAlerts(db, { activeOrChangedSince: since, limit: 100_000 })).map(toPointFeature);
    case 'incidents':
      // an incident told only by district and address has no point to draw
      return (await listIncidents(db, since)).flatMap((i) => (i.lon === null || i.lat === null ? [] : [toPointFeature({ ...i, lon: i.lon, lat: i.lat })]));
    case 'warnings':
      return (await listWarnings(db, since)).filter(inForce).flatMap((w) =>
        w.areas.map((area): GeoJSON.Feature => ({
          type: 'Feature',
          id: w.id,
          geometry: { type: 'MultiPolygon', coordinates: areaShapes(area, (code) => deps.locator.outline(code)) },
          properties: {
            id: w.id,
            identifier: w.identifier,
            event: w.event,
            severity: w.severity,
            status: w.status,
            area: area.description,
            districts: area.districts,
          },
        })),
      );
  }
}

/** `/api/export/<layer>.geojson` for GIS tools, and the duty roster as an iCalendar file. */
export function exportRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/:layer.geojson', async (req, res) => {
    const layer = parseInput(layerSchema, req.params.layer, 'layer');
    res
      .type('application/geo+json')
      .attachment(`${layer}.geojson`)
      .json({ type: 'FeatureCollection', features: await layerFeatures(deps, layer, req) });
  });

  /** The duty roster (值班表) as a file, for the whole bureau or one person; calendar apps subscribe via /calendar-feeds. */
  router.get('/roster.ics', async (req, res) => {
    const { person } = parseInput(rosterQuerySchema, req.query, 'roster query');
    res
      .type('text/calendar; charset=utf-8')
      .attachment(person ? 'roster-person.ics' : 'roster.ics')
      .send(await rosterCalendar(deps, person ?? null));
  });
  return router;
}
