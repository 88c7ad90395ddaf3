import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { hazardMigrations } from '../hazards/migrations.ts';
import { incidentMigrations } from '../incidents/migrations.ts';
import { notificationMigrations } from '../notifications/migrations.ts';
import { riskPointMigrations } from '../risk-points/migrations.ts';

/**
 * Migrations in order. They are code, not files read at run time, so the server needs nothing beside itself,
 * and they use only types both databases share.
 */
function migrations(): Record<string, Migration> {
  return {
    '0001_live_picture': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('risk_points')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('category', 'text', (c) => c.notNull())
          .addColumn('level', 'text', (c) => c.notNull())
          .addColumn('lon', 'double precision', (c) => c.notNull())
          .addColumn('lat', 'double precision', (c) => c.notNull())
          .addColumn('district', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('responsible_unit', 'text', (c) => c.notNull())
          .addColumn('responsible_person', 'text', (c) => c.notNull())
          .addColumn('responsible_phone', 'text', (c) => c.notNull())
          .addColumn('open_hazards', 'integer', (c) => c.notNull())
          .addColumn('overdue_hazards', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('risk_points_district').on('risk_points').columns(['district', 'level']).execute();
        await db.schema.createIndex('risk_points_lon_lat').on('risk_points').columns(['lon', 'lat']).execute();

        await db.schema
          .createTable('fire_alerts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('lon', 'double precision', (c) => c.notNull())
          .addColumn('lat', 'double precision', (c) => c.notNull())
          .addColumn('district', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('detected_at', 'text', (c) => c.notNull())
          .addColumn('confidence', 'double precision')
          .addColumn('frp_mw', 'double precision')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('history', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('fire_alerts_detected_at').on('fire_alerts').column('detected_at').execute();

        await db.schema
          .createTable('duty_shifts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('starts_at', 'text', (c) => c.notNull())
          .addColumn('ends_at', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('person', 'text', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('checked_in_at', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('duty_shifts_date').on('duty_shifts').column('date').execute();

        await db.schema
          .createTable('changes')
          .addColumn('seq', 'bigint', (c) => c.primaryKey())
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('op', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('district', 'text')
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['changes', 'duty_shifts', 'fire_alerts', 'risk_points']) {
          await sql`drop table if exists ${sql.table(table)}`.execute(db);
        }
      },
    },
    '0002_fire_alert_footprint': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('fire_alerts').addColumn('scan_km', 'double precision').execute();
        await db.schema.alterTable('fire_alerts').addColumn('track_km', 'double precision').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('fire_alerts').dropColumn('track_km').execute();
        await db.schema.alterTable('fire_alerts').dropColumn('scan_km').execute();
      },
    },
    '0003_accounts_sessions_audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('revoked_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text')
          .addColumn('device_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', 'bigint', (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text')
          .addColumn('before', 'text')
          .addColumn('after', 'text')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['audit_log', 'sessions', 'devices', 'accounts']) await db.schema.dropTable(table).ifExists().execute();
      },
    },
    '0004_fire_alert_escalation_detections': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('fire_alerts').addColumn('escalated_at', 'text').execute();
        await db.schema
          .alterTable('fire_alerts')
          .addColumn('detections', 'text', (c) => c.notNull().defaultTo('[]'))
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('fire_alerts').dropColumn('detections').execute();
        await db.schema.alterTable('fire_alerts').dropColumn('escalated_at').execute();
      },
    },
    '0005_duty_watch': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('duty_shifts').addColumn('checked_out_at', 'text').execute();
        await db.schema
          .createTable('duty_handovers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('from_shift_id', 'text', (c) => c.notNull())
          .addColumn('to_shift_id', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('written_by', 'text', (c) => c.notNull())
          .addColumn('written_at', 'text', (c) => c.notNull())
          .addColumn('confirmed_by', 'text')
          .addColumn('confirmed_at', 'text')
          .addColumn('demo', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('duty_log')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('duty_log_date').on('duty_log').columns(['date', 'at']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('duty_log').ifExists().execute();
        await db.schema.dropTable('duty_handovers').ifExists().execute();
        await db.schema.alterTable('duty_shifts').dropColumn('checked_out_at').execute();
      },
    },
    '0006_incidents': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('incidents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('district', 'text', (c) => c.notNull())
          .addColumn('lon', 'double precision', (c) => c.notNull())
          .addColumn('lat', 'double precision', (c) => c.notNull())
          .addColumn('occurred_at', 'text', (c) => c.notNull())
          .addColumn('fire_alert_id', 'text')
          .addColumn('reports', 'text', (c) => c.notNull())
          .addColumn('open', 'integer', (c) => c.notNull())
          .addColumn('opened_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('incidents_open').on('incidents').columns(['open', 'updated_at']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('incidents').ifExists().execute();
      },
    },
    '0007_hazards': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hazards')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('risk_point_id', 'text')
          .addColumn('district', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('grade', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('found_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('notice', 'text')
          .addColumn('five_elements', 'text')
          .addColumn('history', 'text', (c) => c.notNull())
          .addColumn('deadline', 'text')
          .addColumn('overdue_since', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('hazards_district_status').on('hazards').columns(['district', 'status']).execute();
        await db.schema.createIndex('hazards_risk_point').on('hazards').column('risk_point_id').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('hazards').ifExists().execute();
      },
    },
    '0008_one_time_passwords': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('accounts')
          .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('accounts').dropColumn('must_change_password').execute();
      },
    },
    '0009_warnings': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('warnings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('identifier', 'text', (c) => c.notNull())
          .addColumn('sender', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('superseded_by', 'text')
          .addColumn('record', 'text', (c) => c.notNull())
          .addColumn('imported_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('warnings_identifier').on('warnings').columns(['identifier', 'sender']).unique().execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('warnings').ifExists().execute();
      },
    },
    '0010_ledger_numbers': {
      async up(db: Kysely<unknown>) {
        for (const table of ['risk_points', 'hazards']) {
          await db.schema.alterTable(table).addColumn('external_id', 'text').execute();
          // several NULLs are allowed on both databases: only ledger numbers must be unique
          await db.schema.createIndex(`${table}_external_id`).on(table).column('external_id').unique().execute();
        }
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['risk_points', 'hazards']) {
          await db.schema.dropIndex(`${table}_external_id`).execute();
          await db.schema.alterTable(table).dropColumn('external_id').execute();
        }
      },
    },
    '0011_heat_sources': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('fire_alerts').addColumn('heat_source', 'text').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('fire_alerts').dropColumn('heat_source').execute();
      },
    },
    '0012_calendar_feeds': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('calendar_feeds')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person', 'text')
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('calendar_feeds').ifExists().execute();
      },
    },
    '0013_consultations': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('consult_sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('room', 'text', (c) => c.notNull())
          .addColumn('incident_id', 'text')
          .addColumn('opened_at', 'text', (c) => c.notNull())
          .addColumn('closed_at', 'text')
          .execute();
        await db.schema.createIndex('consult_sessions_room').on('consult_sessions').columns(['room', 'opened_at']).execute();
        // events are numbered within their session: a record reads back in the order things happened
        await db.schema
          .createTable('consult_events')
          .addColumn('session_id', 'text', (c) => c.notNull())
          .addColumn('n', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('consult_events_pk', ['session_id', 'n'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('consult_events').ifExists().execute();
        await db.schema.dropTable('consult_sessions').ifExists().execute();
      },
    },
    '0014_device_pairing': {
      // a wall is paired with a short one-time code instead of carrying its long-lived token in its URL
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('devices').addColumn('pairing_code_hash', 'text').execute();
        await db.schema.alterTable('devices').addColumn('pairing_expires_at', 'text').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('devices').dropColumn('pairing_expires_at').execute();
        await db.schema.alterTable('devices').dropColumn('pairing_code_hash').execute();
      },
    },
    '0015_fire_alert_status': {
      // the escalation timer reads the new alerts every few seconds, not every alert ever reported
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('fire_alerts_status').on('fire_alerts').columns(['status', 'escalated_at']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('fire_alerts_status').execute();
      },
    },
    ...notificationMigrations,
    ...riskPointMigrations,
    ...incidentMigrations,
    ...hazardMigrations,
  };
}

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations() };
