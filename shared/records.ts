import { z } from 'zod';

/** Instants travel as ISO-8601 strings in UTC (`2026-11-23T06:00:00.000Z`); screens render them in Asia/Shanghai. */
export const instantSchema = z.iso.datetime({ offset: true });

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'id may hold letters, digits and _.:-');

/** Free text a person typed: trimmed, bounded so one body cannot flood a screen or the log. */
export const textSchema = (max: number) => z.string().trim().min(1).max(max);

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{3,32}$/, 'phone may hold digits, spaces and +-()');

/** A query parameter given once or repeated, or comma-separated: `?level=red&level=orange` or `?level=red,orange`. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => (typeof s === 'string' ? s.split(',') : [s])), z.array(item));

/** A string holding JSON (a query parameter, a setting), read into what `schema` says it must be. */
export const jsonText = <T extends z.ZodType>(schema: T, what: string) =>
  z
    .string()
    .max(100_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${what} is not JSON` });
        return z.NEVER;
      }
    })
    .pipe(schema);
