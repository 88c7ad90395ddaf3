import type { Readable } from 'node:stream';
import { badLine, count, decodeUtf8, isBlank, LEDGER_LIMITS, type TableRecord } from './table-limits.ts';

/** Delimiters a spreadsheet writes CSV with; a ledger's is the one its header uses most. */
const DELIMITERS = [',', '\t', ';', '|'];
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * CSV (RFC 4180: a quoted cell may hold delimiters, doubled quotes and line breaks) read as it arrives, in time
 * linear in its length: Papa Parse's stream re-reads an unfinished line with every chunk, so one long line cost
 * quadratic time. A record wider or longer than the bounds is refused with its line before more of it is
 * held. Records of blank cells only are skipped; a byte-order mark is dropped.
 */
export class CsvReader {
  private delimiter: string | undefined;
  private special = /[,\r\n]/g;
  /** Text held until the first line is whole, to choose the delimiter from it. */
  private head: string | null = '';
  private mode: 'start' | 'plain' | 'quoted' | 'quote' = 'start';
  private cells: string[] = [];
  private cell = '';
  private afterCr = false;
  private line = 1;
  private recordLine = 1;
  private recordChars = 0;
  private out: TableRecord[] = [];

  constructor(private readonly limits: { columns: number; lineChars: number; delimiter?: string }) {
    if (limits.delimiter) this.useDelimiter(limits.delimiter);
  }

  /** The records this text completes. */
  push(text: string): TableRecord[] {
    if (this.head !== null) {
      // only the new text is searched: a first line arriving a byte at a time must not be searched again and again
      const held = this.head.length;
      const newline = text.search(/[\r\n]/);
      this.head += text;
      if (newline === -1 && this.head.length <= this.limits.lineChars) return [];
      text = this.startWith(newline === -1 ? this.head : this.head.slice(0, held + newline));
    }
    this.read(text);
    return this.take();
  }

  /** The last record, at the end of the file. */
  end(): TableRecord[] {
    if (this.head !== null) this.read(this.startWith(this.head));
    if (this.mode === 'quoted') throw badLine(this.recordLine, 'a quoted cell is never closed');
    if (this.mode !== 'start' || this.cells.length > 0) this.endRecord();
    return this.take();
  }

  private startWith(firstLine: string): string {
    const text = this.head!.replace(/^\uFEFF/, '');
    this.head = null;
    if (this.delimiter === undefined) {
      const uses = (d: string) => firstLine.split(d).length;
      this.useDelimiter(DELIMITERS.reduce((best, d) => (uses(d) > uses(best) ? d : best)));
    }
    return text;
  }

  private useDelimiter(delimiter: string) {
    this.delimiter = delimiter;
    this.special = new RegExp(`[${delimiter.replace(/[\\\]^-]/g, '\\$&')}\\r\\n]`, 'g');
  }

  private take(): TableRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }

  /** Adds text to the cell being read, counting it against the record's bound. */
  private append(text: string) {
    this.recordChars += text.length;
    if (this.recordChars > this.limits.lineChars) throw badLine(this.recordLine, `longer than ${count(this.limits.lineChars)} characters`);
    this.cell += text;
  }

  private endCell() {
    this.cells.push(this.cell);
    this.cell = '';
    if (this.cells.length >= this.limits.columns) throw badLine(this.recordLine, `more than ${count(this.limits.columns)} columns`);
  }

  private endRecord() {
    this.cells.push(this.cell);
    if (!isBlank(this.cells)) this.out.push({ line: this.recordLine, cells: this.cells });
    this.cells = [];
    this.cell = '';
    this.recordChars = 0;
    this.mode = 'start';
  }

  private read(text: string) {
    let i = 0;
    while (i < text.length) {
      if (this.afterCr) {
        this.afterCr = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.mode === 'quoted') {
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? text.length : quote;
        const part = text.slice(i, end);
        for (let at = part.indexOf('\n'); at !== -1; at = part.indexOf('\n', at + 1)) this.line++;
        this.append(part);
        if (quote === -1) return;
        this.mode = 'quote';
        i = quote + 1;
        continue;
      }
      if (this.mode === 'quote') {
        // the quote either closed the cell or was the first of a doubled one
        if (text.charCodeAt(i) === QUOTE) {
          this.append('"');
          this.mode = 'quoted';
          i++;
          continue;
        }
        this.mode = 'plain';
      }
      if (this.mode === 'start') {
        this.mode = 'plain';
        if (text.charCodeAt(i) === QUOTE) {
          this.mode = 'quoted';
          i++;
          continue;
        }
      }
      this.special.lastIndex = i;
      const found = this.special.exec(text);
      const end = found ? found.index : text.length;
      this.append(text.slice(i, end));
      if (!found) return;
      i = end + 1;
      const c = text.charCodeAt(end);
      if (c !== CR && c !== LF) {
        this.endCell();
        this.mode = 'start';
        continue;
      }
      this.endRecord();
      this.line++;
      this.recordLine = this.line;
      this.afterCr = c === CR;
    }
  }
}

/** A CSV upload's records, decoded and read as they arrive. */
export async function* csvRecords(body: Readable): AsyncGenerator<TableRecord> {
  const reader = new CsvReader(LEDGER_LIMITS);
  // decoded as a stream: a character split between two network chunks must not become two broken ones
  for await (const text of decodeUtf8(body)) yield* reader.push(text);
  yield* reader.end();
}
