import { randomInt } from 'node:crypto';
import express from 'express';
import type { PersonRole } from '../../shared/auth.ts';
import { type Account, accountCreateSchema, accountPatchSchema, removesLastAdministrator } from '../../shared/admin.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Actor, auditedOnly, type Trx } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { actorOf } from './http.ts';
import { findAccount } from './repository.ts';
import { hashPassword } from './secrets.ts';
import { createAccount } from './service.ts';

/** Accounts listed at most: a bureau has dozens; the bound keeps the page and its query bounded. */
const MAX_ACCOUNTS_LISTED = 500;

/** No 0/O, 1/l/I: a one-time password is read off one screen and typed on another. */
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
/** 12 of 55 characters ≈ 69 bits: beyond online guessing, and it must be replaced at the first sign-in anyway. */
const oneTimePassword = () => Array.from({ length: 12 }, () => READABLE[randomInt(READABLE.length)]).join('');

async function sessionsOf(trx: Trx, accountId: string): Promise<string[]> {
  const sessions = (await trx.selectFrom('sessions').select('id').where('accountId', '=', accountId).execute()).map((s) => s.id);
  await trx.deleteFrom('sessions').where('accountId', '=', accountId).execute();
  return sessions;
}

async function enabledAdmins(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Nobody may lock the bureau out of its own administration, not even two administrators at once. */
async function refuseLosingLastAdmin(
  trx: Trx,
  account: { role: PersonRole; disabled: number },
  change: { disable: true } | { role: PersonRole },
): Promise<void> {
  if (removesLastAdministrator({ role: account.role, disabled: account.disabled === 1 }, await enabledAdmins(trx), change))
    throw new ApiError('conflict', 'this would leave no administrator: make another account an administrator first');
}

/** Disables an account: it can no longer sign in, and its sessions stop working at once. */
async function disableAccount(deps: DomainDeps, username: string, actor: Actor): Promise<string[]> {
  return deps.store.write(actor, async (trx) => {
    const account = await findAccount(trx, username);
    if (!account) throw notFound('account', username);
    if (account.username === actor.name) throw new ApiError('conflict', 'an administrator cannot disable their own account');
    if (account.disabled === 1) throw new ApiError('conflict', 'this account is disabled already');
    await refuseLosingLastAdmin(trx, account, { disable: true });
    await trx.updateTable('accounts').set({ disabled: 1 }).where('id', '=', account.id).execute();
    const sessions = await sessionsOf(trx, account.id);
    return auditedOnly(sessions, {
      action: 'account.disable',
      entity: 'account',
      entityId: account.id,
      before: { username, disabled: false },
      after: { username, disabled: true },
    });
  });
}

async function enableAccount(deps: DomainDeps, username: string, actor: Actor): Promise<void> {
  await deps.store.write(actor, async (trx) => {
    const account = await findAccount(trx, username);
    if (!account) throw notFound('account', username);
    if (account.disabled === 0) throw new ApiError('conflict', 'this account is enabled already');
    await trx.updateTable('accounts').set({ disabled: 0 }).where('id', '=', account.id).execute();
    return auditedOnly(undefined, {
      action: 'account.enable',
      entity: 'account',
      entityId: account.id,
      before: { username, disabled: true },
      after: { username, disabled: false },
    });
  });
}

/**
 * A new role or name. The account's sessions end with a new role: a signed-in screen holds the role it signed
 * in with, and a demoted officer must not keep acting until the session runs out.
 */
async function changeAccount(deps: DomainDeps, username: string, input: unknown, actor: Actor): Promise<string[]> {
  const patch = parseInput(accountPatchSchema, input, 'account change');
  return deps.store.write(actor, async (trx) => {
    const account = await findAccount(trx, username);
    if (!account) throw notFound('account', username);
    const roleChanges = patch.role !== undefined && patch.role !== account.role;
    if (roleChanges && account.username === actor.name) throw new ApiError('conflict', 'an administrator cannot change their own role');
    if (patch.role !== undefined && roleChanges) await refuseLosingLastAdmin(trx, account, { role: patch.role });
    await trx.updateTable('accounts').set(patch).where('id', '=', account.id).execute();
    const sessions = roleChanges ? await sessionsOf(trx, account.id) : [];
    return auditedOnly(sessions, {
      action: 'account.update',
      entity: 'account',
      entityId: account.id,
      before: { username, role: account.role, displayName: account.displayName },
      after: { username, role: patch.role ?? account.role, displayName: patch.displayName ?? account.displayName },
    });
  });
}

/** 重置密码: a new one-time password, returned once; the old one and every session of the account end. */
async function resetPassword(deps: DomainDeps, username: string, actor: Actor): Promise<{ sessions: string[]; temporaryPassword: string }> {
  const temporaryPassword = oneTimePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return deps.store.write(actor, async (trx) => {
    const account = await findAccount(trx, username);
    if (!account) throw notFound('account', username);
    await trx.updateTable('accounts').set({ passwordHash, mustChangePassword: 1 }).where('id', '=', account.id).execute();
    const sessions = await sessionsOf(trx, account.id);
    return auditedOnly(
      { sessions, temporaryPassword },
      { action: 'account.resetPassword', entity: 'account', entityId: account.id, before: null, after: { username, sessionsEnded: sessions.length } },
    );
  });
}

/** Each account's last sign-in, read from the audit log's sign-ins (the accounts table keeps no such column). */
async function lastSignIns(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('auditLog')
    .select(['actor', (eb) => eb.fn.max('at').as('at')])
    .where('action', '=', 'auth.signIn')
    .where('role', '!=', 'wall')
    .groupBy('actor')
    .limit(MAX_ACCOUNTS_LISTED * 2)
    .execute();
  return new Map(rows.map((r) => [r.actor, String(r.at)]));
}

/** `/api/accounts` (admins): list, create with a one-time password, change role, reset the password, disable and enable. */
export function accountRoutes(deps: DomainDeps, onSessionsEnded: (sessionIds: string[]) => void): express.Router {
  const router = express.Router();
  router.get('/', async (_req, res) => {
    const [items, signIns] = await Promise.all([
      deps.store.db
        .selectFrom('accounts')
        .select(['username', 'displayName', 'role', 'disabled', 'mustChangePassword', 'createdAt'])
        .orderBy('username')
        .limit(MAX_ACCOUNTS_LISTED)
        .execute(),
      lastSignIns(deps.store.db),
    ]);
    const accounts: Account[] = items.map((a) => ({
      ...a,
      disabled: a.disabled === 1,
      mustChangePassword: a.mustChangePassword === 1,
      lastSignInAt: signIns.get(a.username) ?? null,
    }));
    res.json({ items: accounts });
  });
  router.post('/', async (req, res) => {
    const body = parseInput(accountCreateSchema, req.body, 'account');
    if (await findAccount(deps.store.db, body.username)) throw new ApiError('conflict', `the username ${body.username} is taken`);
    const temporaryPassword = body.temporaryPassword ?? oneTimePassword();
    await createAccount(
      deps,
      { username: body.username, displayName: body.displayName, role: body.role, password: temporaryPassword, oneTime: true },
      actorOf(req),
    );
    res.status(201).json({ username: body.username, displayName: body.displayName, role: body.role, mustChangePassword: true, temporaryPassword });
  });
  router.patch('/:username', async (req, res) => {
    onSessionsEnded(await changeAccount(deps, req.params.username, req.body, actorOf(req)));
    res.status(204).end();
  });
  router.post('/:username/reset-password', async (req, res) => {
    const { sessions, temporaryPassword } = await resetPassword(deps, req.params.username, actorOf(req));
    onSessionsEnded(sessions);
    res.json({ username: req.params.username, temporaryPassword });
  });
  router.post('/:username/disable', async (req, res) => {
    onSessionsEnded(await disableAccount(deps, req.params.username, actorOf(req)));
    res.status(204).end();
  });
  router.post('/:username/enable', async (req, res) => {
    await enableAccount(deps, req.params.username, actorOf(req));
    res.status(204).end();
  });
  return router;
}
