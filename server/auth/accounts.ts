import express from 'express';
import { z } from 'zod';
import { PERSON_ROLES, usernameSchema } from '../../shared/auth.ts';
import { type Actor, auditedOnly } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { actorOf } from './http.ts';
import { findAccount } from './repository.ts';
import { createAccount } from './service.ts';

const accountCreateSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(60),
  role: z.enum(PERSON_ROLES),
  /** Handed to the person, who must replace it at the first sign-in. */
  temporaryPassword: z.string().min(10).max(200),
});

/** Disables an account: it can no longer sign in, and its sessions stop working at once. */
async function disableAccount(deps: DomainDeps, username: string, actor: Actor): Promise<string[]> {
  return deps.store.write(actor, async (trx) => {
    const account = await findAccount(trx, username);
    if (!account) throw notFound('account', username);
    if (account.username === actor.name) throw new ApiError('conflict', 'an administrator cannot disable their own account');
    await trx.updateTable('accounts').set({ disabled: 1 }).where('id', '=', account.id).execute();
    const sessions = (await trx.selectFrom('sessions').select('id').where('accountId', '=', account.id).execute()).map((s) => s.id);
    await trx.deleteFrom('sessions').where('accountId', '=', account.id).execute();
    return auditedOnly(sessions, {
      action: 'account.disable',
      entity: 'account',
      entityId: account.id,
      before: { username, disabled: false },
      after: { username, disabled: true },
    });
  });
}

/** `/api/accounts` (admins): list, create with a temporary password, disable. Passwords never leave the server. */
export function accountRoutes(deps: DomainDeps, onDisabled: (sessionIds: string[]) => void): express.Router {
  const router = express.Router();
  router.get('/', async (_req, res) => {
    const items = await deps.store.db
      .selectFrom('accounts')
      .select(['username', 'displayName', 'role', 'disabled', 'mustChangePassword', 'createdAt'])
      .orderBy('username')
      .execute();
    res.json({ items: items.map((a) => ({ ...a, disabled: a.disabled === 1, mustChangePassword: a.mustChangePassword === 1 })) });
  });
  router.post('/', async (req, res) => {
    const body = parseInput(accountCreateSchema, req.body, 'account');
    if (await findAccount(deps.store.db, body.username)) throw new ApiError('conflict', `the username ${body.username} is taken`);
    await createAccount(
      deps,
      { username: body.username, displayName: body.displayName, role: body.role, password: body.temporaryPassword, oneTime: true },
      actorOf(req),
    );
    res.status(201).json({ username: body.username, displayName: body.displayName, role: body.role, mustChangePassword: true });
  });
  router.post('/:username/disable', async (req, res) => {
    onDisabled(await disableAccount(deps, req.params.username, actorOf(req)));
    res.status(204).end();
  });
  return router;
}
