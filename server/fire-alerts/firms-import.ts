import { type FirmsImportReport, firmsRowSchema } from '../../shared/firms.ts';
import { fieldProblems } from '../../shared/errors.ts';
import { MAX_LISTED_REJECTIONS } from '../../shared/ledger-import.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { reportFireAlert } from './service.ts';
import { CsvReader } from '../imports/csv-reader.ts';
import { breather, type TableRecord } from '../imports/table-limits.ts';

/**
 * A FIRMS row is some 120 characters in about 15 columns; the 20 MB a request may carry hold some 170,000 of
 * them. Longer lines, wider rows or more rows are no FIRMS download (nor one we could file in reasonable time).
 */
const FIRMS_LIMITS = { rows: 200_000, columns: 64, lineChars: 4096, delimiter: ',' } as const;
/** Text handed to the CSV reader at once: small enough that reading it is a fraction of a slice. */
const READ_CHARS = 65_536;
const REQUIRED_COLUMNS = ['latitude', 'longitude', 'acq_date', 'acq_time', 'confidence'];

/** The file's records, read a piece at a time (the caller yields to the event loop between them). */
function* records(csv: string): Generator<TableRecord> {
  const reader = new CsvReader(FIRMS_LIMITS);
  for (let at = 0; at < csv.length; at += READ_CHARS) yield* reader.push(csv.slice(at, at + READ_CHARS));
  yield* reader.end();
}

/** Lines of the text, counted without reading it as CSV: a file of too many is refused before any is filed. */
function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < text.length - 1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * Imports a FIRMS CSV: each good row becomes a satellite fire alert, or joins the alert of the same fire
 * (another pixel, pass or satellite); rows outside Jiujiang are counted and skipped; a bad row is counted and
 * the first of them listed with line and reason, and never spoils the good ones. Read in slices between turns
 * of the event loop: a file of 200,000 rows is some seconds of work that must not stop the server answering.
 */
export async function importFirms(deps: DomainDeps, csv: string, actor: Actor): Promise<FirmsImportReport> {
  if (lineCount(csv) > FIRMS_LIMITS.rows + 1)
    throw new ApiError(
      'payload_too_large',
      `a FIRMS file may have at most ${FIRMS_LIMITS.rows.toLocaleString('en')} rows: ask for a smaller area or fewer days`,
      [{ field: '(file)', reason: `more than ${FIRMS_LIMITS.rows.toLocaleString('en')} rows` }],
    );
  const rows = records(csv);
  const header = rows.next();
  const columns = header.done ? [] : header.value.cells.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw new ApiError(
      'validation_failed',
      'not a FIRMS CSV: columns are missing',
      missing.map((c) => ({ field: c, reason: 'missing column' })),
    );

  const report: FirmsImportReport = { rows: 0, imported: 0, merged: 0, outsideRegion: 0, industrial: 0, rejectedRows: 0, rejected: [], alerts: [] };
  const alerts = new Set<string>();
  const breathe = breather();
  for (const { line, cells } of rows) {
    await breathe();
    report.rows++;
    // a short row lacks the columns it does not reach, as a missing column would
    const record = Object.fromEntries(cells.slice(0, columns.length).map((cell, i) => [columns[i], cell]));
    const row = firmsRowSchema.safeParse(record);
    if (!row.success) {
      report.rejectedRows++;
      if (report.rejected.length < MAX_LISTED_REJECTIONS)
        report.rejected.push({
          line,
          reason: fieldProblems(row.error)
            .map((p) => `${p.field}: ${p.reason}`)
            .join('; '),
        });
      continue;
    }
    const d = row.data;
    if (deps.locator.locate(d.lon, d.lat) === undefined) {
      report.outsideRegion++;
      continue;
    }
    const frp = d.frpMw === null ? '' : `，辐射功率 ${d.frpMw} MW`;
    const { alert, merged } = await reportFireAlert(
      deps,
      {
        lon: d.lon,
        lat: d.lat,
        source: 'satellite',
        detectedAt: d.at,
        confidence: d.confidence,
        ...(d.frpMw === null ? {} : { frpMw: d.frpMw }),
        ...(d.footprint ? { footprint: d.footprint } : {}),
        description: `FIRMS ${d.instrument} ${d.satellite} 卫星热点${frp}`.replace(/\s+/g, ' '),
      },
      actor,
    );
    if (merged) report.merged++;
    else report.imported++;
    if (alert.heatSource !== null) report.industrial++;
    alerts.add(alert.id);
  }
  report.alerts = [...alerts];
  return report;
}
