import express from 'express';
import { z } from 'zod';
import { roomNameSchema } from '../../shared/consult.ts';
import { consultSummary } from '../../shared/consult-summary.ts';
import { idSchema } from '../../shared/records.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { actorOf } from '../auth/http.ts';
import type { Actor } from '../db/store.ts';
import { can } from '../../shared/auth.ts';
import { readRecord } from './record.ts';

const recordQuerySchema = z.object({ format: z.enum(['json', 'text']).default('json'), session: idSchema.optional() });

/**
 * Who reads a consultation's record (会商纪要): those who may act on what was decided, and an observer who took
 * part in that session; never a wall display, which watches the city, not the meetings.
 */
function mayReadRecord(reader: Actor, record: { events: { kind: string; actor: string }[] }): boolean {
  if (reader.role === 'system' || reader.role === 'wall') return false;
  if (can(reader.role, 'operate')) return true;
  return record.events.some((e) => e.kind === 'join' && e.actor === reader.name);
}

/** `/api/consult/:room/record`: a session's record (the latest unless `session` names one), as JSON or a readable summary. */
export function consultRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/:room/record', async (req, res) => {
    const room = parseInput(roomNameSchema, req.params.room, 'room');
    const { format, session } = parseInput(recordQuerySchema, req.query, 'record query');
    const record = await readRecord(deps.store.db, room, session);
    if (!record) throw notFound('consultation record of room', room);
    const reader = actorOf(req);
    if (!mayReadRecord(reader, record))
      throw new ApiError('forbidden', 'a consultation record is read by those who may act, and by the observers who took part in it', { role: reader.role });
    if (format === 'json') return void res.attachment(`consult-${room}.json`).json(record);
    res.type('text/plain; charset=utf-8').attachment(`consult-${room}.txt`).send(consultSummary(record));
  });
  return router;
}
