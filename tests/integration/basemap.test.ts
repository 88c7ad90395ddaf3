import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basemapFromSetting, type ScreenConfig } from '../../shared/basemap.ts';
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
    } finally {
      await plain.close();
    }
  });
});
