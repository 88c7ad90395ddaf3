import type { Logger } from 'pino';
import type { z } from 'zod';
import { type ErrorCode, fieldProblems } from '../shared/errors.ts';

const STATUS_OF: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  outside_region: 422,
  rate_limited: 429,
  range_not_satisfiable: 416,
  internal: 500,
};

/** A refusal the caller can act on: REST answers it with its status, a socket command in its ack. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS_OF[code];
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Validates what came over the wire; a refusal names every offending field and why. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError('validation_failed', `invalid ${what}`, fieldProblems(result.error));
  return result.data;
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError('not_found', `${what} ${id} does not exist`, { id });
}

/** The error a request or a command answers with: an ApiError as it is, anything else logged and answered generically. */
export function errorBodyOf(error: unknown, log: Logger, context: object) {
  if (error instanceof ApiError) return error.toBody().error;
  log.error({ err: error, ...context }, 'unexpected error');
  return { code: 'internal' as const, message: 'internal error; the operation was not carried out' };
}
