import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutyShift } from '../../shared/duty.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { Incident, ReportElements, ReportingState } from '../../shared/incidents.ts';
import { migrationProvider } from '../../server/db/migrations.ts';
import type { Database } from '../../server/db/schema.ts';
import { findIncident } from '../../server/incidents/repository.ts';
import { sessionCookie } from '../support/accounts.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';
import { openScreen, type TestScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';
import { readZip } from '../support/zip.ts';

const MINUTE = 60_000;
const WUNING = { lon: 115.1, lat: 29.26 };
type Reported = Incident & { reporting: ReportingState };
type Refused = { error: { code: string; message: string; details?: { field: string }[] } };

const PHONED = { title: '武宁县罗坪镇森林火灾', type: 'forest_grassland_fire', channel: 'phone', reporterName: '李明', callbackPhone: '13807921234' };

describe.each(databaseKinds())('intake (接报) and reports signed off by the leader on duty (信息报送) on %s', (kind) => {
  let server: TestServer;
  let wall: TestScreen;
  let now = Date.parse('2026-11-23T06:00:00.000Z'); // 14:00 in Jiujiang
  const iso = (ms: number) => new Date(ms).toISOString();
  const elements = (over: Partial<ReportElements> = {}): ReportElements => ({
    occurredAt: iso(now - 40 * MINUTE),
    place: '九江市武宁县罗坪镇长水村',
    type: 'forest_grassland_fire',
    casualties: { dead: 0, injured: 2, missing: 0, trapped: 0 },
    situation: '长水村后山起火，过火面积约5亩',
    cause: '',
    measures: '已调派专业扑火队30人赶赴现场扑救',
    nextSteps: '继续扑救，严防复燃',
    ...over,
  });
  beforeAll(async () => {
    server = await startTestServer(kind, { INCIDENT_INITIAL_REPORT_MIN: '30', INCIDENT_FOLLOW_UP_MIN: '120' }, () => new Date(now));
    wall = openScreen(server.url, { cookie: await sessionCookie(server.url, 'wall') });
    await wall.waitFor((s) => s.live !== null);
  });
  afterAll(async () => {
    wall.close();
    await server.close();
  });

  it('takes a phone report placed on the map or by district and address, and refuses bad input field by field', async () => {
    const placed = await api<Reported>(server.url, 'POST', '/api/incidents', {
      ...PHONED,
      ...WUNING,
      occurredAt: iso(now - 50 * MINUTE),
      casualties: { dead: 0, injured: 2, missing: 0, trapped: 1 },
      description: '村民来电：后山冒烟起火',
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      district: '360423', // found from the point
      receivedAt: iso(now),
      channel: 'phone',
      reporterName: '李明',
      callbackPhone: '13807921234',
      casualties: { dead: 0, injured: 2, missing: 0, trapped: 1 },
      // the initial report counts from receipt (14:00), not from occurrence 50 minutes before
      reporting: { due: 'initial', deadline: iso(now + 30 * MINUTE), overdue: false },
    });
    const seen = await wall.waitFor((s) => s.live!.incidents.has(placed.body.id), 5000, 'the incident on the wall');
    // the caller's name and number go to people only: not in the live feed or the snapshot, which walls get
    expect(seen.live!.incidents.get(placed.body.id)).not.toHaveProperty('callbackPhone');
    expect(JSON.stringify((await api(server.url, 'GET', '/api/snapshot', undefined, { as: 'wall' })).body)).not.toContain('13807921234');
    expect((await api<Reported>(server.url, 'GET', `/api/incidents/${placed.body.id}`, undefined, { as: 'wall' })).body).not.toHaveProperty('callbackPhone');
    // nor to an observer: those who work the incident call back
    expect((await api<Reported>(server.url, 'GET', `/api/incidents/${placed.body.id}`, undefined, { as: 'observer' })).body).not.toHaveProperty(
      'callbackPhone',
    );
    expect((await api<Reported>(server.url, 'GET', `/api/incidents/${placed.body.id}`, undefined, { as: 'officer' })).body).toMatchObject({
      reporterName: '李明',
      callbackPhone: '13807921234',
    });

    const told = await api<Reported>(server.url, 'POST', '/api/incidents', {
      ...PHONED,
      title: '修水县山口镇山火',
      district: '360424',
      address: '山口镇桃坪村',
    });
    expect(told.status).toBe(201);
    expect(told.body).toMatchObject({ district: '360424', address: '山口镇桃坪村', lon: null, lat: null });

    const refused = async (body: object) => {
      const res = await api<Refused>(server.url, 'POST', '/api/incidents', body);
      return [res.status, (res.body.error.details ?? []).map((d) => d.field)];
    };
    expect(await refused({ ...PHONED, ...WUNING, callbackPhone: '12345' })).toEqual([400, ['callbackPhone']]);
    expect(await refused({ ...PHONED, ...WUNING, reporterName: '' })).toEqual([400, ['reporterName']]);
    expect(await refused({ ...PHONED, ...WUNING, casualties: { dead: -1, injured: 1.5, missing: 0, trapped: 0 } })).toEqual([
      400,
      ['casualties.dead', 'casualties.injured'],
    ]);
    expect(await refused({ ...PHONED, district: '360424' })).toEqual([400, ['address']]);
    expect(await refused({ ...PHONED, ...WUNING, occurredAt: iso(now + 60 * MINUTE) })).toEqual([400, ['occurredAt']]);
    expect(await refused({ ...PHONED, ...WUNING, type: 'forest_fire' })).toEqual([400, ['type']]);
    expect((await api(server.url, 'POST', '/api/incidents', { ...PHONED, lon: 120, lat: 31 })).status).toBe(422);
    expect((await api(server.url, 'POST', '/api/incidents', { ...PHONED, ...WUNING }, { as: 'observer' })).status).toBe(403);
  });

  it('turns a fire alert into one incident, received when the alert came in', async () => {
    const alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...WUNING, source: 'watchtower', description: '武宁县瞭望塔发现烟点' })).body;
    now += 10 * MINUTE;
    const body = { title: '武宁县森林火情', type: 'forest_grassland_fire', ...WUNING, fireAlertId: alert.id };
    const opened = await api<Reported>(server.url, 'POST', '/api/incidents', body);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ channel: 'fire_alert', receivedAt: alert.detectedAt, fireAlertId: alert.id });
    expect(opened.body.reporting.deadline).toBe(iso(Date.parse(alert.detectedAt) + 30 * MINUTE));
    expect((await api<Refused>(server.url, 'POST', '/api/incidents', body)).status).toBe(409);
  });

  it('counts a report only once the leader on duty signs it off; refuses officers and leaders not on duty; exports it as .docx', async () => {
    const incident = (await api<Reported>(server.url, 'POST', '/api/incidents', { ...PHONED, ...WUNING, occurredAt: iso(now - 40 * MINUTE) })).body;
    const id = incident.id;

    const incomplete = await api<Refused>(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'initial', elements: elements({ measures: ' ' }) });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details!.map((d) => d.field)).toEqual(['elements.measures']);
    expect((await api(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'follow_up', elements: elements() })).status).toBe(409);

    now += 5 * MINUTE;
    const submitted = await api<Reported>(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'initial', elements: elements() });
    expect(submitted.status).toBe(201);
    expect(submitted.body.reports[0]).toMatchObject({ n: 1, kind: 'initial', status: 'pending', author: 'test-officer', signedBy: null });
    expect(submitted.body.reports[0]!.text).toContain('发生一起自然灾害／森林草原火灾');
    // waiting for sign-off is not sent: the initial report is still what is due, against the same deadline
    expect(submitted.body.reporting).toEqual({
      due: 'initial',
      deadline: iso(incident.reporting.deadline ? Date.parse(incident.reporting.deadline) : 0),
      overdue: false,
    });
    expect((await api(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'initial', elements: elements() })).status).toBe(409); // one at a time

    const officer = await api<Refused>(server.url, 'POST', `/api/incidents/${id}/reports/1/sign`);
    expect(officer.status).toBe(403);

    // the roster names another leader on post now: this leader is refused, and told who is on duty
    const shift = await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', {
      date: '2026-11-23',
      startsAt: iso(now - 6 * 60 * MINUTE),
      endsAt: iso(now + 18 * 60 * MINUTE),
      role: 'leader',
      person: '王芳',
      phone: '13907921234',
    });
    expect(shift.status).toBe(201);
    const other = await api<Refused>(server.url, 'POST', `/api/incidents/${id}/reports/1/sign`, undefined, { as: 'leader' });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('王芳');
    expect((await api(server.url, 'POST', `/api/incidents/${id}/reports/1/return`, { remark: '补充' }, { as: 'leader' })).status).toBe(403);

    // the roster now names this leader (by display name): they return it with a remark, the officer revises it
    expect((await api(server.url, 'PATCH', `/api/duty/shifts/${shift.body.id}`, { person: '测试leader' })).status).toBe(200);
    const returned = await api<Reported>(server.url, 'POST', `/api/incidents/${id}/reports/1/return`, { remark: '补充过火面积' }, { as: 'leader' });
    expect(returned.body.reports[0]).toMatchObject({ status: 'returned', returned: { by: '测试leader', remark: '补充过火面积' } });
    expect((await api(server.url, 'POST', `/api/incidents/${id}/reports/1/sign`, undefined, { as: 'leader' })).status).toBe(409);
    const revised = await api<Reported>(server.url, 'PATCH', `/api/incidents/${id}/reports/1`, { elements: elements({ situation: '过火面积约8亩' }) });
    expect(revised.body.reports[0]).toMatchObject({ n: 1, status: 'pending' });

    now += 5 * MINUTE;
    const signed = await api<Reported>(server.url, 'POST', `/api/incidents/${id}/reports/1/sign`, undefined, { as: 'leader' });
    expect(signed.status).toBe(200);
    expect(signed.body.reports[0]).toMatchObject({ status: 'sent', signedBy: '测试leader', signedAt: iso(now) });
    expect(signed.body.reporting).toEqual({ due: 'follow_up', deadline: iso(now + 120 * MINUTE), overdue: false });
    await wall.waitFor((s) => s.live!.incidents.get(id)?.reports[0]?.status === 'sent', 5000, 'the signed report on the wall');
    expect((await api(server.url, 'PATCH', `/api/incidents/${id}/reports/1`, { elements: elements() })).status).toBe(409); // sent stays as sent

    const cookie = await sessionCookie(server.url, 'officer');
    const res = await fetch(`${server.url}/api/incidents/${id}/reports/1.docx`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml.document');
    const files = readZip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = files.get('word/document.xml')!.toString('utf8');
    const words = xml.replace(/<[^>]+>/g, '');
    for (const part of [
      '突发事件信息',
      '（首报）',
      '第1期',
      '报送单位：九江市应急管理局',
      '签发人：测试leader',
      '2026年11月23日',
      '一、基本情况',
      '过火面积约8亩',
      '二、人员伤亡',
      '已造成2人受伤',
      '三、原因初判',
      '四、已采取措施',
      '五、下一步工作',
    ])
      expect(words).toContain(part);
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/); // A4
    expect(files.get('word/styles.xml')!.toString('utf8')).toContain('w:eastAsia="宋体"'); // the fallback

    // a report not signed off is not exported
    await api(server.url, 'POST', `/api/incidents/${id}/reports`, { kind: 'follow_up', elements: elements() });
    expect((await fetch(`${server.url}/api/incidents/${id}/reports/2.docx`, { headers: { cookie } })).status).toBe(409);
    expect((await fetch(`${server.url}/api/incidents/${id}/reports/9.docx`, { headers: { cookie } })).status).toBe(404);
  });
});

describe.each(databaseKinds())('incidents of the first version, migrated on %s', (kind) => {
  it('maps the old types onto the classification and keeps their free-text reports as sent', async () => {
    const database = await freshDatabase(kind);
    const db =
      kind === 'sqlite'
        ? new Kysely<Database>({
            dialect: new SqliteDialect({ database: new SQLite(path.join(database.env.DATA_DIR!, 'migrate.db')) }),
            plugins: [new CamelCasePlugin()],
          })
        : new Kysely<Database>({
            dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.env.DATABASE_URL }) }),
            plugins: [new CamelCasePlugin()],
          });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      const names = Object.keys(await migrationProvider.getMigrations()).sort();
      const before = names.filter((n) => n < '0017').at(-1)!;
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const old = (id: string, type: string, reports: object[], fireAlertId: string | null = null) =>
        sql`insert into incidents (id, title, type, district, lon, lat, occurred_at, fire_alert_id, reports, open, opened_by, updated_at, demo)
            values (${id}, ${'旧事件'}, ${type}, ${'360423'}, ${115.1}, ${29.26}, ${'2026-11-20T02:00:00.000Z'}, ${fireAlertId}, ${JSON.stringify(reports)}, ${1}, ${'officer'}, ${'2026-11-20T03:00:00.000Z'}, ${0})`.execute(
          db,
        );
      await old('inc-a', 'forest_fire', [{ kind: 'initial', at: '2026-11-20T02:20:00.000Z', author: 'officer', text: '首报：山火' }], 'fa-1');
      await old('inc-b', 'flood', []);
      await old('inc-c', 'other', []);
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();

      const a = (await findIncident(db, 'inc-a'))!;
      expect(a).toMatchObject({ type: 'forest_grassland_fire', channel: 'fire_alert', receivedAt: '2026-11-20T02:00:00.000Z', lon: 115.1, address: '' });
      expect(a.reports).toEqual([
        {
          n: 1,
          kind: 'initial',
          status: 'sent',
          elements: null,
          text: '首报：山火',
          author: 'officer',
          authorName: 'officer',
          writtenAt: '2026-11-20T02:20:00.000Z',
          signedBy: 'officer',
          signedAt: '2026-11-20T02:20:00.000Z',
          returned: null,
        },
      ]);
      expect((await findIncident(db, 'inc-b'))!).toMatchObject({
        type: 'flood_drought',
        channel: 'other',
        casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
      });
      expect((await findIncident(db, 'inc-c'))!.type).toBe('unclassified');
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});
