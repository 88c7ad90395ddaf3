import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CopyClash,
  type DutyHandover,
  type DutyHandoverListed,
  type DutyLogEntry,
  type DutyShift,
  type DutyWeek,
  dutyWeekDates,
  shiftTimes,
} from '../../shared/duty.ts';
import { sessionCookie } from '../support/accounts.ts';
import { databaseKinds } from '../support/databases.ts';
import { openScreen, type TestScreen } from '../support/screen.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const HOUR = 3600_000;
const NOW = Date.parse('2026-11-23T04:00:00.000Z'); // 12:00 in Jiujiang
const iso = (ms: number) => new Date(ms).toISOString();
const shiftBody = (person: string, from: number, to: number) => ({
  date: '2026-11-23',
  startsAt: iso(from),
  endsAt: iso(to),
  role: 'officer',
  person,
  phone: '13907921234',
});

describe('duty watch: check-in, handover, log, conflicts', () => {
  let server: TestServer;
  let wall: TestScreen;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, () => new Date(NOW));
    wall = openScreen(server.url, { cookie: await sessionCookie(server.url, 'wall') });
    await wall.waitFor((s) => s.live !== null);
  });
  afterAll(async () => {
    wall.close();
    await server.close();
  });

  it('refuses to put one person on two overlapping shifts, on creation and on a swap', async () => {
    const day = await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', shiftBody('王五', NOW - 4 * HOUR, NOW + 8 * HOUR));
    expect(day.status).toBe(201);
    const clash = await api<{ error: { code: string; details: { shiftId: string } } }>(
      server.url,
      'POST',
      '/api/duty/shifts',
      shiftBody('王五', NOW + 6 * HOUR, NOW + 18 * HOUR),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'conflict', details: { shiftId: day.body.id } });
    const other = await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', shiftBody('赵六', NOW + 6 * HOUR, NOW + 18 * HOUR));
    expect(other.status).toBe(201);
    expect((await api(server.url, 'PATCH', `/api/duty/shifts/${other.body.id}`, { person: '王五' })).status).toBe(409);
    const back = await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', shiftBody('王五', NOW + 8 * HOUR, NOW + 20 * HOUR)); // starts as the first ends
    expect(back.status).toBe(201);
    expect((await api(server.url, 'POST', '/api/duty/shifts', { ...shiftBody('钱七', NOW, NOW), endsAt: iso(NOW - HOUR) })).status).toBe(400);
  });

  it('checks in, hands over with a note the next shift confirms, and only then checks out', async () => {
    const outgoing = (await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', shiftBody('孙八', NOW - 10 * HOUR, NOW + 2 * HOUR))).body;
    const incoming = (await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', shiftBody('周九', NOW + 2 * HOUR, NOW + 14 * HOUR))).body;
    const checkedIn = await api<DutyShift>(server.url, 'POST', `/api/duty/shifts/${outgoing.id}/check-in`);
    expect(checkedIn.body).toMatchObject({ status: 'on_post', checkedInAt: iso(NOW) });

    expect((await api(server.url, 'POST', `/api/duty/shifts/${outgoing.id}/check-out`)).status).toBe(409); // no handover yet
    const note = '庐山林区3号火点已扑灭，留2人看守；湖口化工园区隐患整改明日复查。';
    const written = await api<DutyHandover>(server.url, 'POST', '/api/duty/handovers', { fromShiftId: outgoing.id, toShiftId: incoming.id, note });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ status: 'pending', writtenBy: 'test-officer', note });
    await wall.waitFor((s) => s.live!.dutyHandovers.get(written.body.id)?.status === 'pending', 5000, 'the pending handover on the wall');
    expect((await api(server.url, 'POST', `/api/duty/shifts/${outgoing.id}/check-out`)).status).toBe(409); // not confirmed yet

    const confirmed = await api<DutyHandover>(server.url, 'POST', `/api/duty/handovers/${written.body.id}/confirm`, undefined, { as: 'leader' });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmedBy: 'test-leader', confirmedAt: iso(NOW) });
    await wall.waitFor(
      (s) => s.live!.dutyShifts.get(incoming.id)?.status === 'on_post' && s.live!.dutyShifts.get(outgoing.id)?.status === 'handed_over',
      5000,
      'the shifts after the handover',
    );
    expect((await api(server.url, 'POST', `/api/duty/handovers/${written.body.id}/confirm`)).status).toBe(409); // once
    expect((await api(server.url, 'POST', `/api/duty/shifts/${outgoing.id}/check-out`)).status).toBe(200);
    expect((await api(server.url, 'POST', '/api/duty/handovers', { fromShiftId: outgoing.id, toShiftId: incoming.id, note: '再交一次' })).status).toBe(409);
  });

  it('keeps a duty log of the day that every screen sees, signed by its author', async () => {
    const entry = await api<DutyLogEntry>(server.url, 'POST', '/api/duty/log', { kind: 'call', text: '11:58 修水县应急局来电：山口镇烟点系烧荒，已处置' });
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ date: '2026-11-23', author: 'test-officer', kind: 'call' });
    await wall.waitFor((s) => s.live!.dutyLog.has(entry.body.id), 5000, 'the log entry on the wall');
    const day = await api<{ items: DutyLogEntry[] }>(server.url, 'GET', '/api/duty/log?date=2026-11-23');
    expect(day.body.items.map((e) => e.id)).toContain(entry.body.id);
    expect((await api(server.url, 'POST', '/api/duty/log', { text: '观察员不能写' }, { as: 'observer' })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/duty/log', { kind: 'gossip', text: 'x' })).status).toBe(400);
  });
});

describe.each(databaseKinds())('the week plan and handovers on %s', (kind) => {
  const NOW_MS = Date.parse('2026-11-25T04:00:00.000Z'); // Wednesday 12:00 in Jiujiang; its week runs 23–29 Nov
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, {}, () => new Date(NOW_MS));
  });
  afterAll(() => server.close());

  const plan = (date: string, start: string, end: string, person: string, role = 'officer') => {
    const { startsAt, endsAt } = shiftTimes(date, start, end);
    return api<DutyShift>(server.url, 'POST', '/api/duty/shifts', { date, startsAt, endsAt, role, person, phone: '13907921234' });
  };

  it('reads a week Monday to Sunday in Beijing days, and only that week', async () => {
    expect((await plan('2026-11-22', '20:00', '08:00', '吴一')).status).toBe(201); // Sunday night of the week before
    expect((await plan('2026-11-23', '08:00', '20:00', '郑二')).status).toBe(201);
    expect((await plan('2026-11-29', '20:00', '08:00', '吴一')).status).toBe(201); // Sunday night, ends Monday
    const week = await api<DutyWeek>(server.url, 'GET', '/api/duty/week?week=2026-11-27');
    expect(week.status).toBe(200);
    expect(week.body.week).toBe('2026-11-23');
    expect(week.body.dates).toEqual(dutyWeekDates('2026-11-23'));
    expect(week.body.shifts.map((s) => s.person)).toEqual(['郑二', '吴一']);
    expect((await api<DutyWeek>(server.url, 'GET', '/api/duty/week')).body.week).toBe('2026-11-23'); // today's week by default
    expect((await api<DutyWeek>(server.url, 'GET', '/api/duty/week', undefined, { as: 'observer' })).status).toBe(200); // observers read it
    expect((await api(server.url, 'GET', '/api/duty/week?week=next-monday')).status).toBe(400);
    expect((await plan('2026-11-24', '08:00', '20:00', '卫六')).status).toBe(201);
  });

  it('copies last week in one write seven days later, and refuses the whole copy when one copy clashes', async () => {
    // last week (23–29 Nov) holds 郑二's, 卫六's and 吴一's shifts from above; 30 Nov – 6 Dec is empty
    const copied = await api<{ items: DutyShift[] }>(server.url, 'POST', '/api/duty/weeks/copy', { week: '2026-12-02' });
    expect(copied.status).toBe(201);
    expect(copied.body.items.map((s) => [s.date, s.person, s.status])).toEqual([
      ['2026-11-30', '郑二', 'scheduled'],
      ['2026-12-01', '卫六', 'scheduled'],
      ['2026-12-06', '吴一', 'scheduled'],
    ]);
    const week = await api<DutyWeek>(server.url, 'GET', '/api/duty/week?week=2026-11-30');
    expect(week.body.shifts).toHaveLength(3);
    // copying again would double every shift: refused as a whole, each clash reported
    const again = await api<{ error: { code: string; details: { clashes: CopyClash[] } } }>(server.url, 'POST', '/api/duty/weeks/copy', { week: '2026-11-30' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.clashes.map((c) => c.copy.person)).toEqual(['郑二', '卫六', '吴一']);
    expect((await api<DutyWeek>(server.url, 'GET', '/api/duty/week?week=2026-11-30')).body.shifts).toHaveLength(3); // nothing half-copied
    // a week with nothing before it has nothing to copy; observers may not copy
    expect((await api(server.url, 'POST', '/api/duty/weeks/copy', { week: '2026-11-02' })).status).toBe(409);
    expect((await api(server.url, 'POST', '/api/duty/weeks/copy', { week: '2026-12-07' }, { as: 'observer' })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/duty/weeks/copy', { week: 'monday' })).status).toBe(400);
  });

  it('hands over only to the same post, and never confirms by the one who wrote it', async () => {
    const day = (await plan('2026-11-25', '08:00', '20:00', '冯三')).body;
    const night = (await plan('2026-11-25', '20:00', '08:00', '陈四')).body;
    const driver = (await plan('2026-11-25', '20:00', '08:00', '褚五', 'driver')).body;
    expect((await api(server.url, 'POST', `/api/duty/shifts/${day.id}/check-in`)).status).toBe(200);
    const across = await api<{ error: { code: string; message: string } }>(server.url, 'POST', '/api/duty/handovers', {
      fromShiftId: day.id,
      toShiftId: driver.id,
      note: '交给驾驶员？',
    });
    expect(across.status).toBe(409);
    expect(across.body.error.message).toMatch(/one post/);
    const written = await api<DutyHandover>(server.url, 'POST', '/api/duty/handovers', {
      fromShiftId: day.id,
      toShiftId: night.id,
      note: '湖口县化工园区复查明早9点',
    });
    expect(written.status).toBe(201);
    const own = await api<{ error: { code: string; message: string } }>(server.url, 'POST', `/api/duty/handovers/${written.body.id}/confirm`);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/wrote/);
    expect((await api(server.url, 'POST', `/api/duty/handovers/${written.body.id}/confirm`, undefined, { as: 'observer' })).status).toBe(403);
    const confirmed = await api<DutyHandover>(server.url, 'POST', `/api/duty/handovers/${written.body.id}/confirm`, undefined, { as: 'leader' });
    expect(confirmed.status).toBe(200);
    // the confirmed handover stays in view, with both shifts and both people
    const recent = await api<{ items: DutyHandoverListed[] }>(server.url, 'GET', '/api/duty/handovers?limit=5', undefined, { as: 'observer' });
    expect(recent.body.items[0]).toMatchObject({
      id: written.body.id,
      status: 'confirmed',
      writtenBy: 'test-officer',
      confirmedBy: 'test-leader',
      from: { person: '冯三', role: 'officer' },
      to: { person: '陈四', status: 'on_post' },
    });
    expect((await api(server.url, 'GET', '/api/duty/handovers?limit=1000')).status).toBe(400);
  });
});
