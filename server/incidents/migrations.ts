import { type Kysely, type Migration, sql } from 'kysely';
import { INCIDENT_TYPES, LEGACY_INCIDENT_TYPES, UNCLASSIFIED } from '../../shared/incident-types.ts';

/** Incidents read and written again per page: a migration over a long history does not hold it all at once. */
const PAGE_ROWS = 500;

/** A report as the first version stored it: free text, counted as sent when it was filed. */
interface LegacyReport {
  kind: string;
  at: string;
  author: string;
  text: string;
}

/**
 * 接报 and 信息报送 (issue 15): incidents are taken in with the national classification, their place may be a
 * district and an address only (no point on the map), and reports are written in a template and signed off.
 */
export const incidentMigrations: Record<string, Migration> = {
  '0017_incident_intake': {
    async up(db: Kysely<unknown>) {
      // lon and lat may now be null, which SQLite cannot loosen in place: the table is built again and filled
      await db.schema
        .createTable('incidents_v2')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('district', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision')
        .addColumn('lat', 'double precision')
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('casualties', 'text', (c) => c.notNull())
        .addColumn('reporter_name', 'text', (c) => c.notNull())
        .addColumn('callback_phone', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('fire_alert_id', 'text')
        .addColumn('reports', 'text', (c) => c.notNull())
        .addColumn('open', 'integer', (c) => c.notNull())
        .addColumn('opened_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull())
        .execute();
      // Old incidents were told no receipt time: their deadlines counted from occurrence, and still do
      // (received = occurred). Opened from a fire alert means it came that way; otherwise we do not know.
      await sql`insert into incidents_v2 (id, title, type, district, lon, lat, address, occurred_at, received_at, channel, casualties,
          reporter_name, callback_phone, description, fire_alert_id, reports, open, opened_by, updated_at, demo)
        select id, title, type, district, lon, lat, '', occurred_at, occurred_at,
          case when fire_alert_id is null then 'other' else 'fire_alert' end, ${JSON.stringify({ dead: 0, injured: 0, missing: 0, trapped: 0 })},
          '', '', '', fire_alert_id, reports, open, opened_by, updated_at, demo
        from incidents`.execute(db);
      await db.schema.dropTable('incidents').execute();
      await sql`alter table incidents_v2 rename to incidents`.execute(db);
      await db.schema.createIndex('incidents_open').on('incidents').columns(['open', 'updated_at']).execute();

      // the old types, mapped onto the classification's codes ("other" has no category: 未分类)
      for (const [old, code] of Object.entries(LEGACY_INCIDENT_TYPES))
        if (old !== code) await sql`update incidents set type = ${code} where type = ${old}`.execute(db);
      await sql`update incidents set type = ${UNCLASSIFIED} where type not in (${sql.join([...INCIDENT_TYPES])})`.execute(db);

      // free-text reports become sent reports (they counted as sent when filed), numbered in order
      for (let after = ''; ;) {
        const page = await sql<{ id: string; reports: string }>`select id, reports from incidents where id > ${after} order by id limit ${PAGE_ROWS}`.execute(
          db,
        );
        for (const row of page.rows) {
          const reports = (JSON.parse(row.reports) as LegacyReport[]).map((r, i) => ({
            n: i + 1,
            kind: r.kind,
            status: 'sent',
            elements: null,
            text: r.text,
            author: r.author,
            authorName: r.author,
            writtenAt: r.at,
            signedBy: r.author,
            signedAt: r.at,
            returned: null,
          }));
          await sql`update incidents set reports = ${JSON.stringify(reports)} where id = ${row.id}`.execute(db);
        }
        if (page.rows.length < PAGE_ROWS) break;
        after = page.rows.at(-1)!.id;
      }
    },
    async down() {
      // the template's reports and the classification cannot be folded back into free text without loss
      throw new Error('0017_incident_intake cannot be undone');
    },
  },
};
