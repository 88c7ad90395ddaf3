import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskPointProgress } from '../../shared/risk-assessment.ts';
import type { RiskPoint } from '../../shared/risk-points.ts';
import { sessionCookie } from '../support/accounts.ts';
import { databaseKinds } from '../support/databases.ts';
import { openScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

type Refused = { error: { code: string; message: string; details: unknown } };
type AuditPage = { items: { action: string; actor: string; entityId: string | null }[] };

describe.each(databaseKinds())('risk points placed, assessed, filed and put online on %s', (kind) => {
  let server: TestServer;
  let point: RiskPoint;
  const progress = async () => (await api<RiskPointProgress>(server.url, 'GET', `/api/risk-points/${point.id}/progress`)).body;
  const assess = (body: unknown, as: 'officer' | 'leader' | 'observer' = 'officer') =>
    api<RiskPointProgress & Refused>(server.url, 'POST', `/api/risk-points/${point.id}/assessments`, body, { as });
  const step = (stage: string) => api<RiskPointProgress & Refused>(server.url, 'POST', `/api/risk-points/${point.id}/steps`, { stage });

  beforeAll(async () => {
    server = await startTestServer(kind);
    point = (
      await api<RiskPoint>(server.url, 'POST', '/api/risk-points', {
        name: '濂溪区城东加油站',
        category: 'hazardous_chemicals',
        level: 'blue',
        lon: 115.99,
        lat: 29.68,
        responsiblePhone: '0792-8111222',
      })
    ).body;
  });
  afterAll(() => server.close());

  it('starts a new point at 摸底, a step with who found it and when', async () => {
    const p = await progress();
    expect(p.stage).toBe('survey');
    expect(p.next).toEqual(['assessed']);
    expect(p.steps).toEqual([{ stage: 'survey', at: point.updatedAt, actor: 'test-officer', note: '' }]);
    expect(p.assessments).toEqual([]);
  });

  it('refuses an assessment without factors, or with values not in the tables, naming the field', async () => {
    const none = await assess({ method: 'lec', confirmedLevel: 'yellow' });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('validation_failed');
    expect((none.body.error.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['c', 'e', 'l']);
    const off = await assess({ method: 'lec', l: 3, e: 4, c: 7, confirmedLevel: 'yellow' });
    expect(off.status).toBe(400);
    expect(off.body.error.details).toEqual([expect.objectContaining({ field: 'e', reason: expect.stringContaining('0.5'), reasonZh: expect.any(String) })]);
    const override = await assess({ method: 'lec', l: 3, e: 6, c: 7, confirmedLevel: 'red' });
    expect(override.status).toBe(400);
    expect((override.body.error.details as { field: string }[]).map((d) => d.field)).toEqual(['reason']);
    const matrix = await assess({ method: 'matrix', likelihood: 7, severity: 3, confirmedLevel: 'blue' });
    expect((matrix.body.error.details as { field: string }[]).map((d) => d.field)).toEqual(['likelihood']);
    expect(await assess({ method: 'lec', l: 3, e: 6, c: 7, confirmedLevel: 'yellow' }, 'observer')).toMatchObject({ status: 403 });
    expect((await progress()).assessments).toEqual([]); // nothing refused was kept
  });

  it('refuses a stage skipped with 409 and the step allowed', async () => {
    const skipped = await step('filed');
    expect(skipped.status).toBe(409);
    expect(skipped.body.error).toMatchObject({ code: 'illegal_transition', details: { stage: 'survey', allowed: ['assessed'] } });
    expect((await step('online')).status).toBe(409);
    expect((await step('assessed')).status).toBe(400); // 评估 comes by an assessment, not a bare step
  });

  it('an LEC assessment proposes, a person confirms, and the confirmed level reaches a screen live', async () => {
    const cookie = await sessionCookie(server.url, 'wall');
    const wall = openScreen(server.url, { cookie });
    try {
      await wall.waitFor((s) => s.live?.riskPoints.get(point.id)?.level === 'blue', 10_000, 'the point on the wall');
      // D = 6 × 6 × 7 = 252: 较大 proposed and confirmed
      const taken = await assess({ method: 'lec', l: 6, e: 6, c: 7, confirmedLevel: 'orange' });
      expect(taken.status).toBe(201);
      expect(taken.body.stage).toBe('assessed');
      expect(taken.body.next).toEqual(['filed']);
      expect(taken.body.assessments[0]).toMatchObject({
        method: 'lec',
        factors: { l: 6, e: 6, c: 7 },
        score: 252,
        proposedLevel: 'orange',
        confirmedLevel: 'orange',
        reason: '',
        assessedBy: 'test-officer',
      });
      await wall.waitFor((s) => s.live?.riskPoints.get(point.id)?.level === 'orange', 10_000, 'the confirmed level on the wall');
      expect((await api<RiskPoint>(server.url, 'GET', `/api/risk-points/${point.id}`)).body.level).toBe('orange');

      // a leader overrides the matrix's proposal (R = 3 × 3 = 9, 一般) with a reason
      const overridden = await assess({ method: 'matrix', likelihood: 3, severity: 3, confirmedLevel: 'red', reason: '毗邻小学，周边人员密集' }, 'leader');
      expect(overridden.status).toBe(201);
      expect(overridden.body.stage).toBe('assessed'); // a second assessment leaves the stage where it is
      expect(overridden.body.assessments.map((a) => [a.method, a.score, a.proposedLevel, a.confirmedLevel, a.assessedBy])).toEqual([
        ['matrix', 9, 'yellow', 'red', 'test-leader'],
        ['lec', 252, 'orange', 'orange', 'test-officer'],
      ]);
      expect(overridden.body.assessments[0]!.reason).toBe('毗邻小学，周边人员密集');
      await wall.waitFor((s) => s.live?.riskPoints.get(point.id)?.level === 'red', 10_000, 'the overriding level on the wall');
    } finally {
      wall.close();
    }
  });

  it('files the point, then puts it online, each once, and then on the published layer', async () => {
    const before = (await api<{ features: { properties: { id: string } }[] }>(server.url, 'GET', '/api/risk-points?stage=online')).body;
    expect(before.features.map((f) => f.properties.id)).not.toContain(point.id);
    expect((await step('online')).body.error.details).toEqual({ stage: 'assessed', allowed: ['filed'] });
    expect((await step('filed')).status).toBe(201);
    expect((await step('filed')).status).toBe(409);
    const online = await step('online');
    expect(online.status).toBe(201);
    expect(online.body).toMatchObject({ stage: 'online', next: [] });
    expect(online.body.steps.map((s) => [s.stage, s.actor])).toEqual([
      ['survey', 'test-officer'],
      ['assessed', 'test-officer'],
      ['filed', 'test-officer'],
      ['online', 'test-officer'],
    ]);
    expect((await step('online')).body.error.details).toEqual({ stage: 'online', allowed: [] });
    const after = (await api<{ features: { properties: { id: string } }[] }>(server.url, 'GET', '/api/risk-points?stage=online')).body;
    expect(after.features.map((f) => f.properties.id)).toContain(point.id);
  });

  it('audits every assessment and step under the person who took it', async () => {
    const res = await api<AuditPage>(server.url, 'GET', '/api/audit', undefined, { as: 'admin' });
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((e) => e.entityId === point.id).map((e) => `${e.action}:${e.actor}`);
    expect(mine).toEqual(
      expect.arrayContaining([
        'riskPoint.create:test-officer',
        'riskPoint.assess:test-officer',
        'riskPoint.assess:test-leader',
        'riskPoint.filed:test-officer',
        'riskPoint.online:test-officer',
      ]),
    );
  });

  it('answers 404 for a point that does not exist', async () => {
    expect((await api(server.url, 'POST', '/api/risk-points/rp-none/assessments', { method: 'lec', l: 1, e: 1, c: 1, confirmedLevel: 'blue' })).status).toBe(
      404,
    );
    expect((await api(server.url, 'GET', '/api/risk-points/rp-none/progress')).status).toBe(404);
  });
});

describe.each(databaseKinds())('the demo city’s risk points carry their stages and assessments on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { DEMO_FEED: '1', DEMO_RISK_POINTS: '60', DEMO_FEED_PAUSED: '1' });
  });
  afterAll(() => server.close());

  it('seeds each point its steps, and past 摸底 the assessment that confirmed its level', async () => {
    const stages = new Set<string>();
    for (let i = 1; i <= 60; i++) {
      const id = `demo-rp-${String(i).padStart(6, '0')}`;
      const point = (await api<RiskPoint>(server.url, 'GET', `/api/risk-points/${id}`)).body;
      const p = (await api<RiskPointProgress>(server.url, 'GET', `/api/risk-points/${id}/progress`)).body;
      stages.add(p.stage);
      expect(p.steps[0]!.stage).toBe('survey');
      if (p.stage === 'survey') expect(p.assessments).toEqual([]);
      else expect(p.assessments[0]).toMatchObject({ riskPointId: id, method: 'lec', confirmedLevel: point.level, demo: true });
    }
    expect(stages.size).toBeGreaterThan(2);
  });
});
