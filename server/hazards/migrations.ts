import type { Kysely, Migration } from 'kysely';

/**
 * The hazard ledger's own migrations (0016): a hazard's place and address, the public facts of its tip-off,
 * and the tip-offs' private part — the reporter's contact and the photo — in a table of its own, which no
 * change and no snapshot ever reads.
 */
export const hazardMigrations: Record<string, Migration> = {
  '0016_tip_offs': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('hazards').addColumn('lon', 'double precision').execute();
      await db.schema.alterTable('hazards').addColumn('lat', 'double precision').execute();
      await db.schema
        .alterTable('hazards')
        .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      // JSON of the tip-off's public facts (reference, category, reply); null for a hazard an inspector found
      await db.schema.alterTable('hazards').addColumn('tip_off', 'text').execute();
      await db.schema
        .createTable('tip_offs')
        .addColumn('hazard_id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('contact', 'text', (c) => c.notNull())
        // base64 of the photo as it came, and what its first bytes say it is
        .addColumn('photo', 'text')
        .addColumn('photo_type', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('tip_offs').ifExists().execute();
      for (const column of ['tip_off', 'address', 'lat', 'lon']) await db.schema.alterTable('hazards').dropColumn(column).execute();
    },
  },
};
