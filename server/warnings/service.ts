import type { ChangeDraft } from '../../shared/changes.ts';
import { referencedIdentifier, type Warning } from '../../shared/warnings.ts';
import { type Actor, nothingToDo } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { readCap } from './cap.ts';
import { findWarningByIdentifier, saveWarning } from './repository.ts';
import { newRecordId } from '../db/ids.ts';

const STATUS_OF = { Alert: 'active', Update: 'updated', Cancel: 'cancelled', Ack: 'active', Error: 'active' } as const;

/**
 * Imports a CAP 1.2 alert as a warning. A message already held (same sender and identifier) is answered
 * as it is. An Update or Cancel acts on the warnings it references: they are superseded (Update) or
 * cancelled with it (Cancel), and every screen sees it.
 */
export async function importCap(deps: DomainDeps, xml: string, actor: Actor): Promise<{ warning: Warning; created: boolean }> {
  const cap = readCap(xml);
  return deps.store.write<{ warning: Warning; created: boolean }>(actor, async (trx, now) => {
    const held = await findWarningByIdentifier(trx, cap.identifier, cap.sender);
    if (held) return nothingToDo({ warning: held, created: false });
    const first = cap.info[0];
    const references = cap.references?.split(/\s+/).filter(Boolean) ?? [];
    const warning: Warning = {
      id: newRecordId('wn'),
      identifier: cap.identifier,
      sender: cap.sender,
      sent: cap.sent,
      capStatus: cap.status,
      msgType: cap.msgType,
      scope: cap.scope,
      status: STATUS_OF[cap.msgType],
      supersededBy: null,
      references,
      category: first?.category ?? [],
      event: first?.event ?? '',
      urgency: first?.urgency ?? 'Unknown',
      severity: first?.severity ?? 'Unknown',
      certainty: first?.certainty ?? 'Unknown',
      senderName: first?.senderName ?? '',
      texts: cap.info.map((i) => ({ language: i.language, event: i.event, headline: i.headline, description: i.description, instruction: i.instruction })),
      areas: cap.areas,
      expires: first?.expires ?? null,
      importedAt: now.toISOString(),
      demo: deps.demo,
    };
    const changes: ChangeDraft[] = [];
    for (const reference of references) {
      const earlier = await findWarningByIdentifier(trx, referencedIdentifier(reference));
      if (!earlier || earlier.supersededBy) continue;
      const acted: Warning = { ...earlier, supersededBy: warning.id, status: cap.msgType === 'Cancel' ? 'cancelled' : earlier.status };
      await saveWarning(trx, acted);
      changes.push({ entity: 'warning', op: 'upsert', data: acted });
    }
    await saveWarning(trx, warning);
    changes.push({ entity: 'warning', op: 'upsert', data: warning });
    return {
      result: { warning, created: true },
      changes,
      audit: { action: `warning.import.${cap.msgType}`, entity: 'warning', entityId: warning.id, before: null, after: warning },
    };
  });
}
