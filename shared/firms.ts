import { z } from 'zod';
import { latSchema, lonSchema } from './geo.ts';

/**
 * NASA FIRMS active-fire CSV, as the Area API returns it. VIIRS rows carry `bright_ti4`/`bright_ti5` and a
 * confidence class (l/n/h, or low/nominal/high); MODIS rows carry `brightness`/`bright_t31` and a confidence
 * of 0–100. `acq_time` is HHMM in UTC and may lose its leading zeros ("5" is 00:05). `instrument` and
 * `type` may be missing.
 */

/** The confidence a VIIRS class stands for on our 0–100 scale (MODIS gives a number itself). */
export const VIIRS_CONFIDENCE = { low: 30, nominal: 70, high: 95 } as const;
const CLASS_OF: Record<string, keyof typeof VIIRS_CONFIDENCE> = { l: 'low', low: 'low', n: 'nominal', nominal: 'nominal', h: 'high', high: 'high' };

/** A numeric cell: an empty one is missing (not 0, as a bare coercion would have it). */
const number = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is missing`)
    .transform(Number)
    .pipe(z.number({ error: `${what} is not a number` }));
/** A numeric cell that may be empty or absent. */
const optionalNumber = <T extends z.ZodType>(check: T) => z.preprocess((v) => (v === '' ? undefined : v), check.optional());

const confidenceSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const viirs = CLASS_OF[value.toLowerCase()];
    if (viirs) return VIIRS_CONFIDENCE[viirs];
    const modis = Number(value);
    if (value !== '' && Number.isFinite(modis) && modis >= 0 && modis <= 100) return modis;
    ctx.addIssue({ code: 'custom', message: `confidence "${value}" is neither l/n/h nor 0–100` });
    return z.NEVER;
  });

const acqTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, 'acq_time is not HHMM')
  .transform((value, ctx) => {
    const padded = value.padStart(4, '0');
    const [hh, mm] = [Number(padded.slice(0, 2)), Number(padded.slice(2))];
    if (hh > 23 || mm > 59) {
      ctx.addIssue({ code: 'custom', message: `acq_time ${value} is not a time of day` });
      return z.NEVER;
    }
    return `${padded.slice(0, 2)}:${padded.slice(2)}`;
  });

export const firmsRowSchema = z
  .object({
    latitude: number('latitude').pipe(latSchema),
    longitude: number('longitude').pipe(lonSchema),
    acq_date: z.iso.date({ error: 'acq_date is not YYYY-MM-DD' }),
    acq_time: acqTimeSchema,
    confidence: confidenceSchema,
    scan: optionalNumber(number('scan').pipe(z.number().positive().max(20))),
    track: optionalNumber(number('track').pipe(z.number().positive().max(20))),
    frp: optionalNumber(number('frp').pipe(z.number().min(0))),
    satellite: z.string().trim().default(''),
    instrument: z.string().trim().optional(),
    bright_ti4: z.string().optional(),
    brightness: z.string().optional(),
  })
  .transform((row) => ({
    lon: row.longitude,
    lat: row.latitude,
    at: `${row.acq_date}T${row.acq_time}:00.000Z`,
    confidence: row.confidence,
    frpMw: row.frp ?? null,
    footprint: row.scan !== undefined && row.track !== undefined ? { scanKm: row.scan, trackKm: row.track } : null,
    // the columns tell the instrument when the `instrument` column is missing
    instrument: row.instrument || (row.bright_ti4 !== undefined ? 'VIIRS' : row.brightness !== undefined ? 'MODIS' : 'satellite'),
    satellite: row.satellite,
  }));

/** What an import did with each row, as `POST /api/import/firms` answers. */
export interface FirmsImportReport {
  rows: number;
  imported: number;
  merged: number;
  outsideRegion: number;
  /** Imported or merged rows lying on a known industrial heat source: flagged on their alert, not alarmed. */
  industrial: number;
  /** Every row refused; `rejected` lists the first MAX_LISTED_REJECTIONS of them, with line and reason. */
  rejectedRows: number;
  rejected: { line: number; reason: string }[];
  alerts: string[];
}
