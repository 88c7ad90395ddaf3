import express from 'express';
import { z } from 'zod';
import { roomNameSchema } from '../../shared/consult.ts';
import { consultSummary } from '../../shared/consult-summary.ts';
import { idSchema } from '../../shared/records.ts';
import type { DomainDeps } from '../deps.ts';
import { notFound, parseInput } from '../errors.ts';
import { readRecord } from './record.ts';

const recordQuerySchema = z.object({ format: z.enum(['json', 'text']).default('json'), session: idSchema.optional() });

/** `/api/consult/:room/record`: a session's record (the latest unless `session` names one), as JSON or a readable summary. */
export function consultRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/:room/record', async (req, res) => {
    const room = parseInput(roomNameSchema, req.params.room, 'room');
    const { format, session } = parseInput(recordQuerySchema, req.query, 'record query');
    const record = await readRecord(deps.store.db, room, session);
    if (!record) throw notFound('consultation record of room', room);
    if (format === 'json') return void res.attachment(`consult-${room}.json`).json(record);
    res.type('text/plain; charset=utf-8').attachment(`consult-${room}.txt`).send(consultSummary(record));
  });
  return router;
}
