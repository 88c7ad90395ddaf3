import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markOverdueHazards } from '../../server/hazards/service.ts';
import type { Snapshot } from '../../shared/changes.ts';
import { inDistrict } from '../../shared/districts.ts';
import type { DutyShift } from '../../shared/duty.ts';
import { allowedNextStatuses, type FireAlert } from '../../shared/fire-alerts.ts';
import { countHazards, HAZARD_TRANSITIONS, type Hazard, type HazardCounts, isHazardOpen } from '../../shared/hazards.ts';
import type { RiskPoint, RiskPointSummary } from '../../shared/risk-points.ts';
import { sessionCookie } from '../support/accounts.ts';
import { databaseKinds } from '../support/databases.ts';
import { openScreen, type TestScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const HOUR = 3600_000;
type LedgerRow = Hazard & { overdue: boolean };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "A number on a screen must count records": every hazard figure of the demo city against the ledger's rows. */
describe.each(databaseKinds())('hazard figures of the demo city on %s', (kind) => {
  let server: TestServer;
  let screen: TestScreen;
  let now = Date.parse('2026-11-23T02:00:00.000Z');

  const ledger = async (query = '') => (await api<{ items: LedgerRow[] }>(server.url, 'GET', `/api/hazards${query}`)).body.items;
  const points = async () => (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body.riskPoints;
  const sum = (ps: readonly RiskPointSummary[]): HazardCounts =>
    ps.reduce((s, p) => ({ open: s.open + p.openHazards, overdue: s.overdue + p.overdueHazards }), { open: 0, overdue: 0 });
  /** What the desk's KPI panel counts: the hazards in the screen's live store, by the one rule. */
  const kpi = (district: RiskPoint['district'] | null = null) => countHazards(inDistrict(screen.live().hazards.values(), district), new Date(now));

  /** Every figure equals the rows of the ledger that say so, for the city, each district and each point. */
  async function expectFiguresToMatchTheLedger() {
    const all = await ledger();
    const open = await ledger('?open=true');
    const overdue = await ledger('?overdue=true');
    expect(open.map((h) => h.id).sort()).toEqual(
      all
        .filter((h) => isHazardOpen(h.status))
        .map((h) => h.id)
        .sort(),
    );
    // the risk points' counts: the open and overdue rows on a point
    const onPoints = await points();
    expect(sum(onPoints)).toEqual({ open: open.filter((h) => h.riskPointId).length, overdue: overdue.filter((h) => h.riskPointId).length });
    for (const p of onPoints) {
      const own = all.filter((h) => h.riskPointId === p.id);
      expect([p.openHazards, p.overdueHazards], p.id).toEqual([own.filter((h) => isHazardOpen(h.status)).length, own.filter((h) => h.overdue).length]);
    }
    // the KPI figures: every open and overdue row, tip-offs on no point among them, for the city and per district
    await screen.waitFor((st) => st.live!.seq >= server.app.deps.store.currentSeq, 10_000, 'the screen at the server seq');
    expect(kpi()).toEqual({ open: open.length, overdue: overdue.length });
    for (const district of new Set(all.map((h) => h.district)))
      expect(kpi(district), district).toEqual({
        open: (await ledger(`?open=true&district=${district}`)).length,
        overdue: (await ledger(`?overdue=true&district=${district}`)).length,
      });
    return { open: open.length, overdue: overdue.length };
  }

  /** One step further as an officer would take it, with what the step needs. */
  const stepOf = (h: Hazard) => {
    const status = h.status === 'reinspection' ? 'closed' : HAZARD_TRANSITIONS[h.status][0]!;
    const at = new Date(now + 30 * 24 * HOUR).toISOString();
    return {
      status,
      note: '测试',
      ...(status === 'notice' ? { notice: { responsiblePerson: '李四', measures: '整改', deadline: at } } : {}),
      ...(h.status === 'notice' && h.grade === 'major' && !h.fiveElements
        ? { fiveElements: { responsibility: '企业负责人', measures: '停产整改', funds: '10万元', deadline: at, contingencyPlan: '专项预案' } }
        : {}),
    };
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { DEMO_FEED: '1', DEMO_RISK_POINTS: '300', DEMO_FEED_INTERVAL_MS: '3600000' }, () => new Date(now));
    screen = openScreen(server.url, { cookie: await sessionCookie(server.url, 'observer') });
    await screen.waitFor((st) => st.live !== null, 10_000, 'snapshot');
  });
  afterAll(async () => {
    screen?.close();
    await server?.close();
  });

  it('seeds real hazards behind every count: overdue, major with the five elements, closed, tip-offs on no point', async () => {
    const all = await ledger();
    expect(all.length).toBe(120);
    expect(all.every((h) => h.demo && h.history.length > 0)).toBe(true);
    expect(all.filter((h) => h.overdue).length).toBeGreaterThan(0);
    expect(all.filter((h) => h.status === 'closed').length).toBeGreaterThan(0);
    expect(all.some((h) => h.grade === 'major' && h.fiveElements !== null)).toBe(true);
    expect(all.some((h) => h.riskPointId === null && isHazardOpen(h.status))).toBe(true);
    const figures = await expectFiguresToMatchTheLedger();
    expect(figures.open).toBeGreaterThan(figures.overdue);
  });

  it('counts a hazard walked to closed off its point, the ledger and the screen', async () => {
    const before = await expectFiguresToMatchTheLedger();
    let hazard: Hazard = (await ledger('?overdue=true')).find((h) => h.riskPointId)!;
    const point = hazard.riskPointId!;
    const pointBefore = (await api<RiskPoint>(server.url, 'GET', `/api/risk-points/${point}`)).body;
    while (hazard.status !== 'closed') {
      // 销号 is the leader on duty's to sign off
      const moved = await api<Hazard>(server.url, 'PATCH', `/api/hazards/${hazard.id}`, stepOf(hazard), {
        as: hazard.status === 'reinspection' ? 'leader' : 'officer',
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      hazard = moved.body;
    }
    const pointAfter = (await api<RiskPoint>(server.url, 'GET', `/api/risk-points/${point}`)).body;
    expect([pointAfter.openHazards, pointAfter.overdueHazards]).toEqual([pointBefore.openHazards - 1, pointBefore.overdueHazards - 1]);
    expect(await expectFiguresToMatchTheLedger()).toEqual({ open: before.open - 1, overdue: before.overdue - 1 });
  });

  it('counts the hazards that fall overdue as the clock passes their deadline, once the overdue check has run', async () => {
    const point = (await points()).find((p) => p.openHazards === 0)!;
    const filed = (
      await api<Hazard>(server.url, 'POST', '/api/hazards', { riskPointId: point.id, title: '消防通道堵塞', grade: 'general', source: 'inspector' })
    ).body;
    const deadline = new Date(now + 2 * HOUR).toISOString();
    await api(server.url, 'PATCH', `/api/hazards/${filed.id}`, { status: 'notice', notice: { responsiblePerson: '李四', measures: '清理', deadline } });
    const before = await expectFiguresToMatchTheLedger();
    now += 3 * HOUR; // sessions (a day) stay valid
    expect((await markOverdueHazards(server.app.deps)).map((h) => h.id)).toContain(filed.id);
    const after = await expectFiguresToMatchTheLedger();
    expect(after.overdue).toBeGreaterThan(before.overdue);
    expect((await api<RiskPoint>(server.url, 'GET', `/api/risk-points/${point.id}`)).body).toMatchObject({ openHazards: 1, overdueHazards: 1 });
  });

  it('takes no hazard count from a person: not on a new point, a change or a ledger', async () => {
    const [point] = await points();
    for (const body of [{ openHazards: 0 }, { overdueHazards: 0 }, { openHazards: 5, name: '改名' }])
      expect((await api(server.url, 'PATCH', `/api/risk-points/${point!.id}`, body)).status).toBe(400);
    const created = await api<RiskPoint>(server.url, 'POST', '/api/risk-points', {
      name: '计数测试点',
      category: 'gas',
      level: 'blue',
      lon: 116.0,
      lat: 29.7,
      openHazards: 9,
    });
    expect(created.status).toBe(400);
    const cookie = await sessionCookie(server.url, 'officer');
    const imported = await fetch(`${server.url}/api/import/ledger/risk-points`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie },
      body: `编号,名称,类别,风险等级,经度,纬度,隐患数,逾期隐患数\n${point!.id},${point!.name},燃气,低,116.0,29.7,99,99\n`,
    });
    expect(imported.status).toBeLessThan(300);
    expect((await api<RiskPoint>(server.url, 'GET', `/api/risk-points/${point!.id}`)).body).toMatchObject({
      openHazards: point!.openHazards,
      overdueHazards: point!.overdueHazards,
    });
    await expectFiguresToMatchTheLedger();
  });
});

describe('the demo feed and what people do', () => {
  let server: TestServer;
  afterAll(() => server?.close());

  /** The records of the live picture by kind and id, as every screen has them. */
  const picture = async () => {
    const snapshot = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body;
    return new Map<string, unknown>([
      ...snapshot.fireAlerts.map((a) => [`fireAlert:${a.id}`, a] as const),
      ...snapshot.hazards.map((h) => [`hazard:${h.id}`, h] as const),
      ...snapshot.duty.shifts.map((d) => [`dutyShift:${d.id}`, d] as const),
      ...snapshot.riskPoints.map((p) => [`riskPoint:${p.id}`, p] as const),
    ]);
  };

  /** Takes one of the feed's records one step, retrying while the feed moves it first (it runs every 50 ms). */
  async function takeOver<R extends { id: string; history: { actor: string }[] }>(list: () => Promise<R[]>, step: (r: R) => object, path: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const mine = (await list()).filter((r) => r.history[0]?.actor === 'demo-feed');
      const record = mine[attempt % Math.max(1, mine.length)];
      if (record && (await api(server.url, 'PATCH', `${path}/${record.id}`, step(record))).status === 200) return record.id;
      await sleep(50);
    }
    throw new Error(`no demo record at ${path} could be taken over`);
  }

  it('works only its own records and never one a person made or changed, however fast it runs', async () => {
    server = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '12', DEMO_FEED_INTERVAL_MS: '50' });
    const { store } = server.app.deps;
    const touched: string[] = [];
    // one of the feed's fire alerts (they come at random: the loop waits for one), and one of its hazards
    const alerts = async () =>
      (await api<{ items: FireAlert[] }>(server.url, 'GET', '/api/fire-alerts')).body.items.filter((a) => allowedNextStatuses(a.status).length > 0);
    const alertId = await takeOver(alerts, (a) => ({ status: allowedNextStatuses(a.status)[0], note: '值班员接手' }), '/api/fire-alerts');
    touched.push(`fireAlert:${alertId}`);
    const hazards = async () => (await api<{ items: Hazard[] }>(server.url, 'GET', '/api/hazards?open=true')).body.items;
    const notice = { responsiblePerson: '李四', measures: '整改', deadline: new Date(Date.now() + 30 * 24 * HOUR).toISOString() };
    const fiveElements = { responsibility: '企业负责人', measures: '停产整改', funds: '10万元', deadline: notice.deadline, contingencyPlan: '专项预案' };
    const hazardId = await takeOver(
      hazards,
      (h) => {
        const status = HAZARD_TRANSITIONS[h.status][0]!;
        return { status, note: '值班员办理', ...(status === 'notice' ? { notice } : {}), ...(h.status === 'notice' ? { fiveElements } : {}) };
      },
      '/api/hazards',
    );
    touched.push(`hazard:${hazardId}`);
    // a person's own alert, and a shift of the feed's roster a person changed
    const reported = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', {
      lon: 115.97,
      lat: 29.55,
      source: 'patrol',
      description: '护林员报告：庐山市秀峰附近冒烟',
    });
    touched.push(`fireAlert:${reported.body.id}`);
    const shift = (await api<Snapshot>(server.url, 'GET', '/api/snapshot')).body.duty.shifts.find(
      (s: DutyShift) => s.role === 'officer' && (s.status === 'on_post' || s.status === 'away'),
    )!;
    expect((await api(server.url, 'PATCH', `/api/duty/shifts/${shift.id}`, { person: '张志强' })).status).toBe(200);
    touched.push(`dutyShift:${shift.id}`);

    await sleep(300); // a turn of the feed already under way when a person wrote may finish: from here on it knows
    const before = await picture();
    const seq = store.currentSeq;
    await sleep(3000); // some sixty turns of the feed
    const after = await picture();
    expect(store.currentSeq - seq, 'the feed kept moving its own records').toBeGreaterThan(5);
    for (const key of touched) {
      expect(before.get(key), key).toBeDefined();
      expect(after.get(key), key).toEqual(before.get(key));
    }
  });

  it('holds the demo city still when paused, seeded all the same', async () => {
    const paused = await startTestServer('sqlite', { DEMO_FEED: '1', DEMO_RISK_POINTS: '12', DEMO_FEED_INTERVAL_MS: '50', DEMO_FEED_PAUSED: '1' });
    try {
      const seq = paused.app.deps.store.currentSeq;
      await sleep(600);
      expect(paused.app.deps.store.currentSeq).toBe(seq);
      expect((await api<{ items: Hazard[] }>(paused.url, 'GET', '/api/hazards')).body.items.length).toBeGreaterThan(0);
    } finally {
      await paused.close();
    }
  });
});
