import { finished, type Readable, Transform } from 'node:stream';
import { ApiError } from '../errors.ts';
import { undoSpreadsheetSafe, XLSX_TYPE } from '../http/spreadsheet.ts';
import { csvRecords } from './csv-reader.ts';
import { badLine, breather, count, LEDGER_LIMITS, MiB, type TableRecord } from './table-limits.ts';
import { xlsxRecords } from './xlsx-reader.ts';

/**
 * One row of a ledger: its line in the file (the CSV line it starts on, or the sheet's row number; the header
 * is line 1) and its cells by column header.
 */
export interface LedgerRow {
  line: number;
  cells: Record<string, string>;
}

/** A ledger being read: its headers at once, then its rows one at a time, never the whole file in memory. */
export interface LedgerFile {
  columns: string[];
  rows: AsyncGenerator<LedgerRow>;
  /** Stops reading and removes what reading it left on disk; a reader that stops early must call it. */
  close(): Promise<void>;
}

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv'];

/** Passes the body through and fails it once it exceeds `limit` bytes. */
function capped(limit: number): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) done(new ApiError('payload_too_large', `a ledger may have at most ${Math.round(limit / MiB)} MB`));
      else done(null, chunk);
    },
  });
}

/** Reads the header row, or refuses a file that has none. */
async function withHeader(records: AsyncGenerator<TableRecord>): Promise<LedgerFile> {
  const checked = (record: TableRecord) => {
    const long = record.cells.findIndex((c) => c.length > LEDGER_LIMITS.cellChars);
    if (long !== -1) throw badLine(record.line, `the cell in column ${long + 1} is longer than ${count(LEDGER_LIMITS.cellChars)} characters`);
    return record;
  };
  let columns: string[];
  try {
    const first = await records.next();
    if (first.done)
      throw new ApiError('validation_failed', 'the file is empty: the first row must name the columns', [{ field: '(file)', reason: 'no header row' }]);
    columns = checked(first.value).cells.map((c, i) => c.replace(/^\uFEFF/, '').trim() || `(${i + 1})`);
  } catch (error) {
    await records.return(undefined);
    throw error;
  }
  async function* rows(): AsyncGenerator<LedgerRow> {
    const breathe = breather();
    for await (const record of records) {
      const { line, cells: values } = checked(record);
      const cells: Record<string, string> = {};
      columns.forEach((column, i) => (cells[column] = undoSpreadsheetSafe((values[i] ?? '').trim())));
      yield { line, cells };
      await breathe();
    }
  }
  const close = async () => {
    await records.return(undefined);
  };
  return { columns, rows: rows(), close };
}

/** Opens an uploaded ledger, CSV (UTF-8) or Excel (.xlsx), by its media type. */
export function openLedgerFile(body: Readable, contentType: string | undefined, limitBytes: number): Promise<LedgerFile> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const read = type === XLSX_TYPE ? xlsxRecords : CSV_TYPES.includes(type) ? csvRecords : null;
  if (!read) throw new ApiError('unsupported_media_type', 'send the ledger as text/csv or as an Excel workbook (.xlsx)', { contentType: contentType ?? null });
  const input = body.pipe(capped(limitBytes));
  // a client gone mid-upload ends the reading (and removes what it left on disk) rather than waiting for bytes that never come
  finished(body, (error) => error && input.destroy(error));
  return withHeader(read(input));
}
