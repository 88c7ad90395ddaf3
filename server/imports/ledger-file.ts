import { type Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ApiError } from '../errors.ts';
import { undoSpreadsheetSafe, XLSX_TYPE } from '../http/spreadsheet.ts';

/** One row of a ledger: its line in the file (the header is line 1) and its cells by column header. */
export interface LedgerRow {
  line: number;
  cells: Record<string, string>;
}

/** A ledger being read: its headers at once, then its rows one at a time, never the whole file in memory. */
export interface LedgerFile {
  columns: string[];
  rows: AsyncGenerator<LedgerRow>;
}

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv'];

/** What a cell holds, as the text a person sees in it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/** Passes the body through and fails it once it exceeds `limit` bytes. */
function capped(limit: number): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) done(new ApiError('payload_too_large', `a ledger may have at most ${Math.round(limit / 1_048_576)} MB`));
      else done(null, chunk);
    },
  });
}

async function* csvRecords(body: Readable): AsyncGenerator<string[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' }) as unknown as NodeJS.ReadWriteStream & AsyncIterable<string[]>;
  body.on('error', (error) => parser.emit('error', error));
  body.pipe(parser);
  yield* parser;
}

/** Decodes UTF-8 across chunk boundaries. */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
};
const { WorkbookReader } = ExcelJS.stream.xlsx;
const base = WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * ExcelJS's streaming reader decodes each inflated chunk on its own, so a Chinese character split between two
 * chunks comes out as two "�" (exceljs issues #2063, #2084; fixes unmerged). Here the sheet and the shared
 * strings reach its XML parser already decoded as streams.
 */
class Utf8WorkbookReader extends WorkbookReader {
  *_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    yield* base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  }

  _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8');
    return base._parseSharedStrings.call(this, entry);
  }
}

async function* xlsxRecords(body: Readable): AsyncGenerator<string[]> {
  const workbook = new Utf8WorkbookReader(body, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      // ExcelJS counts columns from 1: values[0] is always empty
      yield values.slice(1).map(cellText);
    }
    return; // the ledger is the first sheet
  }
}

/** Reads the header row, or refuses a file that has none. */
async function withHeader(records: AsyncGenerator<string[]>): Promise<LedgerFile> {
  const first = await records.next();
  if (first.done) throw new ApiError('validation_failed', 'the file is empty: the first row must name the columns', [{ field: '(file)', reason: 'no header row' }]);
  const columns = first.value.map((c, i) => c.replace(/^\uFEFF/, '').trim() || `(${i + 1})`);
  async function* rows(): AsyncGenerator<LedgerRow> {
    let line = 1;
    for await (const record of records) {
      line++;
      const cells: Record<string, string> = {};
      columns.forEach((column, i) => (cells[column] = undoSpreadsheetSafe((record[i] ?? '').trim())));
      yield { line, cells };
    }
  }
  return { columns, rows: rows() };
}

/** Opens an uploaded ledger, CSV (UTF-8) or Excel (.xlsx), by its media type. */
export function openLedgerFile(body: Readable, contentType: string | undefined, limitBytes: number): Promise<LedgerFile> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const input = body.pipe(capped(limitBytes));
  body.on('error', (error) => input.destroy(error));
  if (type === XLSX_TYPE) return withHeader(xlsxRecords(input));
  // decoded as a stream: a character split between two network chunks must not become two broken ones
  if (CSV_TYPES.includes(type)) return withHeader(csvRecords(input.setEncoding('utf8')));
  throw new ApiError('unsupported_media_type', 'send the ledger as text/csv or as an Excel workbook (.xlsx)', { contentType: contentType ?? null });
}
