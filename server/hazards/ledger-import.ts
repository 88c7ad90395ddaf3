import { z } from 'zod';
import type { ChangeDraft } from '../../shared/changes.ts';
import { HAZARD_GRADES, HAZARD_SOURCES, type Hazard, newHazard } from '../../shared/hazards.ts';
import { gradeFromCell, instantFromCell, ledgerNumberSchema, sourceFromCell } from '../../shared/ledger-import.ts';
import { instantSchema, textSchema } from '../../shared/records.ts';
import type { RiskPoint } from '../../shared/risk-points.ts';
import { type LedgerImporter, mappedCell, type Outcome, problemsText, revised } from '../imports/ledger-importer.ts';
import { findRiskPointsByLedgerNumber } from '../risk-points/repository.ts';
import { recountRiskPoints } from './counts.ts';
import { findHazardsByLedgerNumber, saveHazard } from './repository.ts';
import { newHazardId } from './service.ts';

const hazardRecordSchema = z.object({
  riskPoint: ledgerNumberSchema,
  title: textSchema(200),
  description: z.string().trim().max(4000).default(''),
  grade: z.enum(HAZARD_GRADES),
  source: z.enum(HAZARD_SOURCES).default('inspector'),
  foundAt: instantSchema.optional(),
});
type HazardRecord = z.infer<typeof hazardRecordSchema>;

/** 隐患台账: a row per hazard, on the risk point its number names; a number on file updates that hazard. */
export const hazardLedger: LedgerImporter<HazardRecord> = {
  parse(row, mapping) {
    const cell = mappedCell(row, mapping);
    const number = ledgerNumberSchema.safeParse(cell('externalId'));
    if (!number.success) return { line: row.line, reason: `externalId: ${number.error.issues[0]!.message}` };
    const source = cell('source');
    const parsed = hazardRecordSchema.safeParse({
      riskPoint: cell('riskPoint'),
      title: cell('title'),
      description: cell('description'),
      grade: gradeFromCell(cell('grade') ?? ''),
      source: source ? sourceFromCell(source) : undefined,
      foundAt: instantFromCell(cell('foundAt') ?? ''),
    });
    if (!parsed.success) return { line: row.line, reason: problemsText(parsed.error) };
    return { line: row.line, number: number.data, record: parsed.data };
  },

  async file(db, rows, at, actor, deps) {
    const held = new Map<string, Hazard>();
    for (const h of await findHazardsByLedgerNumber(
      db,
      rows.map((r) => r.number),
    ))
      for (const key of [h.id, h.externalId]) if (key) held.set(key, h);
    const points = new Map<string, RiskPoint>();
    for (const p of await findRiskPointsByLedgerNumber(
      db,
      rows.map((r) => r.record.riskPoint),
    ))
      for (const key of [p.id, p.externalId]) if (key) points.set(key, p);

    const outcome: Outcome = { created: 0, updated: 0, unchanged: 0, rejected: [], changes: [], audit: null };
    const before: Hazard[] = [];
    const saved: Hazard[] = [];
    for (const { line, number, record } of rows) {
      const current = held.get(number);
      if (current) {
        // a ledger re-read changes what the hazard is, never where it stands in its closed loop
        const next = revised<Hazard>(current, { title: record.title, description: record.description, grade: record.grade }, at);
        if (!next) outcome.unchanged++;
        else {
          before.push(current);
          saved.push(next);
          held.set(number, next);
          outcome.updated++;
        }
        continue;
      }
      const point = points.get(record.riskPoint);
      if (!point) {
        outcome.rejected.push({ line, reason: `riskPoint: no risk point numbered "${record.riskPoint}" is on file` });
        continue;
      }
      const hazard = newHazard(
        {
          riskPointId: point.id,
          district: point.district,
          title: record.title,
          description: record.description,
          grade: record.grade,
          source: record.source,
          externalId: number,
        },
        { id: newHazardId(), status: 'found', foundAt: record.foundAt ?? at, at, actor: actor.name, note: '台账导入', demo: deps.demo },
      );
      saved.push(hazard);
      held.set(number, hazard);
      outcome.created++;
    }
    for (const hazard of saved) await saveHazard(db, hazard);
    outcome.changes = [
      ...saved.map((data): ChangeDraft => ({ entity: 'hazard', op: 'upsert', data })),
      ...(await recountRiskPoints(
        db,
        saved.map((h) => h.riskPointId),
        new Date(at),
      )),
    ];
    if (saved.length > 0)
      outcome.audit = {
        action: 'hazard.import',
        entity: 'hazard',
        entityId: null,
        before,
        after: { created: outcome.created, updated: outcome.updated, ids: saved.map((h) => h.id) },
      };
    return outcome;
  },
};
