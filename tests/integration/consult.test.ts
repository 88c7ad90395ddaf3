import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, ConsultRecord, MapView, RoomState } from '../../shared/consult.ts';
import type { Ack } from '../../shared/errors.ts';
import { sessionCookie, socketAs, type TestIdentity } from '../support/accounts.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const VIEW: MapView = {
  center: [115.97, 29.55],
  zoom: 11,
  bearing: 20,
  pitch: 30,
  layers: { riskPoints: true, fireAlerts: true, warnings: false },
  selected: null,
};
const RING = { kind: 'circle', center: [115.1, 29.26], radiusKm: 5, label: '疏散范围', color: '#ff3b30' } as const;

/** The next time a socket hears an event. */
const next = <T>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve));
const command = async <T>(socket: Socket, event: string, payload: unknown = {}) => (await socket.timeout(5000).emitWithAck(event, payload)) as Ack<T>;
const data = <T>(ack: Ack<T>) => {
  if (!ack.ok) throw new Error(`refused: ${ack.error.message}`);
  return ack.data;
};

describe('consultation rooms', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  const connect = async (who: TestIdentity) => {
    const socket = await socketAs(server.url, {}, who);
    sockets.push(socket);
    await next(socket, 'connect');
    return socket;
  };
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server.close();
  });

  it('makes the first to join the presenter, relays only the presenter’s view, and shares annotations', async () => {
    const [leader, field] = [await connect('leader'), await connect('officer')];
    const first = data(
      await command<{ you: string; state: RoomState; iceServers: unknown[] }>(leader, 'consult:join', { room: 'fire-wuning', incidentId: 'inc-1' }),
    );
    expect(first.state.presenter).toBe(first.you);
    expect(first.iceServers).toEqual([]);
    const joined = next<RoomState>(leader, 'consult:state');
    const second = data(await command<{ you: string; state: RoomState }>(field, 'consult:join', { room: 'fire-wuning' }));
    expect((await joined).participants.map((p) => p.name)).toEqual(['test-leader', 'test-officer']);
    expect(second.state.presenter).toBe(first.you);

    const seen = next<MapView>(field, 'consult:view');
    data(await command(leader, 'consult:view', VIEW));
    expect(await seen).toEqual(VIEW);
    const refused = await command(field, 'consult:view', VIEW);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const heard = [next<Annotation>(leader, 'consult:annotation'), next<Annotation>(field, 'consult:annotation')];
    const ring = data(await command<Annotation>(field, 'consult:annotate', RING));
    expect(ring).toMatchObject({ ...RING, author: 'test-officer' });
    expect(await Promise.all(heard)).toEqual([ring, ring]);
    expect(await command(field, 'consult:annotate', { ...RING, radiusKm: -1 })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('hands control over on request, relays WebRTC signals, and passes control on when the presenter leaves', async () => {
    const [leader, field] = sockets as [Socket, Socket];
    const asked = data(await command<RoomState>(field, 'consult:request-control'));
    expect(asked.requests).toEqual([field.id]);
    const handed = data(await command<RoomState>(leader, 'consult:hand-over', { to: field.id }));
    expect(handed).toMatchObject({ presenter: field.id, requests: [] });
    expect(await command(leader, 'consult:hand-over', { to: leader.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const signal = next<{ from: string; description: { type: string } }>(field, 'consult:signal');
    data(await command(leader, 'consult:signal', { to: field.id, description: { type: 'offer', sdp: 'v=0' } }));
    expect(await signal).toMatchObject({ from: leader.id, description: { type: 'offer', sdp: 'v=0' } });

    const later = await connect('observer');
    data(await command(later, 'consult:join', { room: 'fire-wuning' }));
    expect(data(await command<RoomState>(later, 'consult:request-control')).requests).toEqual([later.id]);
    const passed = next<RoomState>(leader, 'consult:state');
    field.disconnect(); // the presenter's link goes: the one who asked takes over
    expect((await passed).presenter).toBe(later.id);
  });

  it('keeps the session’s record: joins, leaves, hand-overs and annotations, as JSON and as a readable summary', async () => {
    const record = (await api<ConsultRecord>(server.url, 'GET', '/api/consult/fire-wuning/record')).body;
    expect(record.session).toMatchObject({ room: 'fire-wuning', incidentId: 'inc-1', closedAt: null });
    expect(record.events.map((e) => e.kind)).toEqual(['join', 'join', 'annotation', 'handover', 'join', 'leave', 'handover']);
    expect(record.annotations).toEqual([expect.objectContaining({ kind: 'circle', radiusKm: 5, label: '疏散范围' })]);
    const text = await (
      await fetch(`${server.url}/api/consult/fire-wuning/record?format=text`, { headers: { cookie: await sessionCookie(server.url, 'observer') } })
    ).text();
    expect(text).toContain('视频会商记录 · 会商室 fire-wuning');
    expect(text).toContain('test-leader 加入');
    expect(text).toContain('主持权交给 test-officer（由 test-leader 移交）');
    expect(text).toContain('范围圈「疏散范围」，半径 5 km');
    expect(text).toContain('（主持人离开）');
  });

  it('closes the session when the last leaves; a wall display cannot take part', async () => {
    for (const s of sockets) data(await command(s.connected ? s : await connect('leader'), 'consult:leave'));
    await expect.poll(async () => (await api<ConsultRecord>(server.url, 'GET', '/api/consult/fire-wuning/record')).body.session.closedAt).not.toBeNull();
    const wall = await connect('wall');
    expect(await command(wall, 'consult:join', { room: 'fire-wuning' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await api(server.url, 'GET', '/api/consult/nowhere/record')).status).toBe(404);
  });

  it('lets those who may act read a record, an observer only one they took part in, a wall never', async () => {
    expect((await api(server.url, 'GET', '/api/consult/fire-wuning/record', undefined, { as: 'leader' })).status).toBe(200);
    // test-observer joined fire-wuning above
    expect((await api(server.url, 'GET', '/api/consult/fire-wuning/record', undefined, { as: 'observer' })).status).toBe(200);
    expect((await api(server.url, 'GET', '/api/consult/fire-wuning/record', undefined, { as: 'wall' })).status).toBe(403);
    const [leader] = [await connect('leader')];
    data(await command(leader, 'consult:join', { room: 'flood-yongxiu' }));
    data(await command(leader, 'consult:leave'));
    expect((await api(server.url, 'GET', '/api/consult/flood-yongxiu/record', undefined, { as: 'officer' })).status).toBe(200);
    expect((await api(server.url, 'GET', '/api/consult/flood-yongxiu/record', undefined, { as: 'observer' })).status).toBe(403);
  });
});
