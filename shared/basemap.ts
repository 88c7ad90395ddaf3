import { z } from 'zod';
import { reportingRulesSchema } from './incidents.ts';

/** The 天地图 presets a bureau names in BASEMAP: each a base map with its Chinese annotation (注记) on top. */
export const tiandituPresetSchema = z.enum(['tianditu-vector', 'tianditu-imagery']);
export type TiandituPreset = z.infer<typeof tiandituPresetSchema>;

/** One raster layer of a basemap: the same tile template on each of a service's hosts (MapLibre spreads tiles over them). */
const rasterLayerSchema = z.object({
  tiles: z.array(z.string()).min(1),
  minzoom: z.number().int().min(0).max(24),
  maxzoom: z.number().int().min(0).max(24),
});

/**
 * A basemap drawn under the command layers, from configuration: XYZ raster tiles, a MapLibre style, a
 * PMTiles archive (a single file a bureau can keep on its own network), or a 天地图 preset with its key already
 * in the tile URLs. The offline style needs none.
 */
export const basemapSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('raster'), tiles: z.string() }),
  z.object({ kind: z.literal('style'), url: z.string() }),
  z.object({ kind: z.literal('pmtiles'), url: z.string() }),
  z.object({
    kind: z.literal('tianditu'),
    preset: tiandituPresetSchema,
    base: rasterLayerSchema,
    annotation: rasterLayerSchema,
    attribution: z.string(),
  }),
]);
export type Basemap = z.infer<typeof basemapSchema>;

/**
 * How the wall display moves on its own: how long it stays on a new red event or fire alert, and the tour of
 * the districts when nothing happens (a step every `tourStepSeconds` once `tourAfterSeconds` passed quietly;
 * 0 turns the tour off).
 */
export const wallRulesSchema = z.object({
  focusSeconds: z.number().int().min(1),
  tourStepSeconds: z.number().int().min(0),
  tourAfterSeconds: z.number().int().min(0),
});
export type WallRules = z.infer<typeof wallRulesSchema>;

/** What a screen asks of the server before it draws: `GET /api/screen-config`. */
export const screenConfigSchema = z.object({
  basemap: basemapSchema.nullable(),
  reporting: reportingRulesSchema,
  wall: wallRulesSchema,
  /** How long a screen keeps finished records after their last change (a wall runs for weeks). */
  keepFinishedMinutes: z.number().int().min(1),
});
export type ScreenConfig = z.infer<typeof screenConfigSchema>;

/** Where the server serves a local PMTiles archive named by BASEMAP. */
export const LOCAL_PMTILES_PATH = '/basemap.pmtiles';

/** The 天地图 tile hosts t0…t7: every preset's tiles come from these (and the CSP allows exactly these). */
export const TIANDITU_HOSTS = Array.from({ length: 8 }, (_, i) => `https://t${i}.tianditu.gov.cn`);
export const TIANDITU_ATTRIBUTION = '天地图 © 国家地理信息公共服务平台';

/**
 * Which 天地图 services make a preset. The `_w` services are the Web Mercator (EPSG:3857) tile matrix set `w`
 * that MapLibre draws; the `_c` ones are longitude/latitude and would not fit. 天地图 is in CGCS2000, which
 * differs from WGS-84 (our data, GPS) by centimetres: nothing to shift at map scale.
 */
const TIANDITU_LAYERS: Record<TiandituPreset, { base: string; annotation: string }> = {
  'tianditu-vector': { base: 'vec', annotation: 'cva' },
  'tianditu-imagery': { base: 'img', annotation: 'cia' },
};
/** Matrix set `w` starts at level 1 (level 0 would fail, and a failing tile puts the basemap away); 18 is its last. */
const TIANDITU_ZOOM = { minzoom: 1, maxzoom: 18 };

/** One 天地图 WMTS layer as KVP GetTile URLs, one per host. The key (tk) is a browser key: it travels in every tile URL. */
function tiandituLayer(layer: string, key: string) {
  const query = `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles`;
  const tiles = TIANDITU_HOSTS.map((host) => `${host}/${layer}_w/wmts?${query}&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`);
  return { tiles, ...TIANDITU_ZOOM };
}

export const isTiandituPreset = (setting: string): setting is TiandituPreset => tiandituPresetSchema.safeParse(setting.trim()).success;

/**
 * Reads the BASEMAP setting: a 天地图 preset name (which needs the key); a URL template with {z}/{x}/{y} is
 * raster tiles; anything ending in .pmtiles an archive (a local file is served at LOCAL_PMTILES_PATH); any
 * other URL a style document.
 */
export function basemapFromSetting(setting: string, tiandituKey?: string): Basemap {
  const value = setting.trim();
  if (isTiandituPreset(value)) {
    if (!tiandituKey) throw new Error(`BASEMAP=${value} needs TIANDITU_KEY`);
    const layers = TIANDITU_LAYERS[value];
    return {
      kind: 'tianditu',
      preset: value,
      base: tiandituLayer(layers.base, tiandituKey),
      annotation: tiandituLayer(layers.annotation, tiandituKey),
      attribution: TIANDITU_ATTRIBUTION,
    };
  }
  if (/\.pmtiles$/i.test(value)) return { kind: 'pmtiles', url: /^https?:\/\//i.test(value) ? value : LOCAL_PMTILES_PATH };
  if (value.includes('{z}')) return { kind: 'raster', tiles: value };
  return { kind: 'style', url: value };
}

/** The datum a basemap's tiles are drawn in, as BASEMAP_DATUM declares it. */
export const basemapDatumSchema = z.enum(['wgs84', 'cgcs2000', 'gcj02', 'bd09']);
export type BasemapDatum = z.infer<typeof basemapDatumSchema>;
type ShiftedDatum = Extract<BasemapDatum, 'gcj02' | 'bd09'>;

/**
 * Tile hosts known to serve China's shifted datums: GCJ-02 (国测局, "火星坐标") offsets WGS-84 by an obfuscating
 * non-linear function, BD-09 (百度) by a further one of its own, ≈ 0.5–1.2 km around Jiujiang. MapLibre cannot
 * reproject raster tiles per pixel, so such a basemap would draw all our WGS-84 data that far from the roads.
 */
const SHIFTED_HOSTS: { domain: string; provider: string; datum: ShiftedDatum }[] = [
  { domain: 'autonavi.com', provider: '高德 AMap', datum: 'gcj02' },
  { domain: 'amap.com', provider: '高德 AMap', datum: 'gcj02' },
  { domain: 'map.qq.com', provider: '腾讯 Tencent', datum: 'gcj02' },
  { domain: 'map.gtimg.com', provider: '腾讯 Tencent', datum: 'gcj02' },
  { domain: 'google.cn', provider: 'Google 中国', datum: 'gcj02' },
  { domain: 'geoq.cn', provider: '智图 GeoQ', datum: 'gcj02' },
  { domain: 'bdimg.com', provider: '百度 Baidu', datum: 'bd09' },
  { domain: 'map.baidu.com', provider: '百度 Baidu', datum: 'bd09' },
];

/** A basemap in a shifted datum, found by its host or declared by BASEMAP_DATUM; null when it is WGS-84 (or CGCS2000). */
export function shiftedDatumOf(setting: string, declared?: BasemapDatum): { datum: ShiftedDatum; source: string } | null {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(setting.trim())?.[1]?.toLowerCase();
  const known = host && SHIFTED_HOSTS.find(({ domain }) => host === domain || host.endsWith(`.${domain}`));
  if (known) return { datum: known.datum, source: `${host} (${known.provider})` };
  if (declared === 'gcj02' || declared === 'bd09') return { datum: declared, source: `BASEMAP_DATUM=${declared}` };
  return null;
}

/** Why such a basemap is refused at start-up, in English and Chinese, with what to use instead. */
export function shiftedDatumRefusal({ datum, source }: { datum: ShiftedDatum; source: string }): string {
  const [name, offset, offsetZh] = datum === 'gcj02' ? ['GCJ-02', '500 m', '500 米'] : ['BD-09', '1 km', '1 公里'];
  return (
    `${source} is in the ${name} datum: MapLibre cannot shift its tiles, so every point, line and district (WGS-84) would be drawn about ${offset} off; ` +
    `use BASEMAP=tianditu-vector or tianditu-imagery (with TIANDITU_KEY) or a WGS-84 source instead. ` +
    `该底图为 ${name} 偏移坐标系，无法纠偏，所有 WGS-84 数据将偏离约 ${offsetZh}；请改用天地图（BASEMAP=tianditu-vector 或 tianditu-imagery）或 WGS-84 底图。`
  );
}
