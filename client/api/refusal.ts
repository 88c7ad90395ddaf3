import { apiErrorBodySchema, type ErrorCode, type FieldProblem } from '../../shared/errors.ts';
import { i18next } from '../i18n/index.ts';

/** Why the server refused a request, as the screens show it (status 0: no answer came). */
export interface Refusal {
  status: number;
  /** The refusal's code; absent when the answer was not ours (a proxy's error page) or none came. */
  code?: ErrorCode;
  /** What the screen says, in the screen's language: what was refused and, where it can, what to fix. */
  message: string;
  /** The offending fields of a refused body; empty for every other refusal. */
  details: FieldProblem[];
}

/** No answer at all: the network, or a server that is down. */
export const noAnswer = (): Refusal => ({ status: 0, message: i18next.t('refusal.network'), details: [] });

/** A refusal from its status and the answer's body (`null` when it was not JSON, as a proxy's error page is not). */
export function refusalOf(status: number, answer: unknown): Refusal {
  const body = apiErrorBodySchema.safeParse(answer);
  if (!body.success) return { status, message: i18next.t('refusal.notOurs', { status }), details: [] };
  const { code, message, details } = body.data.error;
  // only a validation refusal lists fields; other details (a rate limit's window) are not for the screen
  const fields = Array.isArray(details) ? (details as FieldProblem[]) : [];
  return { status, code, message: wordsFor(code, message, fields), details: fields };
}

/**
 * The words for a refusal: each offending field by its name on the form, with the reason in the screen's
 * language (a latitude that is a longitude says they look swapped). The server's own words stay beside a
 * code whose refusal names its particulars (which step, which record), and stand alone for a code the
 * screens have no words for.
 */
function wordsFor(code: ErrorCode, serverMessage: string, fields: FieldProblem[]): string {
  const t = i18next.t.bind(i18next);
  const chinese = i18next.language !== 'en';
  if (code === 'validation_failed' && fields.length > 0) {
    const problems = fields.map((p) => `${fieldName(p.field)}${t('refusal.colon')}${chinese ? (p.reasonZh ?? p.reason) : p.reason}`);
    return t('refusal.validation_failed', { problems: problems.join(t('refusal.separator')) });
  }
  const known = `refusal.${code}`;
  return i18next.exists(known) ? t(known, { detail: serverMessage }) : serverMessage;
}

/** A field's name as the forms label it (the last part of its path), or the path itself. */
function fieldName(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  const key = `imports.field.${last}`;
  return i18next.exists(key) ? i18next.t(key) : path;
}
