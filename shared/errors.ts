import { z } from 'zod';
import { SWAPPED_LON_LAT } from './geo.ts';
import { INCIDENT_REASONS_ZH } from './incidents.ts';

/** The fixed list of reasons a request or socket command is refused. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'illegal_transition',
  'conflict',
  'outside_region',
  'rate_limited',
  'range_not_satisfiable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** One offending field of a refused body: where, and why in words a person can act on (in Chinese too). */
export interface FieldProblem {
  field: string;
  reason: string;
  reasonZh?: string;
}

const zhCN = z.locales.zhCN();

/** Our schemas' own reasons, said in Chinese. */
const OWN_REASONS_ZH: Record<string, string> = {
  [SWAPPED_LON_LAT]: '像是经度：经度和纬度可能写反了',
  ...INCIDENT_REASONS_ZH,
};

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    // a message the schema wrote itself is kept in both languages; zod's own is said again in Chinese
    const zh = OWN_REASONS_ZH[issue.message] ?? (isZodsOwn(issue) ? zhCN.localeError(issue as never) : undefined);
    const reasonZh = typeof zh === 'string' ? zh : zh?.message;
    return {
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
      reason: issue.message,
      ...(reasonZh ? { reasonZh } : {}),
    };
  });
}

/** Whether the issue's message is zod's default (English) rather than one our schema gave. */
const isZodsOwn = (issue: z.core.$ZodIssue) => /^(Invalid|Too (small|big)|Expected|Unrecognized|Required)/.test(issue.message);

/** Every socket command answers its ack with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody['error'] };
