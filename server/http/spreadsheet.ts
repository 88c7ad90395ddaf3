/** Spreadsheets run cells starting with these as formulas (CSV injection); such text is exported with a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

export const spreadsheetSafe = <T>(value: T): T | string => (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value);
