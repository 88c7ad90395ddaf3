import express from 'express';
import { deviceCreateSchema } from '../../shared/admin.ts';
import { type Actor, auditedOnly } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { actorOf } from './http.ts';
import { newToken } from './secrets.ts';
import { createDevice, startPairing } from './service.ts';

/** Displays listed at most: a centre has a handful of walls; the bound keeps the page bounded. */
const MAX_DEVICES_LISTED = 500;

/** Registers a wall display and returns its token, the only time it is ever shown. */
async function registerDevice(deps: DomainDeps, input: unknown, actor: Actor): Promise<{ id: string; name: string; token: string }> {
  const { name } = parseInput(deviceCreateSchema, input, 'device');
  const token = newToken();
  return { ...(await createDevice(deps, name, token, actor)), token };
}

/** Revokes a device: its token stops working and its sessions end at once. */
async function revokeDevice(deps: DomainDeps, id: string, actor: Actor): Promise<string[]> {
  return deps.store.write(actor, async (trx, now) => {
    const device = await trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!device) throw notFound('device', id);
    if (device.revokedAt) throw new ApiError('conflict', 'this device is revoked already');
    const revokedAt = now.toISOString();
    await trx.updateTable('devices').set({ revokedAt }).where('id', '=', id).execute();
    const sessions = (await trx.selectFrom('sessions').select('id').where('deviceId', '=', id).execute()).map((s) => s.id);
    await trx.deleteFrom('sessions').where('deviceId', '=', id).execute();
    const { tokenHash: _secret, ...before } = device;
    return auditedOnly(sessions, { action: 'device.revoke', entity: 'device', entityId: id, before, after: { ...before, revokedAt } });
  });
}

/** `/api/devices` (admins): list, register (the token is shown once), pair with a one-time code, revoke. */
export function deviceRoutes(deps: DomainDeps, onRevoked: (sessionIds: string[]) => void): express.Router {
  const router = express.Router();
  router.get('/', async (_req, res) => {
    const rows = await deps.store.db
      .selectFrom('devices')
      .select(['id', 'name', 'createdAt', 'revokedAt', 'pairingExpiresAt'])
      .orderBy('createdAt')
      .limit(MAX_DEVICES_LISTED)
      .execute();
    // a code that has run out is no longer pending, whatever the row still holds
    const now = deps.store.clock().toISOString();
    res.json({ items: rows.map((d) => ({ ...d, pairingExpiresAt: d.pairingExpiresAt && d.pairingExpiresAt > now ? d.pairingExpiresAt : null })) });
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await registerDevice(deps, req.body, actorOf(req)));
  });
  /** A one-time code (10 minutes) the display is opened with, `/wall?pair=CODE`, instead of its token. */
  router.post('/:id/pairing', async (req, res) => {
    const pairing = await startPairing(deps, req.params.id, actorOf(req));
    res.status(201).json({ ...pairing, path: `/wall?pair=${pairing.code}` });
  });
  router.post('/:id/revoke', async (req, res) => {
    onRevoked(await revokeDevice(deps, req.params.id, actorOf(req)));
    res.status(204).end();
  });
  return router;
}
