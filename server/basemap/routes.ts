import express from 'express';
import { type Basemap, LOCAL_PMTILES_PATH, type ScreenConfig } from '../../shared/basemap.ts';
import { authenticate, requirePermission } from '../auth/http.ts';
import type { Config } from '../config.ts';
import type { DomainDeps } from '../deps.ts';

type BasemapConfig = Config['basemap'];

export function screenConfig(basemap: BasemapConfig, rules: Omit<ScreenConfig, 'basemap'>): ScreenConfig {
  return { basemap: basemap?.screen ?? null, ...rules };
}

/** Every URL a screen fetches for this basemap: tile templates, a style, an archive. */
function urlsOf(basemap: Basemap): string[] {
  switch (basemap.kind) {
    case 'raster':
      return [basemap.tiles];
    case 'style':
    case 'pmtiles':
      return [basemap.url];
    case 'tianditu':
      return [...basemap.base.tiles, ...basemap.annotation.tiles];
  }
}

/** The origins screens must be allowed to fetch basemap tiles from (Content-Security-Policy), besides our own. */
export function basemapOrigins(basemap: BasemapConfig): string[] {
  const urls = basemap ? urlsOf(basemap.screen).filter((url) => /^https?:\/\//i.test(url)) : [];
  return [...new Set(urls.map((url) => new URL(url.replaceAll(/[{}]/g, '')).origin))];
}

/**
 * A 天地图 browser key may be limited to the bureau's domains, which 天地图 checks against the Referer: with a
 * 天地图 basemap, pages send their origin (never the path, where a wall's token may be) to other origins.
 */
export function basemapReferrerPolicy(basemap: BasemapConfig): 'no-referrer' | 'strict-origin-when-cross-origin' {
  return basemap?.screen.kind === 'tianditu' ? 'strict-origin-when-cross-origin' : 'no-referrer';
}

/**
 * `GET /api/screen-config` for the screens, and a local PMTiles archive served with byte ranges (the PMTiles
 * reader asks for the header, directories and each tile as ranges of the one file). The archive is the
 * bureau's own map data, so it needs a session that may read, like the picture drawn on it (the map's fetches
 * are same-origin and carry the cookie); the screen config is read before sign-in and holds no data (a 天地图 key in
 * its tile URLs is a browser key, public by design: every tile request shows it).
 */
export function basemapRoutes(basemap: BasemapConfig, rules: Omit<ScreenConfig, 'basemap'>, deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/api/screen-config', (_req, res) => {
    res.json(screenConfig(basemap, rules));
  });
  const localFile = basemap?.localFile;
  if (localFile) {
    router.get(LOCAL_PMTILES_PATH, authenticate(deps), requirePermission('read'), (_req, res, next) => {
      res.sendFile(localFile, { acceptRanges: true, maxAge: '1h', headers: { 'content-type': 'application/vnd.pmtiles' } }, (err) => err && next(err));
    });
  }
  return router;
}
