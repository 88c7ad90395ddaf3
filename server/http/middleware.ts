import type { ErrorRequestHandler, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { ApiError } from '../errors.ts';
import { errorBodyOf } from '../realtime/command.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const hasBody = (req: Parameters<RequestHandler>[0]) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Writes carry JSON (or nothing, like a sign-out); anything else is refused before it reaches a handler. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (WRITE_METHODS.has(req.method) && hasBody(req) && !req.is('application/json')) {
    throw new ApiError('unsupported_media_type', 'send the body as application/json', {
      contentType: req.headers['content-type'] ?? null,
    });
  }
  next();
};

/**
 * Requests per address in a window, beyond which the answer is 429 `rate_limited` with `message` and
 * `details`. `only` picks the requests that count (others always pass and do not count).
 */
export function limitPerAddress(options: {
  windowMs: number;
  limit: number;
  message: string;
  details: object;
  only?: (req: Parameters<RequestHandler>[0]) => boolean;
  countFailuresOnly?: boolean;
}): RequestHandler {
  const { only } = options;
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    ...(only ? { skip: (req: Parameters<RequestHandler>[0]) => !only(req) } : {}),
    skipSuccessfulRequests: options.countFailuresOnly ?? false,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      const error = new ApiError('rate_limited', options.message, options.details);
      res.status(error.status).json(error.toBody());
    },
  });
}

export function writeRateLimit(perMinute: number): RequestHandler {
  return limitPerAddress({
    windowMs: 60_000,
    limit: perMinute,
    message: 'too many changes from this address; wait a minute',
    details: { perMinute },
    only: (req) => WRITE_METHODS.has(req.method),
  });
}

export const apiNotFound: RequestHandler = (req) => {
  throw new ApiError('not_found', `no such endpoint: ${req.method} ${req.path}`);
};

/** body-parser's own failures, turned into the fixed error codes. */
function fromBodyParser(error: unknown): ApiError | undefined {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return new ApiError('invalid_json', 'the body is not valid JSON');
  if (type === 'entity.too.large') return new ApiError('payload_too_large', 'the body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new ApiError('unsupported_media_type', 'unsupported body encoding');
  return undefined;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = fromBodyParser(error) ?? error;
    const status = known instanceof ApiError ? known.status : 500;
    res.status(status).json({ error: errorBodyOf(known, log, { method: req.method, path: req.path }) });
  };
}
