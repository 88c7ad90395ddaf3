import { Router } from 'express';
import { notificationQuerySchema } from '../../shared/notifications.ts';
import { actorOf, requirePermission } from '../auth/http.ts';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { listNotifications } from './repository.ts';
import { markScreenDelivery } from './service.ts';

/**
 * 通知记录: the notifications with their deliveries, for those who act (never a wall or an observer: they
 * name who was called and how). The leader's desk marks its own screen delivery received and acknowledged.
 */
export function notificationRoutes(deps: DomainDeps): Router {
  const router = Router();
  router.use(requirePermission('operate'));

  router.get('/', async (req, res) => {
    const { limit } = parseInput(notificationQuerySchema, req.query, 'notification query');
    res.json({ items: await listNotifications(deps.store.db, limit) });
  });

  router.post('/:id/received', async (req, res) => {
    res.json(await markScreenDelivery(deps, req.params.id, 'received', actorOf(req)));
  });

  router.post('/:id/acknowledge', async (req, res) => {
    res.json(await markScreenDelivery(deps, req.params.id, 'acknowledged', actorOf(req)));
  });

  return router;
}
