import { parse as parseCookies, serialize } from 'cookie';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { can, type Permission, type Principal, SESSION_COOKIE } from '../../shared/auth.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { limitPerAddress } from '../http/middleware.ts';
import { changePassword, principalOfToken, type SignedIn, signIn, signInDevice, signOut } from './service.ts';

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

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
  res.setHeader(
    'set-cookie',
    serialize(SESSION_COOKIE, token ?? '', { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', ...(token ? {} : { maxAge: 0 }) }),
  );
}

/** Failed sign-in attempts per address per minute: enough for a mistyped password, not for guessing. */
const SIGN_IN_PER_MINUTE = 10;

/** `POST /api/auth/login`, `/device`, `/logout` and `GET /api/auth/me`. */
export function authRoutes(deps: DomainDeps, onSignOut: (session: Session) => void): express.Router {
  const router = express.Router();
  const limit = limitPerAddress({
    windowMs: 60_000,
    limit: SIGN_IN_PER_MINUTE,
    message: 'too many sign-in attempts from this address; wait a minute',
    details: { perMinute: SIGN_IN_PER_MINUTE },
    // only failures count: a wall of screens signing in after a restart is not an attack
    countFailuresOnly: true,
  });
  const answer = (req: Request, res: Response, signedIn: SignedIn) => {
    setSessionCookie(req, res, signedIn.token);
    res.json(signedIn.principal);
  };

  router.post('/login', limit, async (req, res) => answer(req, res, await signIn(deps, req.body)));
  router.post('/device', limit, async (req, res) => answer(req, res, await signInDevice(deps, req.body)));
  router.post('/logout', authenticate(deps), async (req, res) => {
    if (req.session) {
      await signOut(deps, req.session.sessionId, req.session.principal);
      onSignOut(req.session);
    }
    setSessionCookie(req, res, null);
    res.status(204).end();
  });
  router.post('/password', authenticate(deps), async (req, res) => {
    if (!req.session) throw new ApiError('unauthorized', 'sign in first');
    await changePassword(deps, req.session.principal, req.body);
    res.status(204).end();
  });
  router.get('/me', authenticate(deps), (req, res) => {
    if (!req.session) throw new ApiError('unauthorized', 'not signed in');
    res.json(req.session.principal);
  });
  return router;
}
