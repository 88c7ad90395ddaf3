import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basemapFromSetting, type ScreenConfig, TIANDITU_ATTRIBUTION, TIANDITU_HOSTS } from '../../shared/basemap.ts';
import { loadConfig } from '../../server/config.ts';
import { sessionCookie } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

describe('basemap configuration', () => {
  it('tells raster templates, styles and PMTiles archives apart', () => {
    expect(basemapFromSetting('https://tiles.example.cn/{z}/{x}/{y}.png')).toEqual({ kind: 'raster', tiles: 'https://tiles.example.cn/{z}/{x}/{y}.png' });
    expect(basemapFromSetting('https://tiles.example.cn/styles/dark/style.json')).toEqual({
      kind: 'style',
      url: 'https://tiles.example.cn/styles/dark/style.json',
    });
    expect(basemapFromSetting('https://tiles.example.cn/jiujiang.pmtiles')).toEqual({ kind: 'pmtiles', url: 'https://tiles.example.cn/jiujiang.pmtiles' });
    expect(basemapFromSetting('/srv/maps/jiujiang.pmtiles')).toEqual({ kind: 'pmtiles', url: '/basemap.pmtiles' });
  });

  it('refuses a setting that is neither an http(s) URL nor a .pmtiles file', () => {
    expect(() => loadConfig({ BASEMAP: 'ftp://tiles.example.cn/{z}/{x}/{y}.png' })).toThrow(/BASEMAP/);
    expect(() => loadConfig({ BASEMAP: '/srv/maps/jiujiang.mbtiles' })).toThrow(/BASEMAP/);
  });
});

describe('a local PMTiles basemap', () => {
  let server: TestServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-pmtiles-'));
  const archive = path.join(dir, 'jiujiang.pmtiles');
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

  beforeAll(async () => {
    fs.writeFileSync(archive, bytes);
    server = await startTestServer('sqlite', { BASEMAP: archive });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is announced to screens and served by byte ranges, as the PMTiles reader asks for it', async () => {
    const config = await api<ScreenConfig>(server.url, 'GET', '/api/screen-config');
    expect(config.body).toMatchObject({ basemap: { kind: 'pmtiles', url: '/basemap.pmtiles' } });
    const cookie = await sessionCookie(server.url, 'wall');
    const part = await fetch(`${server.url}/basemap.pmtiles`, { headers: { range: 'bytes=100-227', cookie } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 228));
  });

  it("is the bureau's map data: no session, no archive", async () => {
    const anonymous = await fetch(`${server.url}/basemap.pmtiles`, { headers: { range: 'bytes=0-127' } });
    expect(anonymous.status).toBe(401);
    expect(Buffer.from(await anonymous.arrayBuffer()).includes(bytes.subarray(0, 64))).toBe(false);
  });

  it('answers a range beyond the file with 416, not a server error', async () => {
    const cookie = await sessionCookie(server.url, 'observer');
    const res = await fetch(`${server.url}/basemap.pmtiles`, { headers: { range: 'bytes=999999-1000000', cookie } });
    expect(res.status).toBe(416);
    expect(await res.json()).toMatchObject({ error: { code: 'range_not_satisfiable' } });
  });

  it('is not announced when none is configured', async () => {
    const plain = await startTestServer('sqlite');
    try {
      expect((await api<ScreenConfig>(plain.url, 'GET', '/api/screen-config')).body).toEqual({
        basemap: null,
        reporting: { initialMin: 30, followUpMin: 120 },
        wall: { focusSeconds: 60, tourAfterSeconds: 120, tourStepSeconds: 20 },
        keepFinishedMinutes: 10080,
      });
      const headers = (await fetch(`${plain.url}/`)).headers;
      expect(headers.get('content-security-policy')).not.toContain('tianditu');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
    } finally {
      await plain.close();
    }
  });
});

describe('a 天地图 basemap', () => {
  /** A made-up key in 天地图's shape: no test asks 天地图 for a tile. */
  const key = 'fedcba9876543210fedcba9876543210';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { BASEMAP: 'tianditu-imagery', TIANDITU_KEY: key });
  });
  afterAll(() => server.close());

  it('is announced to screens before sign-in: the imagery and its annotation from all eight hosts, the key in the tile URLs', async () => {
    const { status, body } = await api<ScreenConfig>(server.url, 'GET', '/api/screen-config', undefined, { as: null });
    expect(status).toBe(200);
    expect(body.basemap).toMatchObject({ kind: 'tianditu', preset: 'tianditu-imagery', attribution: TIANDITU_ATTRIBUTION });
    if (body.basemap?.kind !== 'tianditu') throw new Error('not a 天地图 basemap');
    expect(body.basemap.base.tiles).toHaveLength(8);
    expect(body.basemap.base.tiles[3]).toBe(
      `https://t3.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`,
    );
    expect(body.basemap.annotation.tiles.every((url) => url.includes('/cia_w/wmts?') && url.endsWith(`&tk=${key}`))).toBe(true);
  });

  it("is allowed by the Content-Security-Policy, each host for images and fetches, and is sent the page's origin", async () => {
    const headers = (await fetch(`${server.url}/`)).headers;
    const csp = headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').find((d) => d.trim().startsWith(`${name} `)) ?? '';
    for (const host of TIANDITU_HOSTS) {
      expect(directive('img-src')).toContain(host);
      expect(directive('connect-src')).toContain(host);
    }
    expect(directive('default-src')).not.toContain('tianditu');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('does not start without its key', () => {
    expect(() => loadConfig({ BASEMAP: 'tianditu-imagery' })).toThrow(/TIANDITU_KEY/);
  });
});
