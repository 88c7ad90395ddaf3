/**
 * Ledger import benchmark: a risk-point ledger of 100,000 rows (GCJ-02 coordinates, Chinese headers and words)
 * posted as CSV and as Excel to the real server over HTTP, streamed from disk, validated, converted and
 * filed. Prints the time of each import and the server's heap: the peak while importing 10,000 rows and while
 * importing 100,000 (flat memory means the second is not ten times the first).
 *
 *   npm run bench:ledger      (BENCH_LEDGER_ROWS overrides the row count)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import gcoord from 'gcoord';
import { pino } from 'pino';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { RISK_CATEGORY_ZH, RISK_LEVEL_ZH, RISK_CATEGORIES, RISK_LEVELS } from '../shared/risk-points.ts';
import type { LedgerImportReport } from '../shared/ledger-import.ts';

const ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 100_000);
const HEADERS = ['台账编号', '单位名称', '行业类别', '风险等级', '经度', '纬度', '详细地址', '责任单位', '责任人', '联系电话'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-bench-ledger-'));

/** Row `i` of the ledger: points spread over the middle of the city, where every district has ground. */
function row(i: number, prefix: string): (string | number)[] {
  const [lon, lat] = gcoord.transform([115.6 + ((i * 7919) % 9000) / 10_000, 29.3 + ((i * 104_729) % 5000) / 10_000], gcoord.WGS84, gcoord.GCJ02) as [
    number,
    number,
  ];
  return [
    `${prefix}-${String(i).padStart(6, '0')}`,
    `九江市某单位${i}`,
    RISK_CATEGORY_ZH[RISK_CATEGORIES[i % RISK_CATEGORIES.length]!],
    RISK_LEVEL_ZH[RISK_LEVELS[i % RISK_LEVELS.length]!],
    lon.toFixed(6),
    lat.toFixed(6),
    `九江市某路${i}号`,
    '某区应急管理局',
    '张三',
    `1390792${String(i % 10_000).padStart(4, '0')}`,
  ];
}

async function writeCsv(file: string, rows: number, prefix: string) {
  const out = fs.createWriteStream(file);
  out.write(`${HEADERS.join(',')}\n`);
  for (let i = 1; i <= rows; i++) if (!out.write(`${row(i, prefix).join(',')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

async function writeXlsx(file: string, rows: number, prefix: string) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = book.addWorksheet('风险点台账');
  sheet.addRow(HEADERS).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow(row(i, prefix)).commit();
  sheet.commit();
  await book.commit();
}

const config = loadConfig({
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  DEMO_FEED: '1',
  DEMO_RISK_POINTS: '0',
  DEMO_FEED_INTERVAL_MS: '3600000',
  WRITE_RATE_LIMIT_PER_MIN: '1000000',
});
const app = await createApp(config, { log: pino({ level: 'silent' }) });
const url = await app.listen(0, '127.0.0.1');
const login = await fetch(`${url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'officer', password: 'demo' }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

/**
 * Posts a file as it is read from disk, sampling the live heap (after a full collection) while the server
 * files it: what the import holds, not the garbage it has yet to collect.
 */
async function post(file: string, type: string): Promise<{ ms: number; peakHeapMb: number; report: LedgerImportReport }> {
  const liveHeap = () => {
    global.gc!();
    return process.memoryUsage().heapUsed;
  };
  const base = liveHeap();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, liveHeap())), 250);
  const started = performance.now();
  const response = await fetch(`${url}/api/import/ledger/risk-points?crs=gcj02`, {
    method: 'POST',
    headers: { 'content-type': type, cookie },
    body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const report = (await response.json()) as LedgerImportReport;
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (report.rejected.length > 0) console.log('  first rejections:', report.rejected.slice(0, 2));
  return { ms, peakHeapMb: (peak - base) / 1_048_576, report };
}

const describe = (label: string, { ms, peakHeapMb, report }: Awaited<ReturnType<typeof post>>) =>
  console.log(
    `${label}: ${(ms / 1000).toFixed(1)} s (${Math.round(report.rows / (ms / 1000)).toLocaleString('en')} rows/s); created ${report.created}, unchanged ${report.unchanged}, rejected ${report.rejectedRows}; live heap growth at peak ${peakHeapMb.toFixed(0)} MB`,
  );

console.log(`ledger import benchmark: ${os.cpus().length} cores, SQLite (WAL)`);
const small = path.join(dir, 'small.csv');
const large = path.join(dir, 'large.csv');
const largeXlsx = path.join(dir, 'large.xlsx');
await writeCsv(small, ROWS / 10, 'S');
await writeCsv(large, ROWS, 'L');
await writeXlsx(largeXlsx, ROWS, 'X');
console.log(`files: ${(fs.statSync(large).size / 1_048_576).toFixed(1)} MB CSV, ${(fs.statSync(largeXlsx).size / 1_048_576).toFixed(1)} MB xlsx`);

describe(`CSV ${(ROWS / 10).toLocaleString('en')} rows`, await post(small, 'text/csv'));
describe(`CSV ${ROWS.toLocaleString('en')} rows`, await post(large, 'text/csv'));
describe(`CSV ${ROWS.toLocaleString('en')} rows again (all unchanged)`, await post(large, 'text/csv'));
describe(`Excel ${ROWS.toLocaleString('en')} rows`, await post(largeXlsx, XLSX));

await app.close();
fs.rmSync(dir, { recursive: true, force: true });
