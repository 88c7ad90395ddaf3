import type { z } from 'zod';
import type { tipOffReceivedSchema } from '../../shared/api.ts';
import { randomBytes } from 'node:crypto';
import type { ChangeDraft } from '../../shared/changes.ts';
import {
  HAZARD_TRANSITIONS,
  type Hazard,
  hazardAfterStep,
  hazardCreateSchema,
  hazardRoleRefusal,
  hazardStepRefusal,
  hazardTransitionSchema,
  isHazardOpen,
  newHazard,
  photoTypeOf,
  referenceNumber,
  TIP_OFF_PHOTO_MAX_BYTES,
  TIP_OFF_REFERENCE,
  tipOffReference,
  tipOffReferencePrefix,
  tipOffReplyDue,
  tipOffReplySchema,
  tipOffSchema,
  type TipOffStatus,
  tipOffStatusOf,
  tipOffTitle,
} from '../../shared/hazards.ts';
import { idSchema } from '../../shared/records.ts';
import { type Actor, auditedOnly, nothingToDo } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { findRiskPoint } from '../risk-points/repository.ts';
import { recountRiskPoints } from './counts.ts';
import { findHazard, findHazardByReference, findTipOffContact, insertTipOffs, lastReferenceWith, newlyOverdueHazards, saveHazard } from './repository.ts';
import { newRecordId } from '../db/ids.ts';

const hazardChange = (data: Hazard): ChangeDraft => ({ entity: 'hazard', op: 'upsert', data });

export const newHazardId = () => newRecordId('hz');

/**
 * 排查发现: an inspector or grid officer files a hazard on a risk point, or at a place on the map (its district
 * is where the place lies, and the risk point nearest to it may be named too).
 */
export async function reportHazard(deps: DomainDeps, input: unknown, actor: Actor): Promise<Hazard> {
  const { riskPointId, lon, lat, ...body } = parseInput(hazardCreateSchema, input, 'hazard');
  const place = lon !== undefined && lat !== undefined ? { lon, lat } : null;
  const placeDistrict = place && deps.locator.require(place.lon, place.lat);
  return deps.store.write(actor, async (trx, now) => {
    const point = riskPointId === undefined ? undefined : await findRiskPoint(trx, riskPointId);
    if (riskPointId !== undefined && !point) throw notFound('risk point', riskPointId);
    const at = now.toISOString();
    const hazard = newHazard(
      { ...body, riskPointId: point?.id ?? null, place, district: placeDistrict ?? point!.district },
      { id: newHazardId(), status: 'found', foundAt: at, at, actor: actor.name, note: body.description, demo: deps.demo },
    );
    await saveHazard(trx, hazard);
    return {
      result: hazard,
      changes: [hazardChange(hazard), ...(await recountRiskPoints(trx, [hazard.riskPointId], now))],
      audit: { action: 'hazard.report', entity: 'hazard', entityId: hazard.id, before: null, after: hazard },
    };
  });
}

const PUBLIC: Actor = { name: 'public-tip-off', role: 'system' };

/** What a citizen is given back: the number to quote and to follow the case with (the route's answer schema). */
export type TipOffReceipt = z.infer<typeof tipOffReceivedSchema>;

/** The photo of a tip-off, decoded and judged by its first bytes and its size: 415 for what is not a photo, 413 beyond 5 MB. */
function photoOf(base64: string | undefined): { photo: string; photoType: string } | null {
  if (!base64) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > TIP_OFF_PHOTO_MAX_BYTES)
    throw new ApiError('payload_too_large', `the photo is ${(bytes.length / 1048576).toFixed(1)} MB; at most 5 MB is taken`, {
      field: 'photo',
      maxBytes: TIP_OFF_PHOTO_MAX_BYTES,
    });
  const photoType = photoTypeOf(bytes);
  if (!photoType)
    throw new ApiError('unsupported_media_type', 'the photo must be a JPEG, PNG or WebP image', { field: 'photo', accepted: ['JPEG', 'PNG', 'WebP'] });
  return { photo: base64, photoType };
}

/**
 * 群众举报: anyone may tell; the hazard waits for review. The reporter's contact and the photo are kept apart
 * from the hazard, in the tip-off's own row: the hazard goes to every screen through the change log, the
 * contact to no screen but a reviewer's, and only when asked (`readTipOffContact`, audited).
 */
export async function receiveTipOff(deps: DomainDeps, input: unknown): Promise<TipOffReceipt> {
  const { contact, photo: photoText, lon, lat, category, address, district, title, description } = parseInput(tipOffSchema, input, 'tip-off');
  const photo = photoOf(photoText);
  const place = lon !== undefined && lat !== undefined ? { lon, lat } : null;
  // where the place lies is the district, whatever was chosen beside it
  const where = place ? deps.locator.require(place.lon, place.lat) : district!;
  return deps.store.write(PUBLIC, async (trx, now) => {
    const at = now.toISOString();
    const prefix = tipOffReferencePrefix(at);
    const last = await lastReferenceWith(trx, prefix);
    const reference = tipOffReference(at, (last ? referenceNumber(last) : 0) + 1, randomBytes(4));
    const hazard = newHazard(
      {
        riskPointId: null,
        district: where,
        title: tipOffTitle(title, description),
        description,
        grade: 'general',
        source: 'public_tip_off',
        place,
        address,
        tipOff: { reference, category, replyDueAt: tipOffReplyDue(at), hasContact: contact !== '', hasPhoto: photo !== null, reply: null },
      },
      { id: newHazardId(), status: 'reported', foundAt: at, at, actor: PUBLIC.name, note: '', demo: deps.demo },
    );
    await saveHazard(trx, hazard);
    await insertTipOffs(trx, [
      { hazardId: hazard.id, reference, contact, photo: photo?.photo ?? null, photoType: photo?.photoType ?? null, receivedAt: at, demo: deps.demo ? 1 : 0 },
    ]);
    return {
      result: { reference, replyDueAt: hazard.tipOff!.replyDueAt },
      changes: [hazardChange(hazard)],
      // the audit log keeps that a contact was given, not the contact
      audit: { action: 'hazard.tipOff', entity: 'hazard', entityId: hazard.id, before: null, after: hazard },
    };
  });
}

/** The hazard of a tip-off, or 404: a hazard an inspector found has no reporter to read or answer. */
async function tipOffHazard(db: DomainDeps['store']['db'], id: string): Promise<Hazard> {
  const hazard = await findHazard(db, id);
  if (!hazard?.tipOff) throw notFound('tip-off', id);
  return hazard;
}

/**
 * The reporter's contact, for a reviewer (an operating role: the route checks it). Every read is an entry in
 * the audit log — who looked at whose contact, and when — and changes nothing on any screen.
 */
export async function readTipOffContact(deps: DomainDeps, id: unknown, actor: Actor): Promise<{ contact: string }> {
  const hazardId = parseInput(idSchema, id, 'hazard id');
  return deps.store.write(actor, async (trx) => {
    const hazard = await tipOffHazard(trx, hazardId);
    const contact = (await findTipOffContact(trx, hazardId)) ?? '';
    return auditedOnly(
      { contact },
      { action: 'tipOff.readContact', entity: 'hazard', entityId: hazardId, before: null, after: { reference: hazard.tipOff!.reference } },
    );
  });
}

/** 答复举报人: the reply to the reporter, by phone or SMS, recorded on the tip-off (once; it is what the reporter was told). */
export async function replyToTipOff(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<Hazard> {
  const hazardId = parseInput(idSchema, id, 'hazard id');
  const reply = parseInput(tipOffReplySchema, input, 'reply');
  return deps.store.write(actor, async (trx, now) => {
    const current = await tipOffHazard(trx, hazardId);
    if (current.tipOff!.reply) throw new ApiError('conflict', `the reporter was already answered on ${current.tipOff!.reply.at}`);
    if (reply.channel !== 'phone' && !current.tipOff!.hasContact) throw new ApiError('conflict', 'the reporter left no contact to send an SMS to');
    const at = now.toISOString();
    const next: Hazard = { ...current, tipOff: { ...current.tipOff!, reply: { ...reply, at, by: actor.name } }, updatedAt: at };
    await saveHazard(trx, next);
    return {
      result: next,
      changes: [hazardChange(next)],
      audit: { action: 'tipOff.reply', entity: 'hazard', entityId: next.id, before: current, after: next },
    };
  });
}

/** The follow-up page's read (no account): what became of the case a reference names, and the reply. */
export async function tipOffStatus(deps: DomainDeps, reference: unknown): Promise<TipOffStatus> {
  const ref = typeof reference === 'string' ? reference.trim().toUpperCase() : '';
  if (!TIP_OFF_REFERENCE.test(ref))
    throw new ApiError('validation_failed', 'invalid reference', [
      { field: 'ref', reason: 'a reference reads like JB-20261202-0042-K7QX', reasonZh: '受理编号形如 JB-20261202-0042-K7QX' },
    ]);
  const hazard = await findHazardByReference(deps.store.db, ref);
  const status = hazard && tipOffStatusOf(hazard);
  if (!status) throw notFound('tip-off', ref);
  return status;
}

/** One step of the closed loop, with what that step needs; anything else is refused with the reason and the allowed steps. */
export async function moveHazard(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<Hazard> {
  const hazardId = parseInput(idSchema, id, 'hazard id');
  const step = parseInput(hazardTransitionSchema, input, 'hazard step');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findHazard(trx, hazardId);
    if (!current) throw notFound('hazard', hazardId);
    const forbidden = hazardRoleRefusal(actor.role, step.status);
    if (forbidden) throw new ApiError('forbidden', forbidden, { role: actor.role, step: step.status });
    const refusal = hazardStepRefusal(current, step);
    if (refusal) throw new ApiError('illegal_transition', refusal, HAZARD_TRANSITIONS[current.status]);
    const next = hazardAfterStep(current, step, now.toISOString(), actor.name);
    await saveHazard(trx, next);
    return {
      result: next,
      changes: [hazardChange(next), ...(await recountRiskPoints(trx, [next.riskPointId], now))],
      audit: { action: `hazard.${step.status}`, entity: 'hazard', entityId: next.id, before: current, after: next },
    };
  });
}

const OVERDUE_ACTOR: Actor = { name: 'overdue-check', role: 'system' };

/** Marks hazards whose rectification deadline has passed, and counts their risk point's hazards again. Run by a timer. */
export async function markOverdueHazards(deps: DomainDeps): Promise<Hazard[]> {
  const marked: Hazard[] = [];
  for (const hazard of await newlyOverdueHazards(deps.store.db, deps.store.clock().toISOString())) {
    const next = await deps.store.write<Hazard | null>(OVERDUE_ACTOR, async (trx, now) => {
      const current = await findHazard(trx, hazard.id);
      if (!current || current.overdueSince || !isHazardOpen(current.status)) return nothingToDo(null);
      const at = now.toISOString();
      const next: Hazard = { ...current, overdueSince: at, updatedAt: at };
      await saveHazard(trx, next);
      return {
        result: next,
        changes: [hazardChange(next), ...(await recountRiskPoints(trx, [next.riskPointId], now))],
        audit: { action: 'hazard.overdue', entity: 'hazard', entityId: next.id, before: current, after: next },
      };
    });
    if (next) marked.push(next);
  }
  return marked;
}
