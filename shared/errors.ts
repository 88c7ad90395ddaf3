import { z } from 'zod';

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

/** One offending field of a refused body: where, and why in words a person can act on. */
export interface FieldProblem {
  field: string;
  reason: string;
}

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)',
    reason: issue.message,
  }));
}

/** Every socket command answers its ack with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody['error'] };
