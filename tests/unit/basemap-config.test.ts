import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { basemapFromSetting, TIANDITU_ATTRIBUTION, TIANDITU_HOSTS } from '../../shared/basemap.ts';
import { distanceKm } from '../../shared/geo.ts';
import { basemapOrigins, basemapReferrerPolicy } from '../../server/basemap/routes.ts';
import { loadConfig } from '../../server/config.ts';

/** A made-up key in 天地图's shape (32 hex digits): never a real one, and no test fetches a tile. */
const KEY = '0123456789abcdef0123456789abcdef';
/** The centre of 浔阳区, Jiujiang. */
const JIUJIANG: [number, number] = [115.99, 29.71];

const basemapOf = (env: Record<string, string>) => loadConfig(env).basemap;
const failureOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('天地图 presets', () => {
  it('draws the vector map (vec_w) with its Chinese annotation (cva_w) from all eight hosts, in Web Mercator', () => {
    const basemap = basemapOf({ BASEMAP: 'tianditu-vector', TIANDITU_KEY: KEY });
    expect(basemap).toMatchObject({ localFile: null, screen: { kind: 'tianditu', preset: 'tianditu-vector', attribution: TIANDITU_ATTRIBUTION } });
    if (basemap?.screen.kind !== 'tianditu') throw new Error('not a 天地图 basemap');
    const { base, annotation } = basemap.screen;
    expect(base.tiles).toHaveLength(8);
    expect(base.tiles[0]).toBe(
      `https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${KEY}`,
    );
    expect(base.tiles.map((url) => new URL(url.replaceAll(/[{}]/g, '')).origin)).toEqual(TIANDITU_HOSTS);
    expect(annotation.tiles.every((url) => url.includes('/cva_w/wmts?') && url.includes('LAYER=cva&') && url.endsWith(`&tk=${KEY}`))).toBe(true);
    // matrix set w has no level 0: asking for it would fail and put the basemap away
    expect([base.minzoom, base.maxzoom, annotation.minzoom, annotation.maxzoom]).toEqual([1, 18, 1, 18]);
    expect(TIANDITU_ATTRIBUTION).toContain('天地图');
    expect(TIANDITU_ATTRIBUTION).toContain('© 国家地理信息公共服务平台');
  });

  it('draws the imagery (img_w) with its annotation (cia_w)', () => {
    const screen = basemapOf({ BASEMAP: ' tianditu-imagery ', TIANDITU_KEY: KEY })?.screen;
    expect(screen).toMatchObject({ kind: 'tianditu', preset: 'tianditu-imagery' });
    if (screen?.kind !== 'tianditu') throw new Error('not a 天地图 basemap');
    expect(screen.base.tiles.every((url) => url.includes('/img_w/wmts?') && url.includes('LAYER=img&'))).toBe(true);
    expect(screen.annotation.tiles.every((url) => url.includes('/cia_w/wmts?') && url.includes('LAYER=cia&'))).toBe(true);
  });

  it('refuses to start without the key, naming TIANDITU_KEY', () => {
    expect(failureOf({ BASEMAP: 'tianditu-vector' })).toMatch(/TIANDITU_KEY: BASEMAP=tianditu-vector needs TIANDITU_KEY/);
    expect(failureOf({ BASEMAP: 'tianditu-imagery', TIANDITU_KEY: ' ' })).toMatch(/TIANDITU_KEY/);
    expect(failureOf({ BASEMAP: 'tianditu-vector', TIANDITU_KEY: `"${KEY}"` })).toMatch(/TIANDITU_KEY/);
    expect(() => basemapFromSetting('tianditu-vector')).toThrow(/TIANDITU_KEY/);
  });

  it('needs no key when no 天地图 preset is asked for, and refuses an unknown preset name', () => {
    expect(basemapOf({ TIANDITU_KEY: KEY })).toBeNull();
    expect(failureOf({ BASEMAP: 'tianditu-terrain', TIANDITU_KEY: KEY })).toMatch(/BASEMAP: tianditu-vector, tianditu-imagery, an http\(s\) URL/);
  });

  it("lets screens fetch from the eight hosts and sends them the page's origin, which a key limited to a domain needs", () => {
    const basemap = basemapOf({ BASEMAP: 'tianditu-vector', TIANDITU_KEY: KEY });
    expect(basemapOrigins(basemap)).toEqual(TIANDITU_HOSTS);
    expect(basemapReferrerPolicy(basemap)).toBe('strict-origin-when-cross-origin');
    expect(basemapReferrerPolicy(basemapOf({ BASEMAP: 'https://tiles.example.cn/{z}/{x}/{y}.png' }))).toBe('no-referrer');
    expect(basemapReferrerPolicy(null)).toBe('no-referrer');
  });

  it('refuses a 天地图 longitude/latitude (_c) service given as a template, and takes its Web Mercator (_w) one', () => {
    const c = `https://t0.tianditu.gov.cn/vec_c/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIXSET=c&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${KEY}`;
    expect(failureOf({ BASEMAP: c })).toMatch(/BASEMAP: a 天地图 _c service/);
    const w = c.replace('vec_c', 'vec_w').replace('TILEMATRIXSET=c', 'TILEMATRIXSET=w');
    expect(basemapOf({ BASEMAP: w })?.screen).toEqual({ kind: 'raster', tiles: w });
  });
});

describe('basemaps in a shifted datum (GCJ-02, BD-09)', () => {
  it('are ≈ 500 m (GCJ-02) and ≈ 1 km (BD-09) off at Jiujiang: drawing them under WGS-84 data is not an option', () => {
    const [lon, lat] = JIUJIANG;
    const gcj = gcoord.transform(JIUJIANG, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const bd = gcoord.transform(JIUJIANG, gcoord.WGS84, gcoord.BD09) as [number, number];
    const gcjOffsetKm = distanceKm({ lon, lat }, { lon: gcj[0], lat: gcj[1] });
    const bdOffsetKm = distanceKm({ lon, lat }, { lon: bd[0], lat: bd[1] });
    expect(gcjOffsetKm).toBeGreaterThan(0.4);
    expect(gcjOffsetKm).toBeLessThan(0.7);
    expect(bdOffsetKm).toBeGreaterThan(0.9);
    expect(bdOffsetKm).toBeLessThan(1.4);
  });

  it.each([
    ['高德 road map', 'https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}', 'GCJ-02', '500 m', '500 米'],
    ['高德 imagery', 'https://webst02.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}', 'GCJ-02', '500 m', '500 米'],
    ['高德 on amap.com', 'https://wprd01.amap.com/appmaptile?x={x}&y={y}&z={z}&style=7', 'GCJ-02', '500 m', '500 米'],
    ['腾讯', 'https://rt0.map.gtimg.com/realtimerender?z={z}&x={x}&y={y}&type=vector&style=0', 'GCJ-02', '500 m', '500 米'],
    ['腾讯 on map.qq.com', 'https://rt1.map.qq.com/tile?z={z}&x={x}&y={y}', 'GCJ-02', '500 m', '500 米'],
    ['Google 中国', 'https://mt1.google.cn/vt/lyrs=m&hl=zh-CN&gl=cn&x={x}&y={y}&z={z}', 'GCJ-02', '500 m', '500 米'],
    ['百度', 'https://maponline0.bdimg.com/tile/?qt=vtile&x={x}&y={y}&z={z}&styles=pl', 'BD-09', '1 km', '1 公里'],
  ])('refuses %s at start-up, saying why and what to use instead', (_name, template, datum, offset, offsetZh) => {
    const message = failureOf({ BASEMAP: template });
    expect(message).toMatch(/^invalid configuration: BASEMAP: /);
    expect(message).toContain(`in the ${datum} datum`);
    expect(message).toContain(`drawn about ${offset} off`);
    expect(message).toContain('tianditu-vector');
    expect(message).toContain('WGS-84 source');
    expect(message).toContain(`${datum} 偏移坐标系`);
    expect(message).toContain(`偏离约 ${offsetZh}`);
    expect(message).toContain('请改用天地图');
  });

  it('refuses a source declared GCJ-02 or BD-09 whose host it does not know, the same way', () => {
    const template = 'https://tiles.example.cn/{z}/{x}/{y}.png';
    expect(failureOf({ BASEMAP: template, BASEMAP_DATUM: 'gcj02' })).toMatch(/BASEMAP: BASEMAP_DATUM=gcj02 is in the GCJ-02 datum.*约 500 米/);
    expect(failureOf({ BASEMAP: 'https://tiles.example.cn/styles/dark/style.json', BASEMAP_DATUM: 'bd09' })).toMatch(/BD-09/);
    expect(failureOf({ BASEMAP: template, BASEMAP_DATUM: 'mars' })).toMatch(/BASEMAP_DATUM/);
  });

  it('refuses a known GCJ-02 host even when declared WGS-84: a declaration does not move the tiles', () => {
    expect(failureOf({ BASEMAP: 'https://webrd01.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}', BASEMAP_DATUM: 'wgs84' })).toMatch(/GCJ-02/);
  });
});

describe('WGS-84 basemaps', () => {
  it('still takes an XYZ template, a style and a PMTiles archive, declared or not', () => {
    const template = 'https://tiles.example.cn/{z}/{x}/{y}.png';
    expect(basemapOf({ BASEMAP: template })).toEqual({ screen: { kind: 'raster', tiles: template }, localFile: null });
    expect(basemapOf({ BASEMAP: template, BASEMAP_DATUM: 'wgs84' })?.screen).toEqual({ kind: 'raster', tiles: template });
    expect(basemapOf({ BASEMAP: template, BASEMAP_DATUM: 'cgcs2000' })?.screen).toEqual({ kind: 'raster', tiles: template });
    expect(basemapOf({ BASEMAP: 'https://tiles.example.cn/jiujiang.pmtiles' })?.screen).toEqual({
      kind: 'pmtiles',
      url: 'https://tiles.example.cn/jiujiang.pmtiles',
    });
    expect(basemapOrigins(basemapOf({ BASEMAP: template }))).toEqual(['https://tiles.example.cn']);
  });

  it('reads empty settings (an environment file with `TIANDITU_KEY=`) as unset', () => {
    expect(basemapOf({ BASEMAP: '', TIANDITU_KEY: '', BASEMAP_DATUM: '' })).toBeNull();
    const template = 'https://tiles.example.cn/{z}/{x}/{y}.png';
    expect(basemapOf({ BASEMAP: template, TIANDITU_KEY: '', BASEMAP_DATUM: '' })?.screen).toEqual({ kind: 'raster', tiles: template });
  });

  it('matches shifted hosts by domain, not by a name that merely contains one', () => {
    for (const template of ['https://notamap.com/{z}/{x}/{y}.png', 'https://tiles.example.cn/autonavi.com/{z}/{x}/{y}.png']) {
      expect(basemapOf({ BASEMAP: template })?.screen).toEqual({ kind: 'raster', tiles: template });
    }
  });

  it('serves a local archive from its resolved path, under one address, with no foreign origin to allow', () => {
    const basemap = basemapOf({ BASEMAP: 'data/jiujiang.pmtiles' });
    expect(basemap?.screen).toEqual({ kind: 'pmtiles', url: '/basemap.pmtiles' });
    expect(basemap?.localFile).toMatch(/^\/.*\/data\/jiujiang\.pmtiles$/);
    expect(basemapOrigins(basemap)).toEqual([]);
  });
});
