import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { deviceLoginSchema, devicePairSchema, loginSchema, passwordChangeSchema, type PersonRole, type Principal } from '../../shared/auth.ts';
import { type Actor, auditedOnly } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, parseInput } from '../errors.ts';
import {
  countAccounts,
  deleteOtherSessions,
  deleteSession,
  findAccount,
  findDeviceByToken,
  insertAccount,
  insertDevice,
  insertSession,
  sessionPrincipal,
  setPassword,
} from './repository.ts';
import { hashPassword, newToken, passwordMatches, tokenHash } from './secrets.ts';
import type { LiveSession } from './session-cache.ts';
import { newRecordId } from '../db/ids.ts';

/** A shift is 12 hours; a session outlives one with margin, a wall display signs in again by itself. */
const SESSION_MS = 24 * 3600_000;
const SYSTEM: Actor = { name: 'system', role: 'system' };

/**
 * The demo leader is a person, and the demo roster gives them the 带班领导 seat of every day: signing off a
 * report and hearing an escalation follow the roster, so the one leader one can sign in as must be on it.
 */
export const DEMO_LEADER_NAME = '周建华（演示）';

/** In demo mode only: one account per role, password `demo`, and the wall token `demo-wall`. */
export const DEMO_ACCOUNTS: readonly { username: PersonRole; displayName: string }[] = [
  { username: 'admin', displayName: '系统管理员' },
  { username: 'leader', displayName: DEMO_LEADER_NAME },
  { username: 'officer', displayName: '值班员（演示）' },
  { username: 'observer', displayName: '观察员（演示）' },
];
export const DEMO_PASSWORD = 'demo';
export const DEMO_WALL_TOKEN = 'demo-wall';

export interface NewAccount {
  username: string;
  displayName: string;
  role: PersonRole;
  password: string;
  /** The password was printed, not chosen: its owner must replace it before anything else. */
  oneTime?: boolean;
}

export async function createAccount(deps: DomainDeps, account: NewAccount, actor: Actor = SYSTEM): Promise<void> {
  const passwordHash = await hashPassword(account.password);
  await deps.store.write(actor, async (trx, now) => {
    const row = {
      id: newRecordId('acct'),
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      passwordHash,
      disabled: 0,
      mustChangePassword: account.oneTime ? 1 : 0,
      createdAt: now.toISOString(),
    };
    await insertAccount(trx, row);
    const { passwordHash: _secret, ...after } = row;
    return auditedOnly(undefined, { action: 'account.create', entity: 'account', entityId: row.id, before: null, after });
  });
}

/** Registers a wall display; only the token's hash is kept. */
export async function createDevice(deps: DomainDeps, name: string, token: string, actor: Actor = SYSTEM): Promise<{ id: string; name: string }> {
  return deps.store.write(actor, async (trx, now) => {
    const row = {
      id: newRecordId('dev'),
      name,
      tokenHash: tokenHash(token),
      revokedAt: null,
      createdAt: now.toISOString(),
      pairingCodeHash: null,
      pairingExpiresAt: null,
    };
    await insertDevice(trx, row);
    const device = { id: row.id, name };
    return auditedOnly(device, { action: 'device.create', entity: 'device', entityId: row.id, before: null, after: device });
  });
}

/**
 * Makes sure someone can sign in. Demo mode: the demo accounts and wall token. Otherwise, on the very first
 * run, an `admin` with a random password printed once to the log: there is no default password to guess.
 */
export async function ensureAccounts(deps: DomainDeps, log: Logger): Promise<void> {
  const db = deps.store.db;
  if (deps.demo) {
    for (const demo of DEMO_ACCOUNTS)
      if (!(await findAccount(db, demo.username))) await createAccount(deps, { ...demo, role: demo.username, password: DEMO_PASSWORD });
    if (!(await findDeviceByToken(db, tokenHash(DEMO_WALL_TOKEN)))) await createDevice(deps, '演示大屏', DEMO_WALL_TOKEN);
    return;
  }
  if ((await countAccounts(db)) > 0) return;
  const password = newToken().slice(0, 16);
  await createAccount(deps, { username: 'admin', displayName: '系统管理员', role: 'admin', password, oneTime: true });
  log.warn({ username: 'admin', password }, 'first run: created the admin account; sign in with this password and keep it safe (it is shown once)');
}

export interface SignedIn {
  token: string;
  principal: Principal;
}

const unauthorized = () => new ApiError('unauthorized', 'wrong username or password');

async function openSession(deps: DomainDeps, principal: Principal, owner: { accountId: string } | { deviceId: string }): Promise<SignedIn> {
  const token = newToken();
  await deps.store.write({ name: principal.name, role: principal.role }, async (trx, now) => {
    const session = {
      id: tokenHash(token),
      accountId: null,
      deviceId: null,
      ...owner,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_MS).toISOString(),
    };
    await insertSession(trx, session);
    return auditedOnly(undefined, {
      action: 'auth.signIn',
      entity: 'session',
      entityId: null,
      before: null,
      after: { ...principal, expiresAt: session.expiresAt },
    });
  });
  return { token, principal };
}

export async function signIn(deps: DomainDeps, input: unknown): Promise<SignedIn> {
  const { username, password } = parseInput(loginSchema, input, 'sign-in');
  const account = await findAccount(deps.store.db, username);
  // the hash is checked even for an unknown name, so timing does not tell which names exist
  const matches = await passwordMatches(
    account?.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    password,
  );
  if (!account || !matches || account.disabled) throw unauthorized();
  const principal: Principal = {
    kind: 'person',
    name: account.username,
    displayName: account.displayName,
    role: account.role,
    mustChangePassword: account.mustChangePassword === 1,
  };
  return openSession(deps, principal, { accountId: account.id });
}

const devicePrincipal = (device: { name: string }): Principal => ({
  kind: 'device',
  name: `device:${device.name}`,
  displayName: device.name,
  role: 'wall',
  mustChangePassword: false,
});

/** A wall signs in with its token: from the body (configuration, an old-style URL) or its device cookie. */
export async function signInDevice(deps: DomainDeps, input: unknown, cookieToken?: string): Promise<SignedIn> {
  const { token } = parseInput(deviceLoginSchema, input, 'device sign-in');
  const given = token ?? cookieToken;
  if (!given) throw new ApiError('unauthorized', 'this display has no device token: pair it with a code from an administrator');
  const device = await findDeviceByToken(deps.store.db, tokenHash(given));
  if (!device || device.revokedAt !== null) throw new ApiError('unauthorized', 'unknown or revoked device token');
  return openSession(deps, devicePrincipal(device), { deviceId: device.id });
}

/** A pairing code is good for this long, and once. */
export const PAIRING_CODE_MS = 10 * 60_000;
/** No 0/O, 1/I/L: read off one screen and typed on another. 32⁸ ≈ 10¹² codes, tried at 30 a minute. */
const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const normalisedCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Gives a registered display a one-time pairing code (replacing any pending one); returns it, shown once. */
export async function startPairing(deps: DomainDeps, deviceId: string, actor: Actor): Promise<{ code: string; expiresAt: string }> {
  const raw = Array.from({ length: 8 }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
  return deps.store.write(actor, async (trx, now) => {
    const device = await trx.selectFrom('devices').select(['id', 'name', 'revokedAt']).where('id', '=', deviceId).executeTakeFirst();
    if (!device) throw new ApiError('not_found', `device ${deviceId} does not exist`, { id: deviceId });
    if (device.revokedAt) throw new ApiError('conflict', 'this device is revoked');
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_MS).toISOString();
    await trx
      .updateTable('devices')
      .set({ pairingCodeHash: tokenHash(raw), pairingExpiresAt: expiresAt })
      .where('id', '=', deviceId)
      .execute();
    return auditedOnly(
      { code, expiresAt },
      { action: 'device.startPairing', entity: 'device', entityId: deviceId, before: null, after: { name: device.name, expiresAt } },
    );
  });
}

/**
 * Pairs a display by its one-time code: the device is given a new token (the old one stops working), which
 * the server hands back only as an HttpOnly cookie — never in a URL, never to the page's script.
 */
export async function pairDevice(deps: DomainDeps, input: unknown): Promise<SignedIn & { deviceToken: string }> {
  const { code } = parseInput(devicePairSchema, input, 'pairing');
  const deviceToken = newToken();
  const device = await deps.store.write(SYSTEM, async (trx, now) => {
    const found = await trx
      .selectFrom('devices')
      .select(['id', 'name', 'revokedAt', 'pairingExpiresAt'])
      .where('pairingCodeHash', '=', tokenHash(normalisedCode(code)))
      .executeTakeFirst();
    if (!found || found.revokedAt !== null || !found.pairingExpiresAt || found.pairingExpiresAt <= now.toISOString())
      throw new ApiError('unauthorized', 'the pairing code is wrong or has expired: ask an administrator for a new one');
    await trx
      .updateTable('devices')
      .set({ tokenHash: tokenHash(deviceToken), pairingCodeHash: null, pairingExpiresAt: null })
      .where('id', '=', found.id)
      .execute();
    return auditedOnly(found, { action: 'device.pair', entity: 'device', entityId: found.id, before: null, after: { name: found.name } });
  });
  return { ...(await openSession(deps, devicePrincipal(device), { deviceId: device.id })), deviceToken };
}

/**
 * Replaces a password (the one-time one, or any), after checking the current one. The account's other
 * sessions end with it; their ids are returned so their live connections can be closed too.
 */
export async function changePassword(deps: DomainDeps, session: { sessionId: string; principal: Principal }, input: unknown): Promise<string[]> {
  const { principal } = session;
  const { currentPassword, newPassword } = parseInput(passwordChangeSchema, input, 'password change');
  const account = principal.kind === 'person' ? await findAccount(deps.store.db, principal.name) : undefined;
  if (!account) throw new ApiError('forbidden', 'only a person has a password');
  if (!(await passwordMatches(account.passwordHash, currentPassword))) throw new ApiError('unauthorized', 'the current password is wrong');
  if (newPassword === currentPassword)
    throw new ApiError('validation_failed', 'choose a password different from the current one', [{ field: 'newPassword', reason: 'same as the current one' }]);
  const passwordHash = await hashPassword(newPassword);
  return deps.store.write({ name: principal.name, role: principal.role }, async (trx) => {
    await setPassword(trx, account.username, passwordHash);
    const ended = await deleteOtherSessions(trx, account.id, session.sessionId);
    return auditedOnly(ended, {
      action: 'account.changePassword',
      entity: 'account',
      entityId: account.id,
      before: null,
      after: { username: account.username, sessionsEnded: ended.length },
    });
  });
}

/** Failed sign-ins audited per minute at most; beyond, they are counted and the count rides on the next entry. */
const FAILED_SIGN_INS_AUDITED_PER_MINUTE = 30;

/**
 * The audit trail of refused sign-ins (who was tried, from where), within a budget: a guessing flood must
 * not turn into a flood of audit writes queued before the centre's own.
 */
export class FailedSignIns {
  private windowStart = 0;
  private inWindow = 0;
  private unrecorded = 0;

  constructor(private readonly deps: DomainDeps) {}

  async record(kind: 'person' | 'device', username: string | null, address: string): Promise<void> {
    const now = this.deps.store.clock().getTime();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (this.inWindow >= FAILED_SIGN_INS_AUDITED_PER_MINUTE) {
      this.unrecorded++;
      return;
    }
    this.inWindow++;
    const notRecordedBefore = this.unrecorded;
    this.unrecorded = 0;
    await this.deps.store.write(SYSTEM, async () =>
      auditedOnly(undefined, {
        action: 'auth.signInFailed',
        entity: 'session',
        entityId: null,
        before: null,
        after: { kind, username, address, notRecordedBefore },
      }),
    );
  }
}

export async function signOut(deps: DomainDeps, sessionId: string, principal: Principal): Promise<void> {
  await deps.store.write({ name: principal.name, role: principal.role }, async (trx) => {
    await deleteSession(trx, sessionId);
    return auditedOnly(undefined, { action: 'auth.signOut', entity: 'session', entityId: null, before: { name: principal.name }, after: null });
  });
}

/** The principal behind a session cookie's token and when its session expires, if the session is alive. */
export async function principalOfToken(deps: DomainDeps, token: string): Promise<LiveSession | undefined> {
  const sessionId = tokenHash(token);
  const known = deps.sessions.get(sessionId);
  if (known) return known;
  const mark = deps.sessions.mark;
  const readAt = deps.store.clock();
  const live = await sessionPrincipal(deps.store.db, sessionId, readAt.toISOString());
  if (!live) return undefined;
  const session = { sessionId, ...live };
  deps.sessions.remember(session, readAt, mark);
  return session;
}
