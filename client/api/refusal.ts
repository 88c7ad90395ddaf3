import { apiErrorBodySchema, type FieldProblem } from '../../shared/errors.ts';

/** Why the server refused a request, as the screens show it (status 0: no answer came). */
export interface Refusal {
  status: number;
  message: string;
  /** The offending fields of a refused body; empty for every other refusal. */
  details: FieldProblem[];
}

/** No answer at all: the network, or a server that is down. */
export const NO_ANSWER: Refusal = { status: 0, message: 'network', details: [] };

/** A refusal from its status and the answer's body (`null` when it was not JSON, as a proxy's error page is not). */
export function refusalOf(status: number, answer: unknown): Refusal {
  const body = apiErrorBodySchema.safeParse(answer);
  const error = body.success ? body.data.error : undefined;
  // only a validation refusal lists fields; other details (a rate limit's window) are not for the screen
  const details = Array.isArray(error?.details) ? (error.details as FieldProblem[]) : [];
  return { status, message: error?.message ?? `HTTP ${status}`, details };
}
