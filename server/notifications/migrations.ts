import { type Kysely, type Migration } from 'kysely';

/** Escalation notifications and their deliveries (spread into server/db/migrations.ts). */
export const notificationMigrations: Record<string, Migration> = {
  '0020_notifications': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('fire_alert_id', 'text', (c) => c.notNull())
        .addColumn('alert', 'text', (c) => c.notNull())
        .addColumn('escalated_at', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull())
        .execute();
      // the log lists the newest first
      await db.schema.createIndex('notifications_created_at').on('notifications').column('created_at').execute();
      await db.schema
        .createTable('notification_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('notification_id', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_attempt_at', 'text')
        .addColumn('next_attempt_at', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('read_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notification_deliveries_notification').on('notification_deliveries').column('notification_id').execute();
      // after a restart the sender finds the sends still owed without reading every delivery ever made
      await db.schema.createIndex('notification_deliveries_state').on('notification_deliveries').columns(['state', 'channel']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('notification_deliveries').ifExists().execute();
      await db.schema.dropTable('notifications').ifExists().execute();
    },
  },
};
