import { StringDecoder } from 'node:string_decoder';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ApiError } from '../errors.ts';

/** A record of a table file: the line it starts on and its cells, left to right. */
export interface TableRecord {
  line: number;
  cells: string[];
}

export const MiB = 1_048_576;

/**
 * What a ledger may be. A district's ledger is some ten columns and at most 100,000 rows: 15 MB of CSV, or a
 * workbook whose parts inflate to some 60 MB of XML with 20 MB of shared strings. The bounds leave that room
 * several times over and refuse what no ledger is (a zip bomb, a header of 100,000 columns, a line of 20 MB)
 * before it costs memory, disk or the event loop.
 */
export const LEDGER_LIMITS = {
  columns: 200,
  /** Excel's own limit on the text of one cell. */
  cellChars: 32_767,
  /** One CSV record, its quoted line breaks included. */
  lineChars: MiB,
  /** Parts of a workbook: an .xlsx has a dozen, a few hundred with pictures. */
  zipEntries: 10_000,
  /** Inflated bytes of one part, and of all parts together: the compressed size says nothing of these. */
  entryBytes: 256 * MiB,
  totalBytes: 512 * MiB,
  /** Parts read whole into memory (the workbook's list of sheets). */
  partBytes: 4 * MiB,
  /** The shared strings are all held while the sheet is read: their XML, and how many there are. */
  sharedStringsBytes: 64 * MiB,
  sharedStrings: 1_000_000,
  /** One row of the sheet, or one shared string, as XML: what the XML parser holds at once. */
  xmlRecordBytes: 4 * MiB,
} as const;

/** Longest run of work between two turns of the event loop, so health checks and sockets are answered meanwhile. */
const SLICE_MS = 20;

/** Call often from a long loop: it yields to the event loop once its slice of time is spent. */
export function breather(sliceMs = SLICE_MS): () => Promise<void> {
  let sliceStarted = performance.now();
  return async () => {
    if (performance.now() - sliceStarted < sliceMs) return;
    await nextTurn();
    sliceStarted = performance.now();
  };
}

export const tooLarge = (reason: string) => new ApiError('payload_too_large', reason, [{ field: '(file)', reason }]);
export const badLine = (line: number, reason: string) => new ApiError('validation_failed', `line ${line}: ${reason}`, [{ field: `line ${line}`, reason }]);
export const count = (n: number) => n.toLocaleString('en');
export const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

export const MB = (bytes: number) => Math.round(bytes / MiB);

/** Decodes UTF-8 across chunk boundaries. */
export async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}
