import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Hazard, TipOffStatus } from '../../shared/hazards.ts';
import { socketAs, type TestIdentity } from '../support/accounts.ts';
import { databaseKinds } from '../support/databases.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

/** A contact no other record could hold by chance. */
const CONTACT = '13912345678 王女士';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

/** A raw screen that keeps every message the server sends it, as the wire carried it. */
async function listeningScreen(url: string, who: TestIdentity): Promise<{ socket: Socket; heard: () => string; seen: (text: string) => boolean }> {
  const socket = await socketAs(url, { reconnection: false }, who);
  const messages: string[] = [];
  socket.onAny((_event, ...args) => messages.push(JSON.stringify(args)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const heard = () => messages.join('\n');
  return { socket, heard, seen: (text) => heard().includes(text) };
}

describe.each(databaseKinds())('tip-offs (群众举报) on %s', (kind) => {
  let server: TestServer;
  /** A citizen's send, from their own address (behind the test's trusted proxy): each test's citizen has their own five an hour. */
  let citizen = 0;
  const send = async (body: object, from = `203.0.113.${citizen}`) => {
    const res = await fetch(`${server.url}/api/tip-offs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { reference: string; replyDueAt: string; error?: { code: string; message: string } } };
  };
  beforeEach(() => void citizen++);
  const ledger = async (as: TestIdentity) => (await api<{ items: Hazard[] }>(server.url, 'GET', '/api/hazards', undefined, { as })).body.items;
  const byReference = async (reference: string) => (await ledger('officer')).find((h) => h.tipOff?.reference === reference)!;

  beforeAll(async () => {
    server = await startTestServer(kind, { TRUST_PROXY: 'loopback' });
  });
  afterAll(() => server.close());

  it('keeps the contact off every wall and observer screen and out of the ledger they read, and gives it to a reviewer, audited', async () => {
    const wall = await listeningScreen(server.url, 'wall');
    const observer = await listeningScreen(server.url, 'observer');
    const officer = await listeningScreen(server.url, 'officer');
    try {
      const sent = await send({
        category: 'fire',
        district: '360483',
        address: '海会镇白鹿村后山',
        description: '山脚下有人烧荒，烟很大',
        contact: CONTACT,
        photo: PNG.toString('base64'),
      });
      expect(sent.status).toBe(201);
      expect(sent.body.reference).toMatch(/^JB-\d{8}-\d{4}-[A-HJ-NP-Z2-9]{4}$/);
      // every screen hears of the new tip-off — the officer's, the wall's, the observer's — and none of them its contact
      for (const screen of [wall, observer, officer]) await expect.poll(() => screen.seen(sent.body.reference), { timeout: 5000 }).toBe(true);
      for (const screen of [wall, observer, officer]) expect(screen.heard()).not.toContain('13912345678');
      // a fresh screen's snapshot neither
      const late = await listeningScreen(server.url, 'wall');
      await expect.poll(() => late.seen(sent.body.reference), { timeout: 5000 }).toBe(true);
      expect(late.heard()).not.toContain('13912345678');
      late.socket.close();

      for (const who of ['observer', 'wall', 'officer'] as const) expect(JSON.stringify(await ledger(who))).not.toContain('13912345678');
      const hazard = await byReference(sent.body.reference);
      expect(hazard).toMatchObject({ status: 'reported', source: 'public_tip_off', district: '360483', address: '海会镇白鹿村后山', riskPointId: null });
      expect(hazard.tipOff).toMatchObject({ category: 'fire', hasContact: true, hasPhoto: true, reply: null, replyDueAt: sent.body.replyDueAt });
      expect(hazard.description).not.toContain('139');

      // the reviewers read it (officer, leader, admin), each read in the audit log; an observer, a wall, nobody cannot
      const audits = async () =>
        (
          await api<{ items: { action: string; actor: string; entityId: string }[] }>(server.url, 'GET', '/api/audit?limit=10000', undefined, { as: 'admin' })
        ).body.items.filter((e) => e.action === 'tipOff.readContact' && e.entityId === hazard.id);
      for (const who of ['officer', 'leader', 'admin'] as const) {
        const read = await api<{ contact: string }>(server.url, 'GET', `/api/tip-offs/${hazard.id}/contact`, undefined, { as: who });
        expect(read.status).toBe(200);
        expect(read.body.contact).toBe(CONTACT);
      }
      expect((await audits()).map((e) => e.actor).sort()).toEqual(['test-admin', 'test-leader', 'test-officer']);
      for (const who of ['observer', 'wall', null] as const) {
        const refused = await api(server.url, 'GET', `/api/tip-offs/${hazard.id}/contact`, undefined, { as: who });
        expect(refused.status, String(who)).toBe(who === null ? 401 : 403);
        expect(JSON.stringify(refused.body)).not.toContain('13912345678');
      }
      expect(await audits()).toHaveLength(3);
      // the photo as it came, to reviewers only
      const photo = await api<string>(server.url, 'GET', `/api/tip-offs/${hazard.id}/photo`, undefined, { as: 'officer' });
      expect(photo.status).toBe(200);
      expect((await api(server.url, 'GET', `/api/tip-offs/${hazard.id}/photo`, undefined, { as: 'observer' })).status).toBe(403);

      // accepted, answered: still nothing of the contact on the wall or the observer's screen
      expect((await api(server.url, 'PATCH', `/api/hazards/${hazard.id}`, { status: 'found', grade: 'major', note: '核实属实' })).status).toBe(200);
      const replied = await api<Hazard>(server.url, 'POST', `/api/tip-offs/${hazard.id}/reply`, { text: '已转属地乡镇核查处理', channel: 'sms' });
      expect(replied.status).toBe(200);
      expect(replied.body.tipOff!.reply).toMatchObject({ text: '已转属地乡镇核查处理', channel: 'sms', by: 'test-officer' });
      expect(replied.body.grade).toBe('major');
      await expect.poll(() => wall.seen('已转属地乡镇核查处理'), { timeout: 5000 }).toBe(true);
      for (const screen of [wall, observer]) expect(screen.heard()).not.toContain('13912345678');
      // the audit log of the tip-off itself does not hold the contact either
      const entries = (await api<{ items: unknown[] }>(server.url, 'GET', '/api/audit?limit=10000', undefined, { as: 'admin' })).body.items;
      expect(JSON.stringify(entries)).not.toContain('13912345678');
    } finally {
      for (const screen of [wall, observer, officer]) screen.socket.close();
    }
  });

  it('refuses photos that are not JPEG, PNG or WebP by their bytes (415), and larger than 5 MB (413), saying why', async () => {
    const base = { category: 'other', district: '360402', description: '照片测试' };
    const svg = await send({ ...base, photo: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64') });
    expect(svg.status).toBe(415);
    expect(svg.body.error!.message).toMatch(/JPEG, PNG or WebP/);
    const big = await send({ ...base, photo: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]).toString('base64') });
    expect(big.status).toBe(413);
    expect(big.body.error!.message).toMatch(/at most 5 MB/);
    expect((await send({ ...base, photo: 'A'.repeat(12 * 1024 * 1024) })).status).toBe(413); // beyond the body limit itself
    expect((await send({ ...base, photo: '!!not base64!!' })).status).toBe(400);
    // nothing of these was filed
    expect((await ledger('officer')).filter((h) => h.description === '照片测试')).toHaveLength(0);
  });

  it('answers the follow-up page by reference: the status and the reply, never the contact or the notes', async () => {
    const sent = await send({ category: 'road_traffic', lon: 115.99, lat: 29.71, description: '路口红绿灯损坏', contact: CONTACT });
    expect(sent.status).toBe(201);
    const hazard = await byReference(sent.body.reference);
    expect(hazard.place).toEqual({ lon: 115.99, lat: 29.71 });
    const status = async () =>
      api<TipOffStatus & { error?: { code: string } }>(server.url, 'GET', `/api/tip-offs/status?ref=${sent.body.reference}`, undefined, { as: null });
    expect((await status()).body).toMatchObject({ reference: sent.body.reference, status: 'reported', category: 'road_traffic', reply: null, closedAt: null });
    for (const step of [
      { status: 'found', note: '内部备注：转交交警' },
      { status: 'notice', notice: { responsiblePerson: '李四', measures: '更换信号灯', deadline: new Date(Date.now() + 5 * 86400_000).toISOString() } },
      { status: 'rectifying' },
      { status: 'submitted' },
      { status: 'reinspection' },
    ])
      expect((await api(server.url, 'PATCH', `/api/hazards/${hazard.id}`, step)).status).toBe(200);
    // 销号 is the leader's
    const byOfficer = await api<{ error: { code: string; message: string } }>(server.url, 'PATCH', `/api/hazards/${hazard.id}`, { status: 'closed' });
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.error.message).toMatch(/leader on duty/);
    expect((await api(server.url, 'PATCH', `/api/hazards/${hazard.id}`, { status: 'closed', note: '复查合格' }, { as: 'leader' })).status).toBe(200);
    await api(server.url, 'POST', `/api/tip-offs/${hazard.id}/reply`, { text: '信号灯已修复', channel: 'phone' });
    const closed = await status();
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', reply: { text: '信号灯已修复' } });
    expect(closed.body.closedAt).not.toBeNull();
    expect(JSON.stringify(closed.body)).not.toMatch(/13912345678|内部备注|test-officer|test-leader|李四/);
    // answered once; an unknown or malformed reference is refused plainly
    expect((await api(server.url, 'POST', `/api/tip-offs/${hazard.id}/reply`, { text: '再答复', channel: 'phone' })).status).toBe(409);
    expect((await api(server.url, 'GET', '/api/tip-offs/status?ref=JB-19990101-0001-AAAA', undefined, { as: null })).status).toBe(404);
    expect((await api(server.url, 'GET', `/api/tip-offs/status?ref=${hazard.id}`, undefined, { as: null })).status).toBe(400);
    // a hazard that no citizen told has no reporter to read or answer
    expect((await api(server.url, 'GET', '/api/tip-offs/hz-none/contact')).status).toBe(404);
  });

  it('numbers the day’s tip-offs one after another, and refuses the sixth within the hour', async () => {
    const refs = (await ledger('officer')).flatMap((h) => (h.tipOff ? [h.tipOff.reference] : [])).sort();
    expect(refs).toHaveLength(2);
    expect(refs.map((r) => r.slice(12, 16))).toEqual(['0001', '0002']);
    expect(refs[0]!.slice(0, 12)).toBe(refs[1]!.slice(0, 12));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send({ district: '360402', description: `举报${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const today = (await ledger('officer')).flatMap((h) => (h.tipOff ? [h.tipOff.reference] : [])).sort();
    expect(today.at(-1)!.slice(12, 16)).toBe('0007');
    expect(new Set(today).size).toBe(7);
  });
});
