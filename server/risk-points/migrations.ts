import type { Kysely, Migration } from 'kysely';

/** The risk points' stages and assessments (issue 15), spread into the project's migrations in name order. */
export const riskPointMigrations: Record<string, Migration> = {
  '0018_risk_assessments': {
    // Points already held have no recorded step: they stand at 摸底 until assessed, as a new point does.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('risk_point_steps')
        .addColumn('risk_point_id', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_point_steps_pk', ['risk_point_id', 'n'])
        .execute();
      await db.schema
        .createTable('risk_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('risk_point_id', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('factors', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('proposed_level', 'text', (c) => c.notNull())
        .addColumn('confirmed_level', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('assessed_by', 'text', (c) => c.notNull())
        .addColumn('assessed_at', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('risk_assessments_point').on('risk_assessments').columns(['risk_point_id', 'assessed_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('risk_assessments').ifExists().execute();
      await db.schema.dropTable('risk_point_steps').ifExists().execute();
    },
  },
};
