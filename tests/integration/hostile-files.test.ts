import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirmsImportReport } from '../../shared/firms.ts';
import { MAX_LISTED_REJECTIONS } from '../../shared/ledger-import.ts';
import { signInCookie } from '../support/accounts.ts';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';
import { watchHealth } from '../support/health-watch.ts';
import { type ServerProcess, spawnServer } from '../support/process.ts';
import { api } from '../support/server.ts';
import { badFirms, longLineCsv, orderlyWorkbook, sharedStringsBomb, sheetBomb, wideCsv } from '../fixtures/hostile-files.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * The server's resident memory while any of these files is refused or read: idle it holds some 250 MB, and
 * the peak measured over all of them was some 420 MB (the old reader reached 3.8 GB on the first bomb).
 */
const PEAK_RSS_MB = 600;
/** Health is asked every 200 ms and must be answered within this, throughout. */
const HEALTH_DEADLINE_MS = 2000;

type Answer = {
  status: number;
  body: { error?: { code: string; message: string; details?: { field: string; reason: string }[] } } & Partial<FirmsImportReport>;
  bytes: number;
  ms: number;
};

describe('hostile import files against the real server in a child process', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let cookie: string;
  let tmp: string;

  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    // ExcelJS's reader kept its temporary files under os.tmpdir(): the child's own shows what is left behind
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-hostile-tmp-'));
    server = await spawnServer({ ...database.env, TMPDIR: tmp });
    // a first run without demo data prints a one-time admin password, to be replaced before anything else
    cookie = await signInCookie(server.url, '/api/auth/login', { username: 'admin', password: server.firstRunPassword });
    const replaced = await api(
      server.url,
      'POST',
      '/api/auth/password',
      { currentPassword: server.firstRunPassword, newPassword: '九江应急-值班-2026' },
      { cookie },
    );
    expect(replaced.status).toBe(204);
    const idleKb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1];
    console.log(`server idle: RSS ${Math.round(Number(idleKb) / 1024)} MB`);
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await database?.drop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /**
   * Posts a file with node:http rather than fetch: a server that refuses early answers before the file is all
   * sent and closes the connection, and the answer is what counts.
   */
  const send = (route: string, file: Buffer | string, type: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      let answered = false;
      const req = http.request(
        `${server.url}${route}`,
        { method: 'POST', headers: { 'content-type': type, 'content-length': Buffer.byteLength(file), cookie } },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode!, body: JSON.parse(text), bytes: text.length, ms: performance.now() - started });
          });
          res.on('error', reject);
        },
      );
      req.on('error', (error) => !answered && reject(error));
      req.end(file);
    });

  /** Sends the file while health is watched; prints the figures and checks the server stayed responsive. */
  async function attack(name: string, route: string, file: Buffer | string, type: string): Promise<Answer> {
    const watch = watchHealth(server.url, { pid: server.child.pid!, deadlineMs: HEALTH_DEADLINE_MS });
    const answer = await send(route, file, type);
    // the work a refusal leaves (a request body still draining, memory to collect) is watched a moment longer
    await new Promise((r) => setTimeout(r, 400));
    const health = await watch.stop();
    const size = (Buffer.byteLength(file) / 1_048_576).toFixed(1);
    console.log(
      `${name} (${size} MB): HTTP ${answer.status} in ${Math.round(answer.ms)} ms, answer ${answer.bytes} bytes; health: ${health.probes} probes, slowest ${Math.round(health.slowestMs)} ms, ${health.failures} failed; peak RSS ${health.peakRssMb?.toFixed(0)} MB — ${answer.body.error?.message ?? `${answer.body.rejectedRows} rejected`}`,
    );
    expect(health.failures, `${name}: health probes unanswered`).toBe(0);
    expect(health.slowestMs, `${name}: slowest health answer`).toBeLessThan(HEALTH_DEADLINE_MS);
    expect(health.peakRssMb, `${name}: peak RSS`).toBeLessThan(PEAK_RSS_MB);
    expect(server.child.exitCode, `${name}: the server died`).toBeNull();
    return answer;
  }

  /** What the server's temporary directory holds besides tsx's compile cache. */
  const leftovers = () => fs.readdirSync(tmp).filter((name) => !name.startsWith('tsx-'));

  it('refuses a workbook whose shared strings inflate to 4.5 GB (a preview), within seconds', async () => {
    const { file, inflatedBytes } = sharedStringsBomb();
    expect(inflatedBytes).toBeGreaterThan(4.5e9);
    const answer = await attack('xlsx, shared strings inflating to 4.5 GB', '/api/import/ledger/risk-points?dryRun=true', file, XLSX);
    expect(answer.status).toBe(413);
    expect(answer.body.error!.message).toBe("the workbook's part xl/sharedStrings.xml inflates to more than 64 MB");
    expect(answer.ms).toBeLessThan(10_000);
  });

  it('refuses a workbook whose sheet inflates to 2 GB before its shared strings, and removes what it kept on disk', async () => {
    const { file, inflatedBytes } = sheetBomb();
    expect(inflatedBytes).toBeGreaterThan(2e9);
    const answer = await attack('xlsx, sheet inflating to 2 GB', '/api/import/ledger/risk-points', file, XLSX);
    expect(answer.status).toBe(413);
    expect(answer.body.error!.message).toBe("the workbook's part xl/worksheets/sheet1.xml inflates to more than 256 MB");
    expect(answer.ms).toBeLessThan(10_000);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a ledger header of 100,000 columns (a 100 KB file that froze the server for 30 s)', async () => {
    const answer = await attack('CSV, 100,000 columns', '/api/import/ledger/risk-points?dryRun=true', wideCsv(), 'text/csv');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ message: 'line 1: more than 200 columns', details: [{ field: 'line 1', reason: 'more than 200 columns' }] });
    expect(answer.ms).toBeLessThan(2000);
  });

  it('refuses a ledger line of 20 MB (read in quadratic time before)', async () => {
    const answer = await attack('CSV, one 20 MB line', '/api/import/ledger/risk-points?dryRun=true', longLineCsv(), 'text/csv');
    expect(answer.status).toBe(400);
    expect(answer.body.error!.message).toBe('line 2: longer than 1,048,576 characters');
    expect(answer.ms).toBeLessThan(5000);
  });

  it('refuses a FIRMS file of 700,000 bad rows outright (40 s, a 173 MB answer and 2.2 GB before)', async () => {
    const file = badFirms(700_000);
    expect(Buffer.byteLength(file)).toBeLessThan(20 * 1_048_576); // within what the route takes
    const answer = await attack('FIRMS, 700,000 bad rows', '/api/import/firms', file, 'text/csv');
    expect(answer.status).toBe(413);
    expect(answer.body.error!.message).toMatch(/^a FIRMS file may have at most 200,000 rows/);
    expect(answer.ms).toBeLessThan(2000);
  });

  it('answers a FIRMS file of 190,000 bad rows with all of them counted and the first listed, still answering health', async () => {
    const answer = await attack('FIRMS, 190,000 bad rows', '/api/import/firms', badFirms(190_000), 'text/csv');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rows: 190_000, imported: 0, rejectedRows: 190_000 });
    expect(answer.body.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(answer.body.rejected![0]).toEqual({ line: 2, reason: expect.stringMatching(/^latitude:/) });
    expect(answer.bytes).toBeLessThan(100_000);
    expect(answer.ms).toBeLessThan(20_000);
  });

  it('leaves no temporary files: after ordinary imports, a preview that stops at the header, and a client gone mid-upload', async () => {
    // as ExcelJS writes a workbook: its sheet before its shared strings
    const book = new ExcelJS.Workbook();
    book.addWorksheet('台账').addRows([
      ['编号', '名称', '类别', '风险等级', '经度', '纬度'],
      ['TMP-1', '九江某加油站', '燃气', '低', 116.0, 29.7],
    ]);
    const written = Buffer.from(await book.xlsx.writeBuffer());
    expect((await send('/api/import/ledger/risk-points', written, XLSX)).body).toMatchObject({ rows: 1, created: 1 });
    expect(leftovers()).toEqual([]);
    expect((await send('/api/import/ledger/risk-points', orderlyWorkbook(50), XLSX)).body).toMatchObject({ rows: 50, created: 50 });
    const preview = await send(
      `/api/import/ledger/risk-points?dryRun=true&mapping=${encodeURIComponent(JSON.stringify({ externalId: '编号' }))}`,
      orderlyWorkbook(50),
      XLSX,
    );
    expect(preview.body).toMatchObject({
      rows: 0,
      mappingProblems: expect.arrayContaining([{ field: 'mapping.name', reason: 'no column chosen for a required field' }]),
    });
    expect(leftovers()).toEqual([]);

    // half a workbook, its sheet being kept on disk, then the client is gone
    const file = orderlyWorkbook(40_000);
    const req = http.request(`${server.url}/api/import/ledger/risk-points`, {
      method: 'POST',
      headers: { 'content-type': XLSX, 'content-length': file.length, cookie },
    });
    req.on('error', () => {}); // it is destroyed on purpose
    req.write(file.subarray(0, file.length / 2));
    const until = async (done: () => boolean, what: string) => {
      for (const started = Date.now(); !done(); await new Promise((r) => setTimeout(r, 20)))
        if (Date.now() - started > 5000) throw new Error(`${what} within 5 s`);
    };
    await until(() => leftovers().length > 0, 'the server kept the sheet on disk');
    req.destroy();
    await until(() => leftovers().length === 0, 'the server removed what it kept');
    expect((await api(server.url, 'GET', '/api/health', undefined, { cookie })).status).toBe(200);
  });
});
