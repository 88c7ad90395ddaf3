import { parse as parseCookies, serialize } from 'cookie';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { can, DEVICE_COOKIE, DEVICE_COOKIE_PATH, type Permission, type Principal, SESSION_COOKIE } from '../../shared/auth.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { addressOf, limitPerAddress, WRITE_METHODS } from '../http/middleware.ts';
import { changePassword, FailedSignIns, pairDevice, principalOfToken, type SignedIn, signIn, signInDevice, signOut } from './service.ts';

export interface Session {
  sessionId: string;
  principal: Principal;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` when the request carries a live session. */
    session?: Session;
  }
}

/** The session cookie's token in a Cookie header, if any. */
export function sessionToken(cookieHeader: string | undefined): string | undefined {
  return cookieHeader ? parseCookies(cookieHeader)[SESSION_COOKIE] : undefined;
}

/** Reads the session cookie; a request without a live session goes on as nobody's. */
export function authenticate(deps: DomainDeps): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionToken(req.headers.cookie);
    const session = token ? await principalOfToken(deps, token) : undefined;
    if (session) req.session = session;
    next();
  };
}

/** 401 for nobody, 403 for a role without the permission; nothing behind it runs. */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    if (!req.session) throw new ApiError('unauthorized', 'sign in first');
    if (req.session.principal.mustChangePassword)
      throw new ApiError('forbidden', 'replace the one-time password first (POST /api/auth/password)', { mustChangePassword: true });
    if (!can(req.session.principal.role, permission))
      throw new ApiError('forbidden', `a ${req.session.principal.role} may not do this`, { role: req.session.principal.role, needs: permission });
    next();
  };
}

/** Every write needs this permission on top of whatever its route asks. */
export function writesNeed(permission: Permission): RequestHandler {
  const check = requirePermission(permission);
  return (req, res, next) => (WRITE_METHODS.has(req.method) ? check(req, res, next) : next());
}

/** Who is acting, for the change and audit logs; only reachable behind requirePermission. */
export function actorOf(req: Request): Actor {
  if (!req.session) throw new ApiError('unauthorized', 'sign in first');
  const { name, role } = req.session.principal;
  return { name, role };
}

function setSessionCookie(req: Request, res: Response, token: string | null) {
  res.append(
    'set-cookie',
    serialize(SESSION_COOKIE, token ?? '', { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', ...(token ? {} : { maxAge: 0 }) }),
  );
}

/** A paired display keeps its device token for a year in a cookie only the device sign-in receives. */
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

function setDeviceCookie(req: Request, res: Response, token: string) {
  res.append(
    'set-cookie',
    serialize(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: DEVICE_COOKIE_PATH, maxAge: DEVICE_COOKIE_MAX_AGE_S }),
  );
}

/**
 * Failed attempts allowed before 429. Counted per address *and* account, so colleagues behind one NAT do not
 * lock each other out by one mistyping; per account across addresses (a slow guess from many machines);
 * per address across accounts (one machine trying many names). Wall displays have a limit of their own:
 * a room of walls signing in again after a restart is not an attack, and their tokens are not guessable.
 */
const SIGN_IN = {
  perAccountAndAddressPerMinute: 10,
  perAccountPer15Min: 50,
  perAddressPerMinute: 100,
  devicePerAddressPerMinute: 30,
  /** Wrong current passwords on the change endpoint, per account. */
  passwordChangePer15Min: 5,
} as const;

const usernameOf = (req: Request) => {
  const name = (req.body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' ? name.trim().toLowerCase().slice(0, 40) : '';
};

function signInLimits(): { person: RequestHandler[]; device: RequestHandler; passwordChange: RequestHandler } {
  const failures = (windowMs: number, limit: number, message: string, details: object, key?: (req: Request) => string) =>
    limitPerAddress({ windowMs, limit, message, details, countFailuresOnly: true, ...(key ? { key } : {}) });
  return {
    person: [
      failures(
        60_000,
        SIGN_IN.perAccountAndAddressPerMinute,
        'too many failed sign-ins for this account from this address; wait a minute',
        { perMinute: SIGN_IN.perAccountAndAddressPerMinute },
        (req) => `${addressOf(req)} ${usernameOf(req)}`,
      ),
      failures(
        15 * 60_000,
        SIGN_IN.perAccountPer15Min,
        'too many failed sign-ins for this account; wait a quarter of an hour',
        { per15Minutes: SIGN_IN.perAccountPer15Min },
        (req) => `account ${usernameOf(req)}`,
      ),
      failures(60_000, SIGN_IN.perAddressPerMinute, 'too many failed sign-ins from this address; wait a minute', { perMinute: SIGN_IN.perAddressPerMinute }),
    ],
    device: failures(60_000, SIGN_IN.devicePerAddressPerMinute, 'too many failed device sign-ins from this address; wait a minute', {
      perMinute: SIGN_IN.devicePerAddressPerMinute,
    }),
    passwordChange: failures(
      15 * 60_000,
      SIGN_IN.passwordChangePer15Min,
      'too many wrong current passwords; wait a quarter of an hour',
      { per15Minutes: SIGN_IN.passwordChangePer15Min },
      (req) => `session ${req.session?.principal.name ?? addressOf(req)}`,
    ),
  };
}

/** `POST /api/auth/login`, `/device`, `/pair`, `/logout`, `/password` and `GET /api/auth/me`. */
export function authRoutes(deps: DomainDeps, closeSessions: (sessionIds: string[]) => void): express.Router {
  const router = express.Router();
  const limits = signInLimits();
  const failures = new FailedSignIns(deps);
  const answer = (req: Request, res: Response, signedIn: SignedIn) => {
    setSessionCookie(req, res, signedIn.token);
    res.json(signedIn.principal);
  };
  /** Runs a sign-in; a refusal is audited (within the audit's own budget) before it is answered. */
  const attempt = async (req: Request, res: Response, kind: 'person' | 'device', run: () => Promise<SignedIn>) => {
    try {
      answer(req, res, await run());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthorized') await failures.record(kind, kind === 'person' ? usernameOf(req) : null, addressOf(req));
      throw error;
    }
  };

  router.post('/login', ...limits.person, (req, res) => attempt(req, res, 'person', () => signIn(deps, req.body)));
  // a display signs in again by itself when its session ends: with the token of its device cookie
  router.post('/device', limits.device, (req, res) =>
    attempt(req, res, 'device', async () => {
      const given = (req.body as { token?: unknown } | undefined)?.token;
      const signedIn = await signInDevice(deps, req.body ?? {}, parseCookies(req.headers.cookie ?? '')[DEVICE_COOKIE]);
      if (typeof given === 'string') setDeviceCookie(req, res, given);
      return signedIn;
    }),
  );
  router.post('/pair', limits.device, (req, res) =>
    attempt(req, res, 'device', async () => {
      const { deviceToken, ...signedIn } = await pairDevice(deps, req.body);
      setDeviceCookie(req, res, deviceToken);
      return signedIn;
    }),
  );
  router.post('/logout', authenticate(deps), async (req, res) => {
    if (req.session) {
      await signOut(deps, req.session.sessionId, req.session.principal);
      closeSessions([req.session.sessionId]);
    }
    setSessionCookie(req, res, null);
    res.status(204).end();
  });
  // a new password ends the account's other sessions and their screens: whoever knew the old one is out
  router.post('/password', authenticate(deps), limits.passwordChange, async (req, res) => {
    if (!req.session) throw new ApiError('unauthorized', 'sign in first');
    closeSessions(await changePassword(deps, req.session, req.body));
    res.status(204).end();
  });
  router.get('/me', authenticate(deps), (req, res) => {
    if (!req.session) throw new ApiError('unauthorized', 'not signed in');
    res.json(req.session.principal);
  });
  return router;
}
