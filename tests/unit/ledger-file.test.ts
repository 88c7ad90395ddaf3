import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvReader } from '../../server/imports/csv-reader.ts';
import { type LedgerFile, openLedgerFile } from '../../server/imports/ledger-file.ts';
import { LEDGER_LIMITS, type TableRecord } from '../../server/imports/table-limits.ts';
import { ApiError } from '../../server/errors.ts';
import { deflateRepeated, orderlyWorkbook, sharedStringsBomb, sheetBomb, zip } from '../fixtures/hostile-files.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1_048_576;

/** Everything a reader makes of `text` fed in pieces of `size` characters. */
function readAll(
  text: string,
  size = text.length,
  limits: { columns: number; lineChars: number; delimiter?: string } = { columns: 200, lineChars: MiB },
): TableRecord[] {
  const reader = new CsvReader(limits);
  const records: TableRecord[] = [];
  for (let at = 0; at < text.length; at += size) records.push(...reader.push(text.slice(at, at + size)));
  return [...records, ...reader.end()];
}

/** The refusal a promise or function ends in. */
async function refusal(run: () => unknown): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('CSV read as it arrives', () => {
  const sample = '\uFEFF编号,名称,备注\r\nA-1,"九江, 浔阳区","他说""好""\r\n第二行"\r\n\r\n , ,\nA-2,plain "quote",x\rA-3,,"末"';

  it('reads quoted cells, doubled quotes and line breaks, numbering each record by the line it starts on', () => {
    expect(readAll(sample)).toEqual([
      { line: 1, cells: ['编号', '名称', '备注'] },
      { line: 2, cells: ['A-1', '九江, 浔阳区', '他说"好"\r\n第二行'] },
      // line 4 is empty and line 5 blank cells only: skipped, as a spreadsheet would
      { line: 6, cells: ['A-2', 'plain "quote"', 'x'] },
      { line: 7, cells: ['A-3', '', '末'] },
    ]);
  });

  it('reads the same whatever the pieces the text arrives in', () => {
    const whole = readAll(sample);
    for (const size of [1, 2, 3, 5, 7]) expect(readAll(sample, size)).toEqual(whole);
  });

  it('takes the delimiter the header uses most', () => {
    expect(readAll('编号\t名称\nA\tB, C\n')).toEqual([
      { line: 1, cells: ['编号', '名称'] },
      { line: 2, cells: ['A', 'B, C'] },
    ]);
    expect(readAll('a;b;c\n1;2;3')[1]!.cells).toEqual(['1', '2', '3']);
  });

  it('refuses a record too wide, too long or never closed, naming its line', async () => {
    const limits = { columns: 3, lineChars: 20 };
    expect((await refusal(() => readAll('a,b,c\n1,2,3,4\n', 4, limits))).message).toBe('line 2: more than 3 columns');
    expect((await refusal(() => readAll(`a,b\n1,2\n${'x'.repeat(100)}\n`, 4, limits))).message).toBe('line 3: longer than 20 characters');
    expect((await refusal(() => readAll(`a,b\n"1\n\n${'x'.repeat(100)}`, 4, limits))).message).toBe('line 2: longer than 20 characters');
    expect((await refusal(() => readAll('a,b\n1,"2\n'))).message).toBe('line 2: a quoted cell is never closed');
    // a first line that never ends is refused once it is too long, not held
    expect((await refusal(() => readAll('x'.repeat(100), 7, limits))).message).toBe('line 1: longer than 20 characters');
  });

  it('reads one long line in time linear in its length (Papa Parse took 18 s over 20 MB)', () => {
    const line = `a,b\n1,${'长'.repeat(20 * MiB)}\n`;
    const started = performance.now();
    const records = readAll(line, 65_536, { columns: 10, lineChars: 64 * MiB });
    expect(records[1]!.cells[1]!.length).toBe(20 * MiB);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('Excel workbooks opened with bounds', () => {
  let tmp: string;
  let formerTmp: string | undefined;
  beforeAll(() => {
    // the reader keeps a sheet that comes before its shared strings on disk, under os.tmpdir()
    formerTmp = process.env.TMPDIR;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-ledger-file-'));
    process.env.TMPDIR = tmp;
  });
  afterAll(() => {
    if (formerTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = formerTmp;
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const open = (file: Buffer | string, type = XLSX) => openLedgerFile(Readable.from([Buffer.from(file)]), type, 200 * MiB);
  const readRows = async (file: LedgerFile) => {
    const rows = [];
    for await (const row of file.rows) rows.push(row);
    return rows;
  };
  const leftovers = () => fs.readdirSync(tmp);

  it('reads a workbook in Excel order and leaves nothing on disk, read to the end or closed at the header', async () => {
    const file = await open(orderlyWorkbook(3));
    expect(file.columns).toEqual(['编号', '名称', '类别', '风险等级', '经度', '纬度']);
    expect(leftovers()).toHaveLength(1); // the sheet, kept until the shared strings came
    const rows = await readRows(file);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]); // Excel's row numbers
    expect(rows[0]!.cells).toEqual({ 编号: 'ORD-0', 名称: '九江某单位0', 类别: '燃气', 风险等级: '低', 经度: '116', 纬度: '29.7' });
    await file.close();
    expect(leftovers()).toEqual([]);

    const preview = await open(orderlyWorkbook(3));
    await preview.close();
    expect(leftovers()).toEqual([]);
  });

  it('reads a workbook the same whatever the chunks it arrives in (ExcelJS alone lost the shared strings in some)', async () => {
    const workbook = orderlyWorkbook(20);
    for (const size of [16, 1024, 65_536, workbook.length]) {
      const chunks = Array.from({ length: Math.ceil(workbook.length / size) }, (_, i) => workbook.subarray(i * size, (i + 1) * size));
      const file = await openLedgerFile(Readable.from(chunks), XLSX, 200 * MiB);
      expect(file.columns, `in chunks of ${size} bytes`).toEqual(['编号', '名称', '类别', '风险等级', '经度', '纬度']);
      const rows = await readRows(file);
      expect(rows.map((r) => r.cells['名称'])).toEqual(Array.from({ length: 20 }, (_, i) => `九江某单位${i}`));
      expect(rows.every((r) => r.cells['类别'] === '燃气')).toBe(true);
    }
    expect(leftovers()).toEqual([]);
  });

  it('refuses shared strings that inflate beyond their bound, early and without holding them', async () => {
    const { file, inflatedBytes } = sharedStringsBomb(1024);
    expect(file.length).toBeLessThan(4 * MiB);
    expect(inflatedBytes).toBeGreaterThan(1000 * MiB);
    const started = performance.now();
    const error = await refusal(() => open(file));
    expect(error).toMatchObject({ status: 413, message: "the workbook's part xl/sharedStrings.xml inflates to more than 64 MB" });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses more shared strings than a ledger has', async () => {
    const strings = deflateRepeated([{ text: '<sst>' }, { text: '<si><t>a</t></si>'.repeat(100_000), times: 11 }, { text: '</sst>' }]);
    const file = zip([{ path: 'xl/sharedStrings.xml', data: strings }]);
    expect((await refusal(() => open(file))).message).toBe('a workbook may have at most 1,000,000 distinct texts (shared strings)');
  });

  it('refuses a sheet that inflates beyond its bound, and removes what it kept of it', async () => {
    const error = await refusal(() => open(sheetBomb(LEDGER_LIMITS.entryBytes / MiB + 16).file));
    expect(error).toMatchObject({ status: 413, message: "the workbook's part xl/worksheets/sheet1.xml inflates to more than 256 MB" });
    expect(leftovers()).toEqual([]);
  });

  it('refuses markup Excel does not write, and rows or strings the XML parser would have to hold whole', async () => {
    const sheetWith = (xml: string) =>
      zip([{ path: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0"?><worksheet><sheetData>${xml}</sheetData></worksheet>` }]);
    // inflated in chunks of 16 KiB: this comment's "<" ends the first chunk, its "!" opens the second
    const prefix = '<?xml version="1.0"?><worksheet><sheetData>';
    const acrossChunks = `${' '.repeat(16_383 - prefix.length)}<!-- hidden -->`;
    for (const xml of ['<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>', '<!-- hidden -->', '<?evil ?>', acrossChunks]) {
      expect(await refusal(() => open(sheetWith(xml)))).toMatchObject({
        status: 400,
        message: "the workbook's part xl/worksheets/sheet1.xml holds markup Excel does not write",
      });
    }
    const hugeText = deflateRepeated([
      { text: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' },
      { text: '&gt;'.repeat(MiB / 4), times: 20 },
      { text: '</t></is></c></row></sheetData></worksheet>' },
    ]);
    expect((await refusal(() => open(zip([{ path: 'xl/worksheets/sheet1.xml', data: hugeText }])))).message).toBe(
      "the workbook's part xl/worksheets/sheet1.xml has a row or string of more than 4 MB of XML",
    );
    expect(leftovers()).toEqual([]);
  });

  it('refuses a header too wide and a cell too long, in either format, naming the line', async () => {
    const wide = Array.from({ length: 201 }, (_, i) => `c${i}`).join(',');
    expect((await refusal(() => open(`${wide}\n`, 'text/csv'))).message).toBe('line 1: more than 200 columns');
    const cells = Array.from(
      { length: 201 },
      (_, i) =>
        `<c r="${i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + ((i - 26) % 26))}`.replace(/^A/, String.fromCharCode(65 + Math.floor((i - 26) / 26)))}1" t="inlineStr"><is><t>c${i}</t></is></c>`,
    );
    const wideSheet = zip([{ path: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData><row r="1">${cells.join('')}</row></sheetData></worksheet>` }]);
    expect((await refusal(() => open(wideSheet))).message).toBe('line 1: more than 200 columns');

    const long = await open(`编号,名称\nA,${'长'.repeat(LEDGER_LIMITS.cellChars + 1)}\n`, 'text/csv');
    expect((await refusal(() => readRows(long))).message).toBe('line 2: the cell in column 2 is longer than 32,767 characters');
    expect(leftovers()).toEqual([]);
  });

  it('refuses what is no workbook with a reason, not a server error', async () => {
    expect(await refusal(() => open('编号,名称\n'))).toMatchObject({ status: 400, message: 'the file is not a readable Excel workbook (.xlsx)' });
  });
});
