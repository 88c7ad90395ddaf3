import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutyHandover, DutyLogEntry, DutyShift } from '../../shared/duty.ts';
import { sessionCookie } from '../support/accounts.ts';
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
