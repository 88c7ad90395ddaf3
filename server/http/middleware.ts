import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../shared/errors.ts';
import { ApiError, errorBodyOf } from '../errors.ts';
import { fetchSiteAllowed, fromOwnOrigin } from './origin.ts';

/** The methods that change something: writes need `operate`, and a page of another origin may send none. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The writes that carry a body. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const hasBody = (req: Parameters<RequestHandler>[0]) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Writes carry JSON (or nothing, like a sign-out); anything else is refused before it reaches a handler. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (BODY_METHODS.has(req.method) && hasBody(req) && !req.is('application/json')) {
    throw new ApiError('unsupported_media_type', 'send the body as application/json', {
      contentType: req.headers['content-type'] ?? null,
    });
  }
  next();
};

type Req = Parameters<RequestHandler>[0];

/** The client's address as the limits count it (an IPv6 client by its /56, as it is usually handed out). */
export const addressOf = (req: Req): string => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');

/**
 * Requests per address in a window, beyond which the answer is 429 `rate_limited` with `message` and
 * `details`. `only` picks the requests that count (others always pass and do not count); `key` counts by
 * something else than the address alone (an account, an address and an account).
 */
export function limitPerAddress(options: {
  windowMs: number;
  limit: number;
  message: string;
  details: object;
  only?: (req: Req) => boolean;
  countFailuresOnly?: boolean;
  key?: (req: Req) => string;
}): RequestHandler {
  const { only, key } = options;
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    ...(only ? { skip: (req: Req) => !only(req) } : {}),
    ...(key ? { keyGenerator: key } : {}),
    skipSuccessfulRequests: options.countFailuresOnly ?? false,
    standardHeaders: 'draft-8',
    // a forwarded header without TRUST_PROXY is ignored on purpose (anyone could send one), not a misconfiguration
    validate: { xForwardedForHeader: false },
    legacyHeaders: false,
    handler: (_req, res) => {
      const error = new ApiError('rate_limited', options.message, options.details);
      res.status(error.status).json(error.toBody());
    },
  });
}

/**
 * Refuses any write sent by a page of another origin: by its Origin header, and by Fetch Metadata for a form
 * or a no-cors fetch (which need no CORS preflight and may be `text/plain`, as an import would take).
 */
export function refuseForeignWrites(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!WRITE_METHODS.has(req.method)) return next();
    const allowedOrigin = req.headers.origin !== undefined && allowedOrigins.includes(req.headers.origin);
    if (!fromOwnOrigin(req.headers, allowedOrigins) || (!allowedOrigin && !fetchSiteAllowed(req.headers)))
      throw new ApiError('forbidden', 'a page of another origin may not act with this session', {
        origin: req.headers.origin ?? null,
        fetchSite: req.headers['sec-fetch-site'] ?? null,
      });
    next();
  };
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

/** The fixed error code for a client error some library raised with its HTTP status. */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
};

/**
 * The libraries' own refusals (body-parser, the router decoding a path, `send` serving a range), turned into
 * the fixed error codes: they are the client's mistakes, answered 4xx, never 500s logged as our faults.
 */
function fromLibrary(error: unknown): ApiError | undefined {
  const { type, status, statusCode } = error as { type?: unknown; status?: unknown; statusCode?: unknown };
  if (type === 'entity.parse.failed') return new ApiError('invalid_json', 'the body is not valid JSON');
  if (type === 'entity.too.large') return new ApiError('payload_too_large', 'the body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new ApiError('unsupported_media_type', 'unsupported body encoding');
  const httpStatus = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  const code = httpStatus === undefined ? undefined : CODE_OF_STATUS[httpStatus];
  if (!code) return undefined;
  // the router's URIError: a path with broken percent-encoding such as %ff%fe
  if (error instanceof URIError) return new ApiError(code, 'the address is not valid percent-encoded UTF-8');
  if (code === 'range_not_satisfiable') return new ApiError(code, 'the requested byte range lies outside the file');
  return new ApiError(code, error instanceof Error && error.message ? error.message : 'the request was refused');
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = error instanceof ApiError ? error : (fromLibrary(error) ?? error);
    const status = known instanceof ApiError ? known.status : 500;
    res.status(status).json({ error: errorBodyOf(known, log, { method: req.method, path: req.path }) });
  };
}
