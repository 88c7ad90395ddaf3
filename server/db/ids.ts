import { v7 as uuidv7 } from 'uuid';

/**
 * A new record's id: its kind's prefix and a time-ordered UUID (version 7: milliseconds, then 74 random bits).
 * Keys that grow with time land at the right edge of their table's index; random ones (version 4) dirtied a
 * different index page per write and doubled SQLite's time per write in a group commit (measured: 25 µs
 * against 51 µs per report with its change and audit rows, groups of 100).
 */
export const newRecordId = (prefix: string): string => `${prefix}-${uuidv7()}`;
