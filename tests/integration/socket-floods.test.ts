import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Snapshot } from '../../shared/changes.ts';
import { ROOM_LIMITS, type RoomState } from '../../shared/consult.ts';
import type { Ack } from '../../shared/errors.ts';
import { createRiskPoint } from '../../server/risk-points/service.ts';
import { reportFireAlert } from '../../server/fire-alerts/service.ts';
import { readSnapshot } from '../../server/snapshot/read.ts';
import { MAX_CONNECTIONS_PER_SESSION } from '../../server/realtime/connection.ts';
import { signInCookie } from '../support/accounts.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { watchHealth } from '../support/health-watch.ts';
import { type ServerProcess, spawnServer } from '../support/process.ts';
import { api, startTestServer, type TestServer } from '../support/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Risk points imported first: every resume from seq 0 then reads and sends 10,000 changes. */
const LEDGER_POINTS = 10_000;
const RESUMES = 200;
const CONNECTION_ATTEMPTS = 500;
/** An officer's write is answered this fast however hard an observer pulls. */
const WRITE_DEADLINE_MS = 1000;
const HEALTH_DEADLINE_MS = 2000;
/**
 * The server process stays under this resident size through every flood: some 150 MB at rest with the
 * ledger loaded; one resume in flight per socket and 20 sockets per session keep the floods from multiplying it.
 */
const MAX_RSS_MB = 600;
/** A media toggle's broadcast carries the room's people, not its drawings. */
const MAX_STATE_BROADCAST_BYTES = 10_000;

const command = async <T>(socket: Socket, event: string, payload: unknown = {}, timeoutMs = 30_000) =>
  (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
const codeOf = (ack: Ack<unknown>) => (ack.ok ? 'ok' : ack.error.code);
const tally = (codes: string[]) => codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

/** A socket.io-client on that session, connected or refused: resolves with the refusal's message, if any. */
function connectOn(url: string, cookie: string, auth: object = {}): Promise<{ socket: Socket; refusal: string | null }> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie }, auth, timeout: 20_000 });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, refusal: null }));
    socket.once('connect_error', (err) => resolve({ socket, refusal: err.message }));
  });
}

/**
 * Connection attempts made from a process of their own, so that the health probes time the server's event
 * loop rather than this one's, busy with hundreds of clients. Says how the attempts went (connected, or the
 * refusal), and keeps the connections open until `close`.
 */
async function connectionFlood(url: string, cookie: string, attempts: number): Promise<{ outcomes: Record<string, number>; close(): Promise<void> }> {
  const script = `
    import { io } from 'socket.io-client';
    const { FLOOD_URL: url, FLOOD_COOKIE: cookie, FLOOD_ATTEMPTS: attempts } = process.env;
    const sockets = await Promise.all(Array.from({ length: Number(attempts) }, () => new Promise((resolve) => {
      const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie }, timeout: 20000 });
      socket.once('connect', () => resolve([socket, 'connected']));
      socket.once('connect_error', (err) => resolve([socket, err.message.split(':')[0]]));
    })));
    const outcomes = {};
    for (const [, outcome] of sockets) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    process.stdout.write(JSON.stringify(outcomes) + '\\n');
    process.stdin.once('data', () => { sockets.forEach(([socket]) => socket.close()); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, FLOOD_URL: url, FLOOD_COOKIE: cookie, FLOOD_ATTEMPTS: String(attempts) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const [line] = (await once(readline.createInterface({ input: child.stdout! }), 'line')) as [string];
  return {
    outcomes: JSON.parse(line) as Record<string, number>,
    async close() {
      child.stdin!.write('close\n');
      await exited;
    },
  };
}

/** A ledger of risk points spread over 湖口县 and 庐山市, as CSV. */
function ledgerCsv(points: number): string {
  const rows = Array.from(
    { length: points },
    (_, i) => `FLOOD-${i},洪水演练风险点${i},燃气,低,${(115.95 + (i % 100) / 2000).toFixed(4)},${(29.55 + Math.floor(i / 100) / 5000).toFixed(4)}`,
  );
  return ['编号,名称,类别,风险等级,经度,纬度', ...rows].join('\n');
}

describe('the live socket layer under floods, the server in its own process', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let officer: string;
  let observer: string;
  let observerSocket: Socket;
  const figures: Record<string, number | null> = {};

  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    server = await spawnServer({ ...database.env, WRITE_RATE_LIMIT_PER_MIN: '100000' });
    // a first run without demo data prints a one-time admin password: replace it, then make the two people
    const admin = await signInCookie(server.url, '/api/auth/login', { username: 'admin', password: server.firstRunPassword });
    expect(
      (await api(server.url, 'POST', '/api/auth/password', { currentPassword: server.firstRunPassword, newPassword: '九江应急-值班-2026' }, { cookie: admin }))
        .status,
    ).toBe(204);
    const person = async (username: string, role: 'officer' | 'observer') => {
      const temporaryPassword = `${username}-temporary-1`;
      expect((await api(server.url, 'POST', '/api/accounts', { username, displayName: username, role, temporaryPassword }, { cookie: admin })).status).toBe(
        201,
      );
      const cookie = await signInCookie(server.url, '/api/auth/login', { username, password: temporaryPassword });
      expect(
        (await api(server.url, 'POST', '/api/auth/password', { currentPassword: temporaryPassword, newPassword: `${username}-演练密码-2026` }, { cookie }))
          .status,
      ).toBe(204);
      return cookie;
    };
    officer = await person('flood.officer', 'officer');
    observer = await person('flood.observer', 'observer');
    const imported = await fetch(`${server.url}/api/import/ledger/risk-points`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: officer },
      body: ledgerCsv(LEDGER_POINTS),
    });
    expect(await imported.json()).toMatchObject({ created: LEDGER_POINTS });
  });
  afterAll(async () => {
    observerSocket?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    await database?.drop();
    console.log('socket floods:', JSON.stringify(figures));
  });

  it(`answers an officer's writes within ${WRITE_DEADLINE_MS} ms while one observer socket asks ${RESUMES} resumes at once`, async () => {
    const { seq } = (await api<{ seq: number }>(server.url, 'GET', '/api/health', undefined, { as: null })).body;
    // a screen that says what it holds gets no snapshot: only what it asks for
    const connected = await connectOn(server.url, observer, { lastSeq: seq });
    expect(connected.refusal).toBeNull();
    observerSocket = connected.socket;
    let changesReceived = 0;
    observerSocket.on('changes', (changes: Change[]) => (changesReceived += changes.length));
    const watch = watchHealth(server.url, { pid: server.child.pid, everyMs: 50, deadlineMs: HEALTH_DEADLINE_MS });
    const resumes = Array.from({ length: RESUMES }, () => command(observerSocket, 'resume', { lastSeq: 0 }));
    const writeMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const { status } = await api(
        server.url,
        'POST',
        '/api/fire-alerts',
        { lon: 115.97, lat: 29.55, source: 'patrol', description: `演练 ${i}` },
        { cookie: officer },
      );
      writeMs.push(performance.now() - started);
      expect(status).toBe(201);
    }
    const answers = tally((await Promise.all(resumes)).map(codeOf));
    const health = await watch.stop();
    Object.assign(figures, {
      resumeSlowestWriteMs: Math.round(Math.max(...writeMs)),
      resumeSlowestHealthMs: Math.round(health.slowestMs),
      resumeAnswered: answers.ok ?? 0,
      resumeRefused: answers.rate_limited ?? 0,
    });
    console.log(
      `${RESUMES} resumes: ${JSON.stringify(answers)}; officer writes ${writeMs.map(Math.round).join(', ')} ms; health slowest ${Math.round(health.slowestMs)} ms; peak RSS ${health.peakRssMb?.toFixed(0)} MB`,
    );
    expect(Math.max(...writeMs)).toBeLessThan(WRITE_DEADLINE_MS);
    // one at a time per socket: the first is carried out, those asked while it ran are refused at once
    expect(answers.ok).toBeGreaterThanOrEqual(1);
    expect(answers.rate_limited).toBeGreaterThanOrEqual(RESUMES * 0.9);
    expect((answers.ok ?? 0) + (answers.rate_limited ?? 0)).toBe(RESUMES);
    expect(changesReceived).toBeGreaterThanOrEqual(LEDGER_POINTS);
    expect(health.probes).toBeGreaterThan(0);
    expect(health.failures).toBe(0);
    expect(health.slowestMs).toBeLessThan(HEALTH_DEADLINE_MS);
    expect(health.peakRssMb ?? 0).toBeLessThan(MAX_RSS_MB);
    figures.peakRssMb = Math.round(Math.max(figures.peakRssMb ?? 0, health.peakRssMb ?? 0));
  });

  it(`holds ${MAX_CONNECTIONS_PER_SESSION} connections of one session and refuses the rest of ${CONNECTION_ATTEMPTS} attempts, answering health throughout`, async () => {
    const watch = watchHealth(server.url, { pid: server.child.pid, everyMs: 50, deadlineMs: HEALTH_DEADLINE_MS });
    const started = performance.now();
    const flood = await connectionFlood(server.url, observer, CONNECTION_ATTEMPTS);
    const tookMs = performance.now() - started;
    const refusals = flood.outcomes;
    // a write still goes through at once
    const writeStarted = performance.now();
    expect(
      (await api(server.url, 'POST', '/api/fire-alerts', { lon: 115.97, lat: 29.55, source: 'patrol', description: '连接洪水中' }, { cookie: officer })).status,
    ).toBe(201);
    const writeMs = performance.now() - writeStarted;
    await flood.close();
    const health = await watch.stop();
    Object.assign(figures, {
      connectionsHeld: refusals.connected ?? 0,
      connectionsRefused: refusals['too many connections'] ?? 0,
      connectSlowestHealthMs: Math.round(health.slowestMs),
      connectWriteMs: Math.round(writeMs),
    });
    console.log(
      `${CONNECTION_ATTEMPTS} connection attempts in ${Math.round(tookMs)} ms: ${JSON.stringify(refusals)}; a write during them ${Math.round(writeMs)} ms; health slowest ${Math.round(health.slowestMs)} ms; peak RSS ${health.peakRssMb?.toFixed(0)} MB`,
    );
    // the observer's socket from the resumes holds one place
    expect(refusals.connected).toBe(MAX_CONNECTIONS_PER_SESSION - 1);
    expect(refusals['too many connections']).toBe(CONNECTION_ATTEMPTS - MAX_CONNECTIONS_PER_SESSION + 1);
    expect(writeMs).toBeLessThan(WRITE_DEADLINE_MS);
    expect(health.probes).toBeGreaterThan(0);
    expect(health.failures).toBe(0);
    expect(health.slowestMs).toBeLessThan(HEALTH_DEADLINE_MS);
    expect(health.peakRssMb ?? 0).toBeLessThan(MAX_RSS_MB);
    figures.peakRssMb = Math.round(Math.max(figures.peakRssMb ?? 0, health.peakRssMb ?? 0));
    // the places come back when the connections close
    await expect
      .poll(
        async () => {
          const again = await connectOn(server.url, observer, { lastSeq: 0 });
          again.socket.close();
          return again.refusal;
        },
        { timeout: 5000 },
      )
      .toBeNull();
  });

  it('keeps a flooded consultation room within its bounds, and a media toggle small', async () => {
    const watch = watchHealth(server.url, { pid: server.child.pid, everyMs: 50, deadlineMs: HEALTH_DEADLINE_MS });
    const ring = (points: number, at = 0) => ({
      kind: 'polygon',
      ring: Array.from({ length: points }, (_, i) => [
        115.9 + Math.cos((i / points) * 2 * Math.PI) / 50 + at / 1e4,
        29.5 + Math.sin((i / points) * 2 * Math.PI) / 50,
      ]),
      label: '洪水演练',
      color: '#ff3b30',
    });
    const flood = async (room: string, count: number, draft: (i: number) => object) => {
      expect(codeOf(await command(observerSocket, 'consult:join', { room }))).toBe('ok');
      return tally(await Promise.all(Array.from({ length: count }, (_, i) => command(observerSocket, 'consult:annotate', draft(i)).then(codeOf))));
    };
    // small drawings: the room's count of them runs out
    const markers = await flood('flood-markers', 300, (i) => ({ kind: 'marker', point: [115.9 + i / 1e4, 29.5], label: `点${i}`, color: '#ffcc00' }));
    expect(markers).toEqual({ ok: ROOM_LIMITS.annotations, payload_too_large: 300 - ROOM_LIMITS.annotations });
    // drawings as large as one may be: the room's points run out first; one larger is refused as it comes
    const large = await flood('flood-drill', 250, (i) => ring(ROOM_LIMITS.verticesPerAnnotation, i));
    const fit = ROOM_LIMITS.vertices / ROOM_LIMITS.verticesPerAnnotation;
    expect(large).toEqual({ ok: fit, payload_too_large: 250 - fit });
    expect(codeOf(await command(observerSocket, 'consult:annotate', ring(ROOM_LIMITS.verticesPerAnnotation + 1)))).toBe('validation_failed');

    // one who joins gets every drawing once; a camera switched on after that costs a message of the people
    const second = await connectOn(server.url, officer, { lastSeq: 0 });
    const joined = await command<{ state: RoomState }>(second.socket, 'consult:join', { room: 'flood-drill' });
    if (!joined.ok) throw new Error(joined.error.message);
    const joinBytes = JSON.stringify(joined.data).length;
    expect(joined.data.state.annotations).toHaveLength(fit);
    const broadcastBytes: number[] = [];
    second.socket.on('consult:state', (state: RoomState) => broadcastBytes.push(JSON.stringify(state).length));
    for (let i = 0; i < 20; i++) expect(codeOf(await command(observerSocket, 'consult:media', { audio: i % 2 === 0, video: true }))).toBe('ok');
    await expect.poll(() => broadcastBytes.length).toBe(20);
    second.socket.close();
    const record = await api<{ annotations: unknown[] }>(server.url, 'GET', '/api/consult/flood-drill/record', undefined, { cookie: officer });
    const health = await watch.stop();
    Object.assign(figures, { roomJoinBytes: joinBytes, roomBroadcastMaxBytes: Math.max(...broadcastBytes), roomSlowestHealthMs: Math.round(health.slowestMs) });
    console.log(
      `room floods: markers ${JSON.stringify(markers)}, polygons of ${ROOM_LIMITS.verticesPerAnnotation} points ${JSON.stringify(large)}; join answer ${joinBytes} B, media broadcasts ≤ ${Math.max(...broadcastBytes)} B; health slowest ${Math.round(health.slowestMs)} ms`,
    );
    expect(record.body.annotations).toHaveLength(fit);
    expect(Math.max(...broadcastBytes)).toBeLessThan(MAX_STATE_BROADCAST_BYTES);
    expect(joinBytes).toBeLessThan(2_000_000);
    expect(health.probes).toBeGreaterThan(0);
    expect(health.failures).toBe(0);
    expect(health.slowestMs).toBeLessThan(HEALTH_DEADLINE_MS);
    expect(health.peakRssMb ?? 0).toBeLessThan(MAX_RSS_MB);
    figures.peakRssMb = Math.round(Math.max(figures.peakRssMb ?? 0, health.peakRssMb ?? 0));
  });
});

describe.each(databaseKinds())('snapshots read beside the write queue on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('are each one committed state: the records and the risk points of exactly the changes up to their seq', async () => {
    const { deps } = server.app;
    const firstSeq = new Map<string, number>();
    deps.store.onCommit((changes) => changes.forEach((c) => firstSeq.has(c.data.id) || firstSeq.set(c.data.id, c.seq)));
    const actor = { name: 'test-officer', role: 'officer' as const };
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        // each write comes on a turn of its own, as requests do: SQLite's synchronous driver would otherwise
        // chain them all in promises and never let the readers in
        await new Promise((resolve) => setImmediate(resolve));
        if (i % 2 === 0) await reportFireAlert(deps, { lon: 115.97, lat: 29.55, source: 'patrol', description: `并发 ${i}` }, actor);
        else await createRiskPoint(deps, { name: `并发点${i}`, category: 'gas', level: 'blue', lon: 115.97, lat: 29.55 }, actor);
      }
    })();
    const snapshots: Snapshot[] = [];
    while (snapshots.length < 40) snapshots.push(...(await Promise.all([readSnapshot(deps), readSnapshot(deps), readSnapshot(deps)])));
    writing = false;
    await writer;
    const upTo = (seq: number) =>
      [...firstSeq]
        .filter(([, s]) => s <= seq)
        .map(([id]) => id)
        .sort();
    for (const snapshot of snapshots) {
      const held = [...snapshot.fireAlerts.map((a) => a.id), ...snapshot.riskPoints.map((p) => p.id)].sort();
      expect(held, `snapshot at seq ${snapshot.seq}`).toEqual(upTo(snapshot.seq));
    }
    // they were taken while the writes went on, not all between the same two
    expect(new Set(snapshots.map((s) => s.seq)).size).toBeGreaterThan(5);
  });
});
