import ExcelJS from 'exceljs';
import type { Response } from 'express';
import Papa from 'papaparse';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Spreadsheets run cells starting with these as formulas (CSV injection); such text is exported with a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

export const spreadsheetSafe = <T>(value: T): T | string => (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value);

/** The text a defused cell stood for: what our exports wrote comes back as it was. */
export const undoSpreadsheetSafe = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** A ledger's columns: the header in the bureau's words and how a record fills it. */
export type LedgerColumns<T> = readonly (readonly [header: string, value: (record: T) => string | number])[];

/**
 * Sends a ledger (台账) as CSV (UTF-8 with a BOM, which Excel needs to read Chinese) or as an Excel workbook
 * written as it streams, every text cell defused against formula injection.
 */
export async function sendLedger<T>(
  res: Response,
  ledger: { file: string; sheet: string; format: 'csv' | 'xlsx'; columns: LedgerColumns<T>; records: Iterable<T> },
): Promise<void> {
  const headers = ledger.columns.map(([header]) => header);
  const cells = (record: T) => ledger.columns.map(([, value]) => spreadsheetSafe(value(record)));
  if (ledger.format === 'csv') {
    const data = [...ledger.records].map(cells);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`${ledger.file}.csv`)
      .send(`\uFEFF${Papa.unparse({ fields: headers, data })}`);
    return;
  }
  res.type(XLSX_TYPE).attachment(`${ledger.file}.xlsx`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet(ledger.sheet);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  for (const record of ledger.records) sheet.addRow(cells(record)).commit();
  sheet.commit();
  await book.commit();
}
