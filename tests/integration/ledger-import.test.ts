import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit.ts';
import type { Hazard } from '../../shared/hazards.ts';
import type { LedgerImportReport } from '../../shared/ledger-import.ts';
import type { RiskPoint } from '../../shared/risk-points.ts';
import { sessionCookie, type TestIdentity } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ledgers');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Answer = LedgerImportReport & { error?: { code: string; message: string; details: { field: string; reason: string }[] } };

/** The places of the fixture, as a GPS (WGS-84) would give them. */
const WGS84 = {
  'HK-2026-001': [116.241, 29.731],
  'WN-2026-014': [115.099, 29.256],
  'XS-2026-007': [114.561, 29.037],
  'PZ-2026-003': [116.553, 29.896],
} as const;

describe('ledger (台账) import and export', () => {
  let server: TestServer;
  const upload = async (kind: string, body: Buffer | string, query: Record<string, string> = {}, type = 'text/csv', as: TestIdentity = 'officer') => {
    const res = await fetch(`${server.url}/api/import/ledger/${kind}?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'content-type': type, cookie: await sessionCookie(server.url, as) },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const byNumber = async (number: string) => {
    const all = (await api<GeoJSON.FeatureCollection<GeoJSON.Point, RiskPoint>>(server.url, 'GET', '/api/risk-points')).body.features.map((f) => f.properties);
    return all.find((p) => p.externalId === number);
  };
  const importAudits = async () =>
    (await api<{ items: AuditEntry[] }>(server.url, 'GET', '/api/audit?limit=1000', undefined, { as: 'admin' })).body.items.filter((e) =>
      e.action.endsWith('.import'),
    );

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('previews a GCJ-02 ledger without writing: mapping suggested from the headers, rows as they will be filed, bad rows by line', async () => {
    const { status, body } = await upload('risk-points', fixture('risk-points-gcj02.csv'), { crs: 'gcj02', dryRun: 'true' });
    expect(status).toBe(200);
    expect(body.mapping).toEqual({
      externalId: '台账编号',
      name: '单位名称',
      category: '行业类别',
      level: '风险等级',
      lon: '经度（GCJ-02）',
      lat: '纬度（GCJ-02）',
      address: '详细地址',
      responsibleUnit: '责任单位',
      responsiblePerson: '责任人',
      responsiblePhone: '联系电话',
    });
    expect(body).toMatchObject({ dryRun: true, rows: 10, created: 4, updated: 0, unchanged: 0, rejectedRows: 6 });
    expect(body.rejected.map((r) => r.line)).toEqual([6, 7, 8, 9, 10, 11]);
    const reasons = Object.fromEntries(body.rejected.map((r) => [r.line, r.reason]));
    expect(reasons[6]).toMatch(/ledger number/);
    expect(reasons[7]).toMatch(/category/);
    expect(reasons[8]).toMatch(/lon/);
    expect(reasons[9]).toMatch(/outside Jiujiang/);
    expect(reasons[10]).toMatch(/HK-2026-001.*line 2/);
    expect(reasons[11]).toMatch(/responsiblePhone/);
    expect(body.sample[0]).toMatchObject({
      line: 2,
      externalId: 'HK-2026-001',
      category: 'hazardous_chemicals',
      level: 'red',
      address: '湖口县金砂湾工业园区,化工大道8号',
    });
    expect(await byNumber('HK-2026-001')).toBeUndefined();
    expect(await importAudits()).toEqual([]);
  });

  it('files the ledger: GCJ-02 converted to WGS-84, words to codes, districts by location, one audit entry per batch', async () => {
    const { body } = await upload('risk-points', fixture('risk-points-gcj02.csv'), { crs: 'gcj02' });
    expect(body).toMatchObject({ dryRun: false, rows: 10, created: 4, rejectedRows: 6 });
    for (const [number, [lon, lat]] of Object.entries(WGS84)) {
      const point = (await byNumber(number))!;
      expect(Math.abs(point.lon - lon)).toBeLessThan(2e-5); // within 2 m of where a GPS puts it
      expect(Math.abs(point.lat - lat)).toBeLessThan(2e-5);
    }
    expect(await byNumber('HK-2026-001')).toMatchObject({
      category: 'hazardous_chemicals',
      level: 'red',
      district: '360429',
      responsiblePerson: '张建国',
      demo: false,
    });
    expect(await byNumber('WN-2026-014')).toMatchObject({ category: 'tailings_pond', level: 'orange', district: '360423' });
    expect(await byNumber('XS-2026-007')).toMatchObject({ category: 'forest', level: 'yellow', district: '360424', responsiblePhone: '' });
    expect(await byNumber('PZ-2026-003')).toMatchObject({ category: 'hazardous_chemicals', level: 'orange', district: '360430' });
    expect(await importAudits()).toHaveLength(1);
  });

  it('takes the same ledger again without duplicating, and updates only what changed', async () => {
    const again = await upload('risk-points', fixture('risk-points-gcj02.csv'), { crs: 'gcj02' });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await importAudits()).toHaveLength(1); // nothing written, nothing audited

    const edited = fixture('risk-points-gcj02.csv').toString('utf8').replace('武宁县某尾矿库,尾矿库,较大风险', '武宁县某尾矿库,尾矿库,重大');
    const update = await upload('risk-points', edited, { crs: 'gcj02' });
    expect(update.body).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await byNumber('WN-2026-014')).toMatchObject({ level: 'red' });
  });

  it('reads Excel with a mapping chosen by hand and BD-09 coordinates; refuses a mapping that does not fit the file', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('风险点');
    sheet.addRow(['No.', 'Site', 'Kind', 'Grade', 'X (Baidu)', 'Y (Baidu)']);
    sheet.addRow(['DC-01', { richText: [{ text: '都昌县' }, { text: '某加油站', font: { bold: true } }] }, '燃气', '蓝色', 116.252504, 29.734388]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());

    // the preview offers the columns to map by hand when the headers say nothing
    const guessed = await upload('risk-points', xlsx, { crs: 'bd09', dryRun: 'true' }, XLSX);
    expect(guessed.status).toBe(200);
    expect(guessed.body).toMatchObject({ columns: ['No.', 'Site', 'Kind', 'Grade', 'X (Baidu)', 'Y (Baidu)'], rows: 0 });
    expect(guessed.body.mappingProblems.map((d) => d.field)).toEqual(
      expect.arrayContaining(['mapping.externalId', 'mapping.name', 'mapping.category', 'mapping.level']),
    );
    expect((await upload('risk-points', xlsx, { crs: 'bd09' }, XLSX)).status).toBe(400);

    const wrong = await upload('risk-points', xlsx, { mapping: JSON.stringify({ externalId: 'No.', name: 'Nope' }) }, XLSX);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error!.details).toContainEqual({ field: 'mapping.name', reason: 'the file has no column "Nope"' });

    const mapping = { externalId: 'No.', name: 'Site', category: 'Kind', level: 'Grade', lon: 'X (Baidu)', lat: 'Y (Baidu)' };
    const { status, body } = await upload('risk-points', xlsx, { mapping: JSON.stringify(mapping), crs: 'bd09' }, XLSX);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 1, created: 1, rejectedRows: 0 });
    const point = (await byNumber('DC-01'))!;
    expect(point).toMatchObject({ name: '都昌县某加油站', category: 'gas', level: 'blue' });
    expect(Math.abs(point.lon - 116.241)).toBeLessThan(2e-5);
    expect(Math.abs(point.lat - 29.731)).toBeLessThan(2e-5);
  });

  it('exports the ledger as CSV and Excel, defused against formulas, and an exported ledger imports again unchanged', async () => {
    await api(server.url, 'POST', '/api/risk-points', { name: '=HYPERLINK("http://evil")', category: 'gas', level: 'blue', lon: 116.0, lat: 29.7 });
    const cookie = await sessionCookie(server.url, 'officer');
    const csv = await (await fetch(`${server.url}/api/risk-points?format=csv`, { headers: { cookie } })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.split('\n')[0]).toContain('编号,名称,类别,风险等级,经度,纬度,区县代码,区县,');
    expect(csv).toMatch(/,3604\d\d,[^,]+(区|县|市),/);

    const xlsxResponse = await fetch(`${server.url}/api/risk-points?format=xlsx`, { headers: { cookie } });
    expect(xlsxResponse.headers.get('content-type')).toContain(XLSX);
    const xlsx = Buffer.from(await xlsxResponse.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(7); // header and six points

    for (const [body, type] of [
      [csv, 'text/csv'],
      [xlsx, XLSX],
    ] as const) {
      const again = await upload('risk-points', body, {}, type);
      expect(again.body).toMatchObject({ rows: 6, created: 0, updated: 0, unchanged: 6, rejectedRows: 0 });
    }
  });

  it('files hazards on the risk points the ledger names, counts them open on their points, and takes them again without doubling', async () => {
    const before = (await byNumber('HK-2026-001'))!.openHazards;
    const { body } = await upload('hazards', fixture('hazards.csv'));
    expect(body).toMatchObject({ rows: 5, created: 3, rejectedRows: 2 });
    expect(body.rejected).toEqual([
      { line: 5, reason: 'riskPoint: no risk point numbered "NOPE-999" is on file' },
      { line: 6, reason: expect.stringMatching(/^title:/) },
    ]);
    expect((await byNumber('HK-2026-001'))!.openHazards).toBe(before + 2);
    const ledger = (await api<{ items: Hazard[] }>(server.url, 'GET', '/api/hazards')).body.items;
    expect(ledger.find((h) => h.externalId === 'YH-001')).toMatchObject({
      grade: 'major',
      source: 'inspector',
      status: 'found',
      foundAt: '2026-11-20T01:30:00.000Z',
    });
    expect(ledger.find((h) => h.externalId === 'YH-002')).toMatchObject({ grade: 'general', source: 'grid_officer', foundAt: '2026-11-20T16:00:00.000Z' });

    const again = await upload('hazards', fixture('hazards.csv'));
    expect(again.body).toMatchObject({ created: 0, unchanged: 3 });
    expect((await byNumber('HK-2026-001'))!.openHazards).toBe(before + 2);
  });

  it('reads long Chinese ledgers, Excel with shared or inline strings and CSV, without breaking a character between chunks', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`LONG-${i}`, `江西省九江市濂溪区十里街道危险化学品储存单位第${i}号`, '燃气', '低', 116.0, 29.7]);
    const headers = ['编号', '名称', '类别', '风险等级', '经度', '纬度'];
    const shared = new ExcelJS.Workbook();
    const sheet = shared.addWorksheet('台账');
    sheet.addRows([headers, ...rows]);
    const inline = path.join(os.tmpdir(), `onemap-inline-${process.pid}.xlsx`);
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inline, useSharedStrings: false });
    const streamed = writer.addWorksheet('台账');
    for (const row of [headers, ...rows]) streamed.addRow(row).commit();
    streamed.commit();
    await writer.commit();

    const csv = [headers, ...rows].map((r) => r.join(',')).join('\n');
    const files = [
      [Buffer.from(await shared.xlsx.writeBuffer()), XLSX],
      [fs.readFileSync(inline), XLSX],
      [Buffer.from(csv), 'text/csv'],
    ] as const;
    for (const [index, [file, type]] of files.entries()) {
      const { body } = await upload('risk-points', file, {}, type);
      // a broken character would make a name differ, and the point count as updated
      expect(body).toMatchObject({ rows: 3000, rejectedRows: 0, created: index === 0 ? 3000 : 0, updated: 0 });
    }
    fs.rmSync(inline);
    const names = (await api<GeoJSON.FeatureCollection<GeoJSON.Point, RiskPoint>>(server.url, 'GET', '/api/risk-points')).body.features.map(
      (f) => f.properties.name,
    );
    expect(names.filter((n) => n.includes('第')).length).toBe(3000);
    expect(names.filter((n) => n.includes('\uFFFD'))).toEqual([]);
  });

  it('refuses other media types, unknown ledgers and those who may not write', async () => {
    expect((await upload('risk-points', '{}', {}, 'application/json')).status).toBe(415);
    expect((await upload('people', 'a,b\n1,2\n')).status).toBe(400);
    expect((await upload('risk-points', fixture('risk-points-gcj02.csv'), { crs: 'gcj02' }, 'text/csv', 'observer')).status).toBe(403);
    expect((await upload('risk-points', '', {})).status).toBe(400);
  });
});
