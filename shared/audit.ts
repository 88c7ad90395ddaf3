import { z } from 'zod';
import { instantSchema } from './records.ts';

/** One entry of the append-only audit log, as `GET /api/audit` answers: who did what to which record. */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: instantSchema,
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema) });
