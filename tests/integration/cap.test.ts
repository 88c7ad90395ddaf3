import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { Warning } from '../../shared/warnings.ts';
import { sessionCookie } from '../support/accounts.ts';
import { openScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/cap');
const CONFORMANCE = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xml'));
const NS = 'urn:oasis:names:tc:emergency:cap:1.2';

const capAlert = (identifier: string, msgType: string, extra = '', info = '') => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${NS}">
  <identifier>${identifier}</identifier>
  <sender>jxqx@weather.jx.cn</sender>
  <sent>2026-11-23T08:00:00+08:00</sent>
  <status>Actual</status>
  <msgType>${msgType}</msgType>
  <scope>Public</scope>
  ${extra}
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>森林火险气象等级预警</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <headline>九江市森林火险橙色预警</headline>
    <area>
      <areaDesc>修水县、武宁县</areaDesc>
      <polygon>29.0,114.3 29.4,114.3 29.4,115.3 29.0,115.3 29.0,114.3</polygon>
      <geocode><valueName>GB/T 2260</valueName><value>360424</value></geocode>
      <geocode><valueName>GB/T 2260</valueName><value>360423</value></geocode>
    </area>
  </info>
  ${info}
</alert>`;

describe('CAP 1.2 warnings in and out', () => {
  let server: TestServer;
  const importCap = async (xml: string, type = 'application/xml') => {
    const res = await fetch(`${server.url}/api/import/cap`, {
      method: 'POST',
      headers: { 'content-type': type, cookie: await sessionCookie(server.url, 'officer') },
      body: xml,
    });
    return { status: res.status, body: (await res.json()) as Warning & { error?: { code: string; message: string; details: { field: string }[] } } };
  };
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it.each(CONFORMANCE)('imports the OASIS example %s', async (file) => {
    const { status, body } = await importCap(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.identifier).toBeTruthy();
    expect(['active', 'updated', 'cancelled']).toContain(body.status);
    expect(body.severity).toBeTruthy();
  });

  it('keeps every language of a multilingual alert, and polygons, circles and GB/T 2260 districts', async () => {
    const amber = (await importCap(fs.readFileSync(path.join(FIXTURES, 'oasis-example4-amber-multilang.xml'), 'utf8'))).body;
    expect(amber.texts.map((t) => t.language)).toEqual(['en-US', 'es-US']);
    const jx = (await importCap(capAlert('JX-FIRE-001', 'Alert'))).body;
    expect(jx).toMatchObject({ status: 'active', severity: 'Severe', event: '森林火险气象等级预警' });
    expect(jx.areas[0]!.districts).toEqual(['360424', '360423']);
    expect(jx.areas[0]!.polygons[0]![0]).toEqual([114.3, 29.0]); // stored lon,lat
    const quake = (await api<{ items: Warning[] }>(server.url, 'GET', '/api/warnings')).body.items.find((w) => w.identifier === 'TRI13970876.2')!;
    expect(quake.areas[0]!.circles).toEqual([{ lon: -115.5527, lat: 32.9525, radiusKm: 0 }]);
  });

  it('lets an Update replace and a Cancel end the warning they reference, live on every screen', async () => {
    const wall = openScreen(server.url, { cookie: await sessionCookie(server.url, 'wall') });
    await wall.waitFor((s) => s.live !== null);
    const first = (await importCap(capAlert('JX-FIRE-100', 'Alert'))).body;
    const update = (await importCap(capAlert('JX-FIRE-101', 'Update', '<references>jxqx@weather.jx.cn,JX-FIRE-100,2026-11-23T08:00:00+08:00</references>')))
      .body;
    expect(update.status).toBe('updated');
    await wall.waitFor((s) => s.live!.warnings.get(first.id)?.supersededBy === update.id, 5000, 'the update on the wall');
    const cancel = (await importCap(capAlert('JX-FIRE-102', 'Cancel', '<references>jxqx@weather.jx.cn,JX-FIRE-101,2026-11-23T08:00:00+08:00</references>')))
      .body;
    expect(cancel.status).toBe('cancelled');
    await wall.waitFor((s) => s.live!.warnings.get(update.id)?.status === 'cancelled', 5000, 'the cancellation on the wall');
    const inForce = (await api<{ items: Warning[] }>(server.url, 'GET', '/api/warnings')).body.items.filter((w) => w.status !== 'cancelled' && !w.supersededBy);
    expect(inForce.map((w) => w.identifier)).not.toContain('JX-FIRE-100');
    wall.close();
  });

  it('refuses hostile and invalid documents with a clear error, and keeps nothing of them', async () => {
    const before = (await api<{ items: Warning[] }>(server.url, 'GET', '/api/warnings')).body.items.length;
    const xxe = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${capAlert('X-1', 'Alert').replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('<headline>', '<headline>&xxe;')}`;
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><alert xmlns="${NS}"><identifier>&lol2;</identifier></alert>`;
    for (const [xml, reason] of [
      [xxe, /DTD/],
      [bomb, /DTD/],
      ['<alert><unclosed></alert>', /well-formed|CAP/],
      [`<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"><identifier>x</identifier></alert>`, /CAP 1.2/],
      [capAlert('X-2', 'Alert').replace('<severity>Severe</severity>', '<severity>Terrible</severity>'), /invalid CAP/],
      [capAlert('X-3', 'Alert').replace('<sent>2026-11-23T08:00:00+08:00</sent>', ''), /invalid CAP/],
      [capAlert('X-4', 'Alert').replace('29.0,114.3 29.4,114.3', '29.0;114.3'), /invalid CAP/],
    ] as const) {
      const { status, body } = await importCap(xml);
      expect(status, xml.slice(0, 80)).toBe(400);
      expect(body.error!.message).toMatch(reason);
    }
    const oversized = await importCap(capAlert('X-5', 'Alert').replace('<headline>', `<headline>${'火'.repeat(200_000)}`));
    expect(oversized.status).toBe(413);
    expect((await importCap(capAlert('X-6', 'Alert'), 'text/plain')).status).toBe(415);
    expect((await api<{ items: Warning[] }>(server.url, 'GET', '/api/warnings')).body.items.length).toBe(before);
  });

  it('round-trips: a warning exported as CAP imports as the same warning; a fire alert exports as valid CAP', async () => {
    const jx = (await importCap(capAlert('JX-FIRE-200', 'Alert'))).body;
    const cookie = await sessionCookie(server.url, 'officer');
    const exported = await (await fetch(`${server.url}/api/warnings/${jx.id}/cap`, { headers: { cookie } })).text();
    const again = (await importCap(exported)).body;
    expect(again.id).toBe(jx.id);

    const alert = (
      await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { lon: 115.1, lat: 29.26, source: 'watchtower', description: '武宁县瞭望塔发现烟点' })
    ).body;
    const cap = await (await fetch(`${server.url}/api/fire-alerts/${alert.id}/cap`, { headers: { cookie } })).text();
    const fromAlert = (await importCap(cap)).body;
    expect(fromAlert).toMatchObject({ identifier: `jiujiang-fire-${alert.id}`, category: ['Fire'], event: '森林火情', msgType: 'Alert', capStatus: 'Actual' });
    expect(fromAlert.areas[0]!.districts).toEqual(['360423']);
    expect(fromAlert.areas[0]!.circles[0]).toMatchObject({ lon: 115.1, lat: 29.26 });
    expect((await importCap(await (await fetch(`${server.url}/api/fire-alerts/${alert.id}/cap`, { headers: { cookie } })).text())).body.id).toBe(fromAlert.id);
  });
});
