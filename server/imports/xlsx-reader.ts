import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { ApiError } from '../errors.ts';
import { badLine, count, decodeUtf8, isBlank, LEDGER_LIMITS, MiB, type TableRecord, tooLarge } from './table-limits.ts';

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

/** What the part of a workbook being read is, for the bounds that apply to it. */
interface PartLimits {
  bytes: number;
  /** Parsed as XML: checked for markup no workbook has, and for records longer than the bound. */
  xml?: { recordEnd: string };
}

/** Inflated bytes of the workbook so far, over all its parts. */
interface Inflated {
  bytes: number;
}

/**
 * Counts the inflated bytes of one part of a workbook against its bound and the workbook's, and, for XML that
 * will be parsed, keeps what the XML parser holds at once bounded. Excel writes no CDATA, comments, doctypes
 * or processing instructions (but the XML declaration), so a refusal of `<!` and of a late `<?` leaves only
 * tags and text, where `<` always opens a tag: then the bytes since the last `</row>` (or `</si>`) bound one
 * row, one cell and one text node, which the parser would otherwise gather whole however large.
 */
class PartMeter extends Transform {
  private bytes = 0;
  /** Bytes since the last record ended, up to the end of the last chunk. */
  private sinceRecord = 0;
  /** The end of the last chunk, searched again with the next: a pattern may straddle the two. */
  private tail: Buffer = Buffer.alloc(0);
  private readonly recordEnd: Buffer | null;

  constructor(
    private readonly part: string,
    private readonly limits: PartLimits,
    private readonly inflated: Inflated,
  ) {
    super();
    this.recordEnd = limits.xml ? Buffer.from(limits.xml.recordEnd) : null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    this.inflated.bytes += chunk.length;
    if (this.bytes > this.limits.bytes)
      return done(tooLarge(`the workbook's part ${this.part} inflates to more than ${Math.round(this.limits.bytes / MiB)} MB`));
    if (this.inflated.bytes > LEDGER_LIMITS.totalBytes)
      return done(tooLarge(`the workbook inflates to more than ${Math.round(LEDGER_LIMITS.totalBytes / MiB)} MB`));
    const problem = this.recordEnd && this.scan(chunk, this.recordEnd);
    if (problem) return done(problem);
    done(null, chunk);
  }

  /**
   * Searched with native `indexOf` a few times a chunk: a byte-by-byte loop in JavaScript cost seconds on a
   * bomb's 300 MB. `!` and `?` are rare in a workbook's XML, `<` is everywhere: the rare byte is searched.
   */
  private scan(chunk: Buffer, end: Buffer): ApiError | null {
    const carried = this.tail.length;
    const text = carried > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    // "<!" opens CDATA, a comment or a doctype; "<?" an instruction, allowed only as the declaration opening the part
    const declaration = this.bytes === chunk.length ? (text.subarray(0, 3).equals(UTF8_BOM) ? 4 : 1) : -1;
    for (const mark of [BANG, QUESTION])
      for (let at = text.indexOf(mark, Math.max(1, carried)); at !== -1; at = text.indexOf(mark, at + 1))
        if (text[at - 1] === LT && !(mark === QUESTION && at === declaration)) return this.markup();
    // the bytes between two record ends; within one chunk, far smaller than the bound, only the first and last matter
    const limit = LEDGER_LIMITS.xmlRecordBytes;
    const first = text.indexOf(end, Math.max(0, carried - end.length + 1));
    if (first === -1) this.sinceRecord += chunk.length;
    else {
      if (this.sinceRecord - carried + first > limit) return this.recordTooLong(limit);
      this.sinceRecord = text.length - (text.lastIndexOf(end) + end.length);
    }
    if (this.sinceRecord > limit) return this.recordTooLong(limit);
    // copied: a view would keep the whole chunk alive
    this.tail = Buffer.from(text.subarray(Math.max(0, text.length - Math.max(end.length - 1, 1))));
    return null;
  }

  private markup() {
    return new ApiError('validation_failed', `the workbook's part ${this.part} holds markup Excel does not write`, [
      { field: '(file)', reason: 'CDATA, comments, doctypes or processing instructions' },
    ]);
  }

  private recordTooLong(limit: number) {
    return tooLarge(`the workbook's part ${this.part} has a row or string of more than ${Math.round(limit / MiB)} MB of XML`);
  }
}

const LT = 0x3c;
const BANG = 0x21;
const QUESTION = 0x3f;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The entries of unzipper's streaming parser (which ExcelJS reads workbooks with). */
interface ZipEntry extends Readable {
  path: string;
}
type ZipParse = (options: { forceStream: true }) => NodeJS.ReadWriteStream & Readable & AsyncIterable<ZipEntry>;
// resolved from ExcelJS itself: the very copy it reads with, whether or not it is hoisted
const unzipper = createRequire(createRequire(import.meta.url).resolve('exceljs'))('unzipper') as { Parse: ZipParse };

type ReaderInternals = {
  sharedStrings?: unknown[];
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>;
};
const { WorkbookReader } = ExcelJS.stream.xlsx;
const base = WorkbookReader.prototype as unknown as ReaderInternals;

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * ExcelJS's streaming reader with bounds, reading the first sheet only. Its own `parse` inflates every part
 * without limit, caches shared strings without limit, and writes sheets that come before the shared strings
 * (as Excel and ExcelJS order them) to temporary files it removes only once that sheet was read to its end,
 * or at exit. Here every part is metered as it inflates, the shared strings are counted, and only the first
 * sheet is kept, in a temporary directory removed however reading ends.
 *
 * ExcelJS also decodes each inflated chunk on its own, so a Chinese character split between two chunks comes
 * out as two "�" (exceljs issues #2063, #2084; fixes unmerged): its XML parser is given text decoded as a stream.
 */
class BoundedWorkbookReader extends WorkbookReader {
  constructor(private readonly upload: Readable) {
    super(upload, { sharedStrings: 'emit', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  }

  override async *parse(): AsyncGenerator<unknown> {
    const zip = unzipper.Parse({ forceStream: true });
    let reading: PartMeter | null = null;
    // a cut-off upload or a broken zip fails the part being read, or its reader would wait forever
    zip.on('error', (error: Error) => reading?.destroy(error));
    pipeline(this.upload, zip, () => {});
    const inflated: Inflated = { bytes: 0 };
    let entries = 0;
    let sheetNo: string | null = null;
    let spill: string | null = null;
    try {
      for await (const entry of zip) {
        if (++entries > LEDGER_LIMITS.zipEntries) throw tooLarge(`a workbook may have at most ${count(LEDGER_LIMITS.zipEntries)} parts`);
        const sheet: string | undefined = sheetNo === null ? SHEET_PART.exec(entry.path)?.[1] : undefined;
        const limits: PartLimits =
          entry.path === 'xl/workbook.xml'
            ? { bytes: LEDGER_LIMITS.partBytes, xml: { recordEnd: '>' } }
            : entry.path === 'xl/sharedStrings.xml'
              ? { bytes: LEDGER_LIMITS.sharedStringsBytes, xml: { recordEnd: '</si>' } }
              : sheet !== undefined
                ? { bytes: LEDGER_LIMITS.entryBytes, xml: { recordEnd: '</row>' } }
                : { bytes: LEDGER_LIMITS.entryBytes };
        if (sheet !== undefined && !(this as unknown as ReaderInternals).sharedStrings)
          spill = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'onemap-xlsx-'));
        const part: PartMeter = new PartMeter(entry.path, limits, inflated);
        // its reader learns of a failure from the stream (for await rethrows it); this listener only keeps a
        // failure before the reader started from being an uncaught error
        part.on('error', () => {});
        reading = part;
        entry.pipe(part);
        if (entry.path === 'xl/workbook.xml') await base._parseWorkbook.call(this, Readable.from(decodeUtf8(part)));
        else if (entry.path === 'xl/sharedStrings.xml') await this.readSharedStrings(part);
        else if (sheet !== undefined) {
          sheetNo = sheet;
          // with the shared strings read, the sheet is read as it inflates, and nothing after it is needed
          if (!spill) return yield* base._parseWorksheet.call(this, decodeUtf8(part), sheet);
          await pipelineAsync(part, fs.createWriteStream(path.join(spill, 'sheet.xml')));
        } else for await (const _ of part); // inflated all the same: only that reaches the next part
        reading = null;
      }
      if (sheetNo !== null && spill !== null) yield* base._parseWorksheet.call(this, decodeUtf8(fs.createReadStream(path.join(spill, 'sheet.xml'))), sheetNo);
    } finally {
      reading?.destroy();
      zip.destroy();
      if (spill !== null) await fs.promises.rm(spill, { recursive: true, force: true });
    }
  }

  private async readSharedStrings(part: PartMeter) {
    const strings: unknown[] = [];
    for await (const { text } of base._parseSharedStrings.call(this, Readable.from(decodeUtf8(part)))) {
      strings.push(text);
      if (strings.length > LEDGER_LIMITS.sharedStrings)
        throw tooLarge(`a workbook may have at most ${count(LEDGER_LIMITS.sharedStrings)} distinct texts (shared strings)`);
    }
    // where ExcelJS's sheet reader looks them up
    (this as unknown as ReaderInternals).sharedStrings = strings;
  }
}

/** A workbook ExcelJS cannot read is the sender's to fix; a failing disk is ours. */
function unreadable(error: unknown): unknown {
  if (error instanceof ApiError || (error instanceof Error && 'syscall' in error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ApiError('validation_failed', 'the file is not a readable Excel workbook (.xlsx)', [{ field: '(file)', reason }]);
}

/** The first sheet's rows of an .xlsx upload, read within the bounds of LEDGER_LIMITS. */
export async function* xlsxRecords(body: Readable): AsyncGenerator<TableRecord> {
  const workbook = new BoundedWorkbookReader(body);
  let line = 0;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        // Excel numbers its rows; a row without a number follows the one before
        line = Number.isInteger(row.number) && row.number > line ? row.number : line + 1;
        // ExcelJS counts columns from 1: values[0] is always empty
        // a cell left empty is a hole in the values: Array.from reads it as empty text, map would keep the hole
        const cells = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText);
        if (cells.length > LEDGER_LIMITS.columns) throw badLine(line, `more than ${count(LEDGER_LIMITS.columns)} columns`);
        if (!isBlank(cells)) yield { line, cells };
      }
      return; // the ledger is the first sheet
    }
  } catch (error) {
    throw unreadable(error);
  }
}
