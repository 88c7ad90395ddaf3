import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/changes.ts';
import type { DutyShift } from '../../shared/duty.ts';
import type { Ack } from '../../shared/errors.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { Delivery, Notification } from '../../shared/notifications.ts';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { escalateOverdueAlerts, reportFireAlert } from '../../server/fire-alerts/service.ts';
import { listNotifications } from '../../server/notifications/repository.ts';
import { signatureOf } from '../../server/notifications/channels/webhook.ts';
import { createTestAccounts, socketAs, testUsername } from '../support/accounts.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LUSHAN = { lon: 115.97, lat: 29.55 };
const SECRET = 'a-webhook-secret-for-tests';
const LEADER_PHONE = '13907920001';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A real HTTP receiver on a free port: answers each request with the next status of `statuses` (the last one repeats), or never (`hang`). */
async function receiver(statuses: number[] | 'hang'): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body, at: Date.now() });
      if (statuses === 'hang') return void hanging.push(res);
      const status = statuses[Math.min(got.length - 1, statuses.length - 1)]!;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? '{"ok":true}' : '{"error":"gateway busy"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () =>
      new Promise<void>((resolve) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const notificationChanges = (changes: Change[]) => changes.filter((c) => c.entity === 'notification');

describe.each(databaseKinds())('escalation reaches the leader on duty (%s)', (kind) => {
  let server: TestServer;
  let webhook: Awaited<ReturnType<typeof receiver>>;
  let sms: Awaited<ReturnType<typeof receiver>>;
  let now = Date.parse('2026-11-23T02:00:00.000Z');
  const seen = { wall: [] as Change[], observer: [] as Change[], officer: [] as Change[] };
  const sockets: { close(): void }[] = [];

  beforeAll(async () => {
    webhook = await receiver([500, 200]); // the first send fails, the retry is taken
    sms = await receiver([200]);
    server = await startTestServer(
      kind,
      {
        FIRE_ALERT_ESCALATE_AFTER_S: '300',
        NOTIFY_WEBHOOK_URL: webhook.url,
        NOTIFY_WEBHOOK_SECRET: SECRET,
        SMS_GATEWAY_URL: sms.url,
        SMS_GATEWAY_TOKEN: 'sms-token',
        NOTIFY_RETRY_MS: '50',
        NOTIFY_TIMEOUT_MS: '2000',
      },
      () => new Date(now),
    );
    // the leader on the roster now is the test leader account, by display name (测试leader)
    const shift = await api<DutyShift>(server.url, 'POST', '/api/duty/shifts', {
      date: '2026-11-23',
      startsAt: new Date(now - HOUR).toISOString(),
      endsAt: new Date(now + 8 * HOUR).toISOString(),
      role: 'leader',
      person: '测试leader',
      phone: LEADER_PHONE,
    });
    expect(shift.status).toBe(201);
    for (const who of ['wall', 'observer', 'officer'] as const) {
      const socket = await socketAs(server.url, {}, who);
      socket.on('changes', (changes: Change[]) => seen[who].push(...changes));
      await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
      sockets.push(socket);
    }
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await server.close();
    await webhook.close();
    await sms.close();
  });

  it('sends the escalation to the leader by screen, webhook and SMS; a failing webhook is retried and the log says so', async () => {
    const alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'watchtower', description: '庐山西麓冒烟' })).body;
    now += 5 * MINUTE + 1000;
    expect((await escalateOverdueAlerts(server.app.deps)).map((a) => a.id)).toEqual([alert.id]);

    const list = async () => (await api<{ items: Notification[] }>(server.url, 'GET', '/api/notifications')).body.items;
    const [notification] = await list();
    expect(notification).toMatchObject({ rule: 'on_duty', alert: { id: alert.id, district: alert.district, description: '庐山西麓冒烟' } });
    expect(notification!.recipients).toEqual([expect.objectContaining({ username: testUsername('leader'), displayName: '测试leader', phone: LEADER_PHONE })]);
    expect(notification!.deliveries.map((d) => d.channel)).toEqual(['screen', 'webhook', 'sms']);

    const delivered = await until('the webhook retried and delivered, the SMS delivered', async () => {
      const n = (await list())[0]!;
      const by = (c: string) => n.deliveries.find((d) => d.channel === c)!;
      return by('webhook').state === 'delivered' && by('sms').state === 'delivered' ? n : undefined;
    });
    const hook = delivered.deliveries.find((d) => d.channel === 'webhook')!;
    expect(hook).toMatchObject({ attempts: 2, lastError: expect.stringContaining('HTTP 500') });
    expect(delivered.deliveries.find((d) => d.channel === 'sms')).toMatchObject({ attempts: 1, lastError: null });
    expect(delivered.deliveries.find((d) => d.channel === 'screen')).toMatchObject({ state: 'pending' }); // no desk has it yet

    // the receivers got what was promised: the alert, the recipients, a valid signature; the phone and text
    expect(webhook.got).toHaveLength(2);
    for (const request of webhook.got) {
      expect(request.headers['x-onemap-signature']).toBe(signatureOf(SECRET, request.body));
      expect(request.headers['x-onemap-delivery']).toBe(hook.id);
      const body = JSON.parse(request.body);
      expect(body).toMatchObject({ event: 'fireAlert.escalated', alert: { id: alert.id }, recipients: [{ username: testUsername('leader') }] });
    }
    expect(webhook.got[1]!.at - webhook.got[0]!.at).toBeGreaterThanOrEqual(40); // backed off before the retry
    expect(sms.got).toHaveLength(1);
    expect(sms.got[0]!.headers.authorization).toBe('Bearer sms-token');
    const text = JSON.parse(sms.got[0]!.body) as { phone: string; text: string };
    expect(text.phone).toBe(LEADER_PHONE);
    expect(text.text).toContain('超时未接警');

    // the desks of those who act saw the webhook fail, then be delivered, live
    await until('the officer screen to see the delivery', () =>
      notificationChanges(seen.officer).some((c) => c.op === 'upsert' && c.data.deliveries.some((d) => d.channel === 'webhook' && d.state === 'delivered'))
        ? true
        : undefined,
    );
    const webhookStates = notificationChanges(seen.officer).flatMap((c) =>
      c.op === 'upsert' ? c.data.deliveries.filter((d) => d.channel === 'webhook').map((d) => d.state) : [],
    );
    expect(dedupe(webhookStates)).toEqual(['pending', 'failed', 'delivered']);
  });

  it('marks the leader’s screen delivery received and read, by the leader only', async () => {
    const [n] = (await api<{ items: Notification[] }>(server.url, 'GET', '/api/notifications')).body.items;
    const officer = await api<{ error: { code: string } }>(server.url, 'POST', `/api/notifications/${n!.id}/acknowledge`);
    expect(officer.status).toBe(403);
    const received = await api<Notification>(server.url, 'POST', `/api/notifications/${n!.id}/received`, undefined, { as: 'leader' });
    expect(screenOf(received.body)).toMatchObject({ state: 'delivered' });
    const read = await api<Notification>(server.url, 'POST', `/api/notifications/${n!.id}/acknowledge`, undefined, { as: 'leader' });
    expect(screenOf(read.body)).toMatchObject({ state: 'read', readAt: new Date(now).toISOString() });
    const again = await api<Notification>(server.url, 'POST', `/api/notifications/${n!.id}/acknowledge`, undefined, { as: 'leader' });
    expect(again.status).toBe(200);
    expect((await api(server.url, 'POST', '/api/notifications/ntf-none/acknowledge', undefined, { as: 'leader' })).status).toBe(404);
  });

  it('never gives a notification to the wall or an observer: not live, not on resume, not over HTTP', async () => {
    await until('the officer to hear the read', () =>
      notificationChanges(seen.officer).some((c) => screenOf(c.data as Notification)?.state === 'read') ? true : undefined,
    );
    expect(seen.wall.some((c) => c.entity === 'fireAlert' && c.op === 'upsert' && c.data.escalatedAt !== null)).toBe(true); // it is live
    expect(notificationChanges(seen.wall)).toEqual([]);
    expect(notificationChanges(seen.observer)).toEqual([]);
    for (const who of ['wall', 'observer'] as const) {
      const socket = await socketAs(server.url, { auth: { lastSeq: 0 } }, who);
      const resumed: Change[] = [];
      socket.on('changes', (changes: Change[]) => resumed.push(...changes));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const ack = await new Promise<Ack<{ mode: string; seq: number }>>((resolve) => socket.emit('resume', { lastSeq: 0 }, resolve));
      expect(ack).toMatchObject({ ok: true, data: { mode: 'changes' } });
      expect(resumed.length).toBeGreaterThan(0);
      expect(notificationChanges(resumed)).toEqual([]);
      // the stream says what it left out, so the screen does not take it for a gap
      expect(resumed.at(-1)!.prevSeq).toBeDefined();
      socket.close();
      expect((await api(server.url, 'GET', '/api/notifications', undefined, { as: who })).status).toBe(403);
    }
  });
});

describe('a receiver that never answers', () => {
  let server: TestServer;
  let silent: Awaited<ReturnType<typeof receiver>>;
  let now = Date.parse('2026-11-23T02:00:00.000Z');
  beforeAll(async () => {
    silent = await receiver('hang');
    server = await startTestServer(
      'sqlite',
      {
        FIRE_ALERT_ESCALATE_AFTER_S: '300',
        NOTIFY_WEBHOOK_URL: silent.url,
        // the SMS gateway is configured, but a leader chosen without a shift has no phone to text
        SMS_GATEWAY_URL: silent.url,
        SMS_GATEWAY_TOKEN: 't',
        NOTIFY_TIMEOUT_MS: '800',
        NOTIFY_ATTEMPTS: '2',
        NOTIFY_RETRY_MS: '50',
      },
      () => new Date(now),
    );
  });
  afterAll(async () => {
    await server.close();
    await silent.close();
  });

  it('times out, is tried again and given up, and holds up no other write meanwhile', async () => {
    const alert = (await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description: '无人应答' })).body;
    now += 5 * MINUTE + 1000;
    await escalateOverdueAlerts(server.app.deps);
    await until('the webhook to be called', () => (silent.got.length > 0 ? true : undefined));
    // while the receiver hangs, the officers' writes go through at once
    const started = Date.now();
    const other = await api<FireAlert>(server.url, 'POST', '/api/fire-alerts', { ...LUSHAN, source: 'patrol', description: '另一起' });
    expect(other.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(500);

    const given = await until(
      'the webhook delivery to give up',
      async () => {
        const [n] = (await api<{ items: Notification[] }>(server.url, 'GET', '/api/notifications')).body.items;
        const d = n?.deliveries.find((x) => x.channel === 'webhook');
        return d?.state === 'failed' && d.nextAttemptAt === null ? d : undefined;
      },
      10_000,
    );
    expect(given).toMatchObject({ attempts: 2, lastError: 'no answer within 800 ms' });
    expect(silent.got).toHaveLength(2);
    expect(JSON.parse(silent.got[0]!.body).alert.id).toBe(alert.id);
  });

  it('says which rule chose the recipients when no leader is on the roster: every enabled leader account', async () => {
    const [n] = (await api<{ items: Notification[] }>(server.url, 'GET', '/api/notifications')).body.items;
    expect(n).toMatchObject({ rule: 'all_leaders', recipients: [{ username: testUsername('leader'), phone: null, shiftId: null }] });
    // no phone: the SMS is failed at once, saying why, and never sent or retried
    expect(n!.deliveries.find((d) => d.channel === 'sms')).toMatchObject({
      state: 'failed',
      attempts: 0,
      nextAttemptAt: null,
      lastError: expect.stringContaining('值班表'),
    });
    expect(silent.got.every((r) => r.headers['x-onemap-delivery'] !== undefined)).toBe(true); // only the webhook was called
  });
});

describe('sends still owed when the server stops', () => {
  it('are picked up by the next start, at their due time', async () => {
    let status = 503;
    const got: string[] = [];
    const flaky = http.createServer((req, res) => {
      got.push(req.url ?? '');
      req.resume();
      res.writeHead(status).end();
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/hook`;
    const database = await freshDatabase('sqlite');
    let now = Date.parse('2026-11-23T02:00:00.000Z');
    const clock = () => new Date(now);
    const config = loadConfig({
      ...database.env,
      FIRE_ALERT_ESCALATE_AFTER_S: '300',
      NOTIFY_WEBHOOK_URL: url,
      NOTIFY_RETRY_MS: '60000',
      PUSH_INTERVAL_MS: '10',
    });
    const log = pino({ level: 'silent' });
    const first = await createApp(config, { log, clock });
    try {
      await createTestAccounts(first.deps);
      await reportFireAlert(first.deps, { ...LUSHAN, source: 'patrol', description: '重启前' }, { name: 'test', role: 'system' });
      now += 5 * MINUTE + 1000;
      await escalateOverdueAlerts(first.deps);
      await until('the first attempt to fail', async () => {
        const [n] = await listNotifications(first.deps.store.db, 1);
        return n?.deliveries.find((d) => d.channel === 'webhook')?.state === 'failed' ? true : undefined;
      });
    } finally {
      await first.close();
    }
    expect(got).toHaveLength(1);
    status = 200;
    now += MINUTE + 1000; // the retry is due
    const second = await createApp(config, { log, clock });
    try {
      const hook = await until('the owed send to be delivered after the restart', async () => {
        const [n] = await listNotifications(second.deps.store.db, 1);
        const d = n?.deliveries.find((x) => x.channel === 'webhook');
        return d?.state === 'delivered' ? d : undefined;
      });
      expect(hook).toMatchObject({ attempts: 2, lastError: 'HTTP 503' });
      expect(got).toHaveLength(2);
    } finally {
      await second.close();
      await database.drop();
      await new Promise<void>((resolve) => flaky.close(() => resolve()));
    }
  });
});

const screenOf = (n: Notification): Delivery | undefined => n.deliveries.find((d) => d.channel === 'screen');
const dedupe = <T>(xs: T[]) => xs.filter((x, i) => i === 0 || xs[i - 1] !== x);
