import express from 'express';
import { calendarFeedCreateSchema } from '../../shared/api.ts';
import { actorOf } from '../auth/http.ts';
import { newToken, tokenHash } from '../auth/secrets.ts';
import { type Actor, auditedOnly } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { limitPerAddress } from '../http/middleware.ts';
import { rosterCalendar } from './roster-calendar.ts';
import { newRecordId } from '../db/ids.ts';

const PUBLIC_COLUMNS = ['id', 'person', 'createdBy', 'createdAt', 'revokedAt'] as const;

/** When a feed made at `createdAt` stops answering: a leaked address is not good forever. */
const expiresAtOf = (createdAt: string, feedDays: number) => new Date(Date.parse(createdAt) + feedDays * 86_400_000).toISOString();

/** Whose feeds a person may see and revoke: their own; an administrator, everyone's. */
const mayManage = (actor: Actor, feed: { createdBy: string }) => actor.role === 'admin' || feed.createdBy === actor.name;

/**
 * `/api/calendar-feeds`: subscriptions to the duty roster for calendar apps (Outlook, phones), one person's
 * shifts or the bureau's. The address holds a token shown once; it stops working `feedDays` after it was
 * made (subscribe again to renew) or when its maker or an administrator revokes it.
 */
export function calendarFeedRoutes(deps: DomainDeps, feedDays: number): express.Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const actor = actorOf(req);
    let query = deps.store.db.selectFrom('calendarFeeds').select(PUBLIC_COLUMNS).orderBy('createdAt');
    if (actor.role !== 'admin') query = query.where('createdBy', '=', actor.name);
    const feeds = await query.execute();
    res.json({ items: feeds.map((feed) => ({ ...feed, expiresAt: expiresAtOf(feed.createdAt, feedDays) })) });
  });
  router.post('/', async (req, res) => {
    const { person } = parseInput(calendarFeedCreateSchema, req.body, 'calendar feed');
    const token = newToken();
    const actor = actorOf(req);
    const feed = await deps.store.write(actor, async (trx, now) => {
      const row = { id: newRecordId('cal'), person, tokenHash: tokenHash(token), createdBy: actor.name, createdAt: now.toISOString(), revokedAt: null };
      await trx.insertInto('calendarFeeds').values(row).execute();
      const { tokenHash: _secret, ...feed } = row;
      return auditedOnly(feed, { action: 'calendarFeed.create', entity: 'calendarFeed', entityId: feed.id, before: null, after: feed });
    });
    res.status(201).json({ ...feed, expiresAt: expiresAtOf(feed.createdAt, feedDays), token, path: `/api/calendar/${token}.ics` });
  });
  router.post('/:id/revoke', async (req, res) => {
    const id = req.params.id;
    const actor = actorOf(req);
    await deps.store.write(actor, async (trx, now) => {
      const feed = await trx.selectFrom('calendarFeeds').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
      if (!feed) throw notFound('calendar feed', id);
      if (!mayManage(actor, feed))
        throw new ApiError('forbidden', 'only the person who made a calendar feed, or an administrator, may revoke it', { createdBy: feed.createdBy });
      if (feed.revokedAt) throw new ApiError('conflict', 'this calendar feed is revoked already');
      const revokedAt = now.toISOString();
      await trx.updateTable('calendarFeeds').set({ revokedAt }).where('id', '=', id).execute();
      return auditedOnly(null, { action: 'calendarFeed.revoke', entity: 'calendarFeed', entityId: id, before: feed, after: { ...feed, revokedAt } });
    });
    res.status(204).end();
  });
  return router;
}

/** `/api/calendar/<token>.ics`: what a calendar app fetches, with no session; a wrong token learns nothing. */
export function publicCalendarRoutes(deps: DomainDeps, feedDays: number): express.Router {
  const router = express.Router();
  router.use(limitPerAddress({ windowMs: 60_000, limit: 60, message: 'too many calendar requests from this address', details: { perMinute: 60 } }));
  router.get('/:token.ics', async (req, res) => {
    const feed = await deps.store.db
      .selectFrom('calendarFeeds')
      .select(['person', 'revokedAt', 'createdAt'])
      .where('tokenHash', '=', tokenHash(req.params.token))
      .executeTakeFirst();
    const expired = feed && expiresAtOf(feed.createdAt, feedDays) <= deps.store.clock().toISOString();
    if (!feed || feed.revokedAt || expired) throw new ApiError('not_found', 'no such calendar');
    res.type('text/calendar; charset=utf-8').send(await rosterCalendar(deps, feed.person));
  });
  return router;
}
