import type { Kysely } from 'kysely';
import type { Annotation, ConsultEvent, ConsultRecord } from '../../shared/consult.ts';
import type { Database } from '../db/schema.ts';
import { type Actor, auditedOnly } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { newRecordId } from '../db/ids.ts';

/**
 * The record of consultation sessions: each event is one write with its audit entry. The moving map view is
 * not kept (it changes many times a second); everything a later reader needs is.
 */
export async function openSession(deps: DomainDeps, room: string, incidentId: string | null, actor: Actor): Promise<{ id: string; openedAt: string }> {
  return deps.store.write(actor, async (trx, now) => {
    const session = { id: newRecordId('cs'), room, incidentId, openedAt: now.toISOString(), closedAt: null };
    await trx.insertInto('consultSessions').values(session).execute();
    return auditedOnly(session, { action: 'consult.open', entity: 'consultSession', entityId: session.id, before: null, after: session });
  });
}

export async function closeSession(deps: DomainDeps, sessionId: string, actor: Actor): Promise<void> {
  await deps.store.write(actor, async (trx, now) => {
    const closedAt = now.toISOString();
    await trx.updateTable('consultSessions').set({ closedAt }).where('id', '=', sessionId).execute();
    return auditedOnly(undefined, { action: 'consult.close', entity: 'consultSession', entityId: sessionId, before: null, after: { closedAt } });
  });
}

/** Appends an event to the session's record; returns its time. */
export async function recordEvent(
  deps: DomainDeps,
  sessionId: string,
  kind: ConsultEvent['kind'],
  detail: Record<string, unknown>,
  actor: Actor,
): Promise<string> {
  return deps.store.write(actor, async (trx, now) => {
    const last = await trx
      .selectFrom('consultEvents')
      .select((eb) => eb.fn.max('n').as('n'))
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
    const event = { sessionId, n: Number(last?.n ?? 0) + 1, at: now.toISOString(), kind, actor: actor.name, detail: JSON.stringify(detail) };
    await trx.insertInto('consultEvents').values(event).execute();
    return auditedOnly(event.at, { action: `consult.${kind}`, entity: 'consultSession', entityId: sessionId, before: null, after: { ...event, detail } });
  });
}

/** A session's record as kept: the latest session of a room unless one is named. */
export async function readRecord(db: Kysely<Database>, room: string, sessionId?: string): Promise<ConsultRecord | undefined> {
  let query = db.selectFrom('consultSessions').selectAll().where('room', '=', room);
  if (sessionId) query = query.where('id', '=', sessionId);
  const session = await query.orderBy('openedAt', 'desc').limit(1).executeTakeFirst();
  if (!session) return undefined;
  const rows = await db.selectFrom('consultEvents').selectAll().where('sessionId', '=', session.id).orderBy('n').execute();
  const events = rows.map((r): ConsultEvent => ({ at: r.at, kind: r.kind, actor: r.actor, detail: JSON.parse(r.detail) }));
  const annotations = events.filter((e) => e.kind === 'annotation').map((e) => e.detail as Annotation);
  return { session, events, annotations };
}
