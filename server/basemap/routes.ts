import express from 'express';
import { basemapFromSetting, LOCAL_PMTILES_PATH, type ScreenConfig } from '../../shared/basemap.ts';
import { authenticate, requirePermission } from '../auth/http.ts';
import type { DomainDeps } from '../deps.ts';

const isUrl = (setting: string) => /^https?:\/\//i.test(setting);

export function screenConfig(basemap: string | null, rules: Omit<ScreenConfig, 'basemap'>): ScreenConfig {
  return { basemap: basemap ? basemapFromSetting(basemap) : null, ...rules };
}

/** The origin screens must be allowed to fetch basemap tiles from (Content-Security-Policy), if not our own. */
export function basemapOrigin(basemap: string | null): string | null {
  return basemap && isUrl(basemap) ? new URL(basemap.replaceAll(/[{}]/g, '')).origin : null;
}

/**
 * `GET /api/screen-config` for the screens, and a local PMTiles archive served with byte ranges (the PMTiles
 * reader asks for the header, directories and each tile as ranges of the one file). The archive is the
 * bureau's own map data, so it needs a session that may read, like the picture drawn on it (the map's fetches
 * are same-origin and carry the cookie); the screen config is read before sign-in and holds no data.
 */
export function basemapRoutes(basemap: string | null, rules: Omit<ScreenConfig, 'basemap'>, deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/api/screen-config', (_req, res) => {
    res.json(screenConfig(basemap, rules));
  });
  if (basemap && !isUrl(basemap)) {
    router.get(LOCAL_PMTILES_PATH, authenticate(deps), requirePermission('read'), (_req, res, next) => {
      res.sendFile(basemap, { acceptRanges: true, maxAge: '1h', headers: { 'content-type': 'application/vnd.pmtiles' } }, (err) => err && next(err));
    });
  }
  return router;
}
