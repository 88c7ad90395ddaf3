import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/changes.ts';
import type { Hazard } from '../../shared/hazards.ts';
import type { RiskPoint } from '../../shared/risk-points.ts';
import { markOverdueHazards } from '../../server/hazards/service.ts';
import { sessionCookie } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('hazards from discovery to closed-loop sign-off (闭环销号)', () => {
  let server: TestServer;
  let point: RiskPoint;
  let now = Date.parse('2026-11-23T02:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const notice = (hours = 72) => ({ responsiblePerson: '李四', measures: '更换泄漏阀门并加装报警器', deadline: iso(now + hours * HOUR) });
  const fiveElements = () => ({
    responsibility: '企业主要负责人',
    measures: '停产整改',
    funds: '20万元',
    deadline: iso(now + 30 * DAY),
    contingencyPlan: '泄漏应急预案',
  });
  const move = (id: string, body: object, as: 'officer' | 'leader' = 'officer') =>
    api<Hazard & { error?: { code: string; message: string } }>(server.url, 'PATCH', `/api/hazards/${id}`, body, { as });
  const counters = async () => (await api<RiskPoint>(server.url, 'GET', `/api/risk-points/${point.id}`)).body;

  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, () => new Date(now));
    point = (
      await api<RiskPoint>(server.url, 'POST', '/api/risk-points', {
        name: '湖口化工园区储罐区',
        category: 'hazardous_chemicals',
        level: 'orange',
        lon: 116.24,
        lat: 29.72,
      })
    ).body;
  });
  afterAll(() => server.close());

  it('walks a general hazard through notice, rectification and a rejected re-inspection to closed, counting it on its risk point', async () => {
    const hazard = (
      await api<Hazard>(server.url, 'POST', '/api/hazards', { riskPointId: point.id, title: '储罐阀门渗漏', grade: 'general', source: 'inspector' })
    ).body;
    expect(hazard).toMatchObject({ status: 'found', district: '360429' });
    expect((await counters()).openHazards).toBe(1);

    expect((await move(hazard.id, { status: 'notice' })).status).toBe(409); // the notice needs its content
    expect((await move(hazard.id, { status: 'rectifying' })).body.error?.code).toBe('illegal_transition');
    for (const step of [
      { status: 'notice', notice: notice() },
      { status: 'rectifying' },
      { status: 'submitted', note: '已更换阀门' },
      { status: 'reinspection' },
    ])
      expect((await move(hazard.id, step)).status).toBe(200);
    expect((await move(hazard.id, { status: 'rectifying', note: '复查不合格：报警器未联网' }, 'leader')).status).toBe(200);
    for (const step of [{ status: 'submitted' }, { status: 'reinspection' }]) expect((await move(hazard.id, step)).status).toBe(200);
    // 销号 is signed off by the leader on duty, not by the officer who walked it through
    const byOfficer = await move(hazard.id, { status: 'closed', note: '复查合格，予以销号' });
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.error!.message).toMatch(/leader on duty/);
    expect((await move(hazard.id, { status: 'closed', note: '复查合格，予以销号' }, 'leader')).status).toBe(200);
    const closed = (await api<Hazard>(server.url, 'GET', `/api/hazards/${hazard.id}`)).body;
    expect(closed.history.map((h) => h.status)).toEqual([
      'found',
      'notice',
      'rectifying',
      'submitted',
      'reinspection',
      'rectifying',
      'submitted',
      'reinspection',
      'closed',
    ]);
    expect(closed.history[5]).toMatchObject({ actor: 'test-leader', note: '复查不合格：报警器未联网' });
    expect((await counters()).openHazards).toBe(0);
    expect((await move(hazard.id, { status: 'rectifying' })).status).toBe(409); // closed is final
  });

  it('holds a major hazard at notice until the five elements are in place', async () => {
    const major = (
      await api<Hazard>(server.url, 'POST', '/api/hazards', {
        riskPointId: point.id,
        title: '重大危险源未设置泄漏检测',
        grade: 'major',
        source: 'grid_officer',
      })
    ).body;
    await move(major.id, { status: 'notice', notice: notice() });
    const refused = await move(major.id, { status: 'rectifying' });
    expect(refused.status).toBe(409);
    expect(refused.body.error!.message).toMatch(/five elements/);
    expect((await move(major.id, { status: 'rectifying', fiveElements: fiveElements() })).body.fiveElements).toMatchObject({ funds: '20万元' });
  });

  it('flags hazards past their deadline, counts them per risk point, and un-counts them when closed', async () => {
    const late = (
      await api<Hazard>(server.url, 'POST', '/api/hazards', { riskPointId: point.id, title: '消防通道堵塞', grade: 'general', source: 'inspector' })
    ).body;
    await move(late.id, { status: 'notice', notice: notice(2) }); // two hours: sessions (a day) stay valid
    await move(late.id, { status: 'rectifying' });
    expect(await markOverdueHazards(server.app.deps)).toEqual([]);
    const overdueBefore = (await counters()).overdueHazards;
    now += 3 * HOUR;
    expect((await markOverdueHazards(server.app.deps)).map((h) => h.id)).toContain(late.id);
    expect(await markOverdueHazards(server.app.deps)).toEqual([]); // counted once
    expect((await counters()).overdueHazards).toBe(overdueBefore + 1);
    const ledger = (await api<{ items: (Hazard & { overdue: boolean })[] }>(server.url, 'GET', '/api/hazards?overdue=true&district=360429')).body.items;
    expect(ledger.map((h) => h.id)).toContain(late.id);
    for (const status of ['submitted', 'reinspection']) await move(late.id, { status });
    await move(late.id, { status: 'closed' }, 'leader');
    expect((await counters()).overdueHazards).toBe(overdueBefore);
  });

  it('takes public tip-offs without an account, for review, and refuses a flood of them', async () => {
    const tip = await api<{ reference: string }>(
      server.url,
      'POST',
      '/api/tip-offs',
      { district: '360483', title: '=HYPERLINK("http://x")', description: '山脚下有人烧荒', contact: '13800000000' },
      { as: null },
    );
    expect(tip.status).toBe(201);
    const items = (await api<{ items: Hazard[] }>(server.url, 'GET', '/api/hazards?status=reported')).body.items;
    const reported = items.find((h) => h.tipOff?.reference === tip.body.reference)!;
    expect(reported).toMatchObject({ status: 'reported', source: 'public_tip_off', riskPointId: null });
    expect(reported.description).not.toContain('13800000000'); // the contact is kept apart, for reviewers
    // 不予受理 needs its reason; 受理 sets the grade the citizen could not judge
    expect((await move(reported.id, { status: 'dismissed' })).status).toBe(409);
    expect((await move(reported.id, { status: 'found', note: '核实属实', grade: 'major' })).body).toMatchObject({ status: 'found', grade: 'major' });
    expect((await api(server.url, 'POST', '/api/tip-offs', { district: '360483', title: 'x' }, { as: null })).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api(server.url, 'POST', '/api/tip-offs', { district: '360483', title: `举报${i}`, description: '…' }, { as: null })).status);
    expect(statuses).toContain(429);
    expect(
      (await api(server.url, 'POST', '/api/hazards', { riskPointId: point.id, title: 'x', grade: 'general', source: 'inspector' }, { as: null })).status,
    ).toBe(401);
    expect(
      (await api(server.url, 'POST', '/api/hazards', { riskPointId: point.id, title: 'x', grade: 'general', source: 'inspector' }, { as: 'observer' })).status,
    ).toBe(403);
  });

  it('files a hazard at a place on the map: its district where the place lies, a risk point near it only if named', async () => {
    const atPlace = await api<Hazard>(server.url, 'POST', '/api/hazards', {
      lon: 115.99,
      lat: 29.71,
      address: '濂溪区十里大道旁山塘',
      title: '山塘坝体渗水',
      grade: 'general',
      source: 'grid_officer',
    });
    expect(atPlace.status).toBe(201);
    expect(atPlace.body).toMatchObject({
      riskPointId: null,
      place: { lon: 115.99, lat: 29.71 },
      address: '濂溪区十里大道旁山塘',
      status: 'found',
      tipOff: null,
    });
    expect(atPlace.body.district).toMatch(/^3604/);
    const beside = await api<Hazard>(server.url, 'POST', '/api/hazards', {
      lon: 116.241,
      lat: 29.721,
      riskPointId: point.id,
      title: '围堰排水阀常开',
      grade: 'general',
      source: 'inspector',
    });
    expect(beside.body).toMatchObject({ riskPointId: point.id, district: '360429', place: { lon: 116.241, lat: 29.721 } });
    const refused = async (body: object) =>
      (await api<{ error: { code: string } }>(server.url, 'POST', '/api/hazards', { title: 'x', grade: 'general', source: 'inspector', ...body })).status;
    expect(await refused({})).toBe(400); // neither a risk point nor a place
    expect(await refused({ lon: 115.99 })).toBe(400); // half a place
    expect(await refused({ lon: 121.47, lat: 31.23 })).toBe(422); // Shanghai: not ours
    expect(await refused({ riskPointId: 'rp-none' })).toBe(404);
  });

  it('exports the ledger as CSV and Excel, with formulas defused', async () => {
    const cookie = await sessionCookie(server.url, 'officer');
    const csv = await (await fetch(`${server.url}/api/hazards?format=csv`, { headers: { cookie } })).text();
    expect(csv.split('\n')[0]).toContain('隐患名称');
    expect(csv.split('\n')[0]).toContain('区县代码,区县'); // the office reads the district's name beside its code
    expect(csv).toMatch(/,3604\d\d,[^,]+(区|县|市),/);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    const xlsx = await fetch(`${server.url}/api/hazards?format=xlsx`, { headers: { cookie } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('隐患台账')!;
    const titles = sheet.getColumn((sheet.getRow(1).values as unknown[]).indexOf('隐患名称')).values.slice(2);
    expect(titles).toContain('储罐阀门渗漏');
    expect(titles).toContain(`'=HYPERLINK("http://x")`);
    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    expect(snapshot.hazards.length).toBeGreaterThanOrEqual(4);
  });
});
