/**
 * Push benchmark: changes ingested at a fixed rate through the real write path (validation, district lookup,
 * one SQLite transaction with its change-log entry, the batcher) to N socket.io-client screens in another
 * process; then the same payloads as a bare per-message Socket.IO broadcast with no persistence, in the same
 * run. Prints p50/p99 ingest→client latency and delivered changes/s, and the ratio at each N.
 *
 * Then the ceiling: the highest ingest rate at which one screen still gets ≥ 99 % of the changes with p99
 * ingest→screen ≤ 100 ms, found by doubling the rate and then bisecting; and the same for bare better-sqlite3
 * single-row commits (no server at all, commit → done) in the same process, as the ratio ours ÷ raw.
 *
 *   npm run bench:push            (BENCH_SECONDS, BENCH_RATE, BENCH_CLIENTS override the defaults;
 *                                  BENCH_CEILING=0 skips the ceiling)
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { createDevice } from '../server/auth/service.ts';
import { createApp } from '../server/app.ts';
import { signInCookie } from '../tests/support/accounts.ts';
import { MAX_CONNECTIONS_PER_SESSION } from '../server/realtime/connection.ts';
import { loadConfig } from '../server/config.ts';
import { reportFireAlert } from '../server/fire-alerts/service.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const CLIENT_COUNTS = (process.env.BENCH_CLIENTS ?? '1,50,200').split(',').map(Number);
const PACE_TICK_MS = 5;
const DRAIN_TIMEOUT_MS = 20_000;

interface Stats {
  delivered: number;
  complete: boolean;
  p50: number;
  p99: number;
  lastAt: number;
}

const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);

const receivers = Array.from({ length: CLIENT_PROCESSES }, () =>
  fork(path.join(import.meta.dirname, 'push-clients.ts'), [], { execArgv: ['--import', 'tsx'] }),
);
const askOne = <T>(child: (typeof receivers)[number], msg: object, reply: string) =>
  new Promise<T>((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send(msg);
  });

/** Spreads the N screens over the receiver processes and merges what they measured. */
async function connectScreens(url: string, n: number, cookies: string[] = []) {
  const shares = receivers.map((_, i) => Math.floor(n / receivers.length) + (i < n % receivers.length ? 1 : 0));
  const firsts = shares.map((_, i) => shares.slice(0, i).reduce((a, b) => a + b, 0));
  const start = (i: number) => ({ type: 'start', url, clients: shares[i], cookies, first: firsts[i], perSession: MAX_CONNECTIONS_PER_SESSION });
  await Promise.all(receivers.map((r, i) => (shares[i]! > 0 ? askOne(r, start(i), 'ready') : null)));
  return async (expectedPerClient: number): Promise<Stats> => {
    const parts = await Promise.all(
      receivers.map((r, i) =>
        shares[i]! > 0 ? askOne<Stats & { latencies: number[] }>(r, { type: 'finish', expectedPerClient, timeoutMs: DRAIN_TIMEOUT_MS }, 'stats') : null,
      ),
    );
    const present = parts.filter((p) => p !== null);
    const latencies = present.flatMap((p) => p.latencies).sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor((q / 100) * latencies.length))] ?? NaN;
    return {
      delivered: present.reduce((a, p) => a + p.delivered, 0),
      complete: present.every((p) => p.complete),
      p50: pct(50),
      p99: pct(99),
      lastAt: Math.max(...present.map((p) => p.lastAt)),
    };
  };
}

/**
 * Calls `ingest` `rate` times a second for `seconds`, on a steady clock; returns when the last one is issued.
 * `ingest` also gets the instant (epoch ms) the call was due: a server that falls behind is late from then.
 */
async function paced(rate: number, seconds: number, ingest: (i: number, dueAt: number) => void): Promise<number> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const epochOf = (t: number) => performance.timeOrigin + t;
  let issued = 0;
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; issued < due; issued++) ingest(issued, Math.round(epochOf(started + (issued / rate) * 1000)));
    await new Promise((r) => setTimeout(r, PACE_TICK_MS));
  }
  return total;
}

const REPORT = (i: number, dueAt: number) => ({
  lon: 115.9 + (i % 100) / 1000,
  lat: 29.5 + (i % 70) / 1000,
  // patrol reports are never merged, so every write is a new alert (satellite hotspots this close would join one)
  source: 'patrol' as const,
  // the screens read the due instant after the '@' (bench/push-clients.ts)
  description: `基准测试热点 ${i} @${dueAt}`,
  confidence: 80,
  frpMw: 12.5,
});

const BENCH_ACTOR = { name: 'bench', role: 'system' } as const;
const BENCH_WALL_TOKEN = 'bench-wall-token';

async function runBatched(n: number, rate: number, seconds = SECONDS): Promise<Stats & { seconds: number; total: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-bench-'));
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent', WRITE_RATE_LIMIT_PER_MIN: '1000000', PUSH_INTERVAL_MS: process.env.PUSH_INTERVAL_MS ?? '20' };
  const app = await createApp(loadConfig(env), {
    log: pino({ level: 'silent' }),
  });
  const url = await app.listen(0, '127.0.0.1');
  // the screens sign in like any wall display
  await createDevice(app.deps, 'bench wall', BENCH_WALL_TOKEN);
  // a session holds at most MAX_CONNECTIONS_PER_SESSION screens: the walls sign in once per that many
  const sessions = Math.ceil(n / MAX_CONNECTIONS_PER_SESSION);
  const cookies = await Promise.all(Array.from({ length: sessions }, () => signInCookie(url, '/api/auth/device', { token: BENCH_WALL_TOKEN })));
  const finish = await connectScreens(url, n, cookies);
  const t0 = Date.now();
  let failed = 0;
  const total = await paced(rate, seconds, (i, dueAt) => {
    reportFireAlert(app.deps, REPORT(i, dueAt), BENCH_ACTOR).catch(() => failed++);
  });
  const stats = await finish(total);
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (failed) console.error(`  ${failed} writes failed`);
  return { ...stats, seconds: (stats.lastAt - t0) / 1000, total };
}

async function runBare(n: number, rate: number): Promise<Stats & { seconds: number }> {
  const server = http.createServer();
  const io = new Server(server, { serveClient: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const finish = await connectScreens(url, n);
  const t0 = Date.now();
  let seq = 0;
  const total = await paced(rate, SECONDS, (i, dueAt) => {
    const at = new Date().toISOString();
    // the same shape and size as a stored alert's change, without the database
    io.emit('change', {
      seq: ++seq,
      entity: 'fireAlert',
      op: 'upsert',
      at,
      actor: 'bench',
      data: {
        id: `fa-${i}`,
        ...REPORT(i, dueAt),
        district: '360483',
        detectedAt: at,
        status: 'new',
        history: [{ status: 'new', at, actor: 'bench', note: '' }],
        updatedAt: at,
        demo: false,
      },
    });
  });
  const stats = await finish(total);
  await new Promise<void>((r) => io.close(() => r()));
  return { ...stats, seconds: (stats.lastAt - t0) / 1000 };
}

const fmt = (s: Stats & { seconds: number }) =>
  `${Math.round(s.delivered / s.seconds)
    .toLocaleString('en')
    .padStart(
      9,
    )} changes/s  p50 ${String(s.p50).padStart(5)} ms  p99 ${String(s.p99).padStart(6)} ms${s.complete ? '' : '  (INCOMPLETE: not all delivered within the drain timeout)'}`;

console.log(
  `push benchmark: ${RATE} changes/s ingested for ${SECONDS} s; screens in ${CLIENT_PROCESSES} processes; ${os.cpus().length} cores; node ${process.version}`,
);
for (const n of CLIENT_COUNTS) {
  const batched = await runBatched(n, RATE);
  const bare = await runBare(n, RATE);
  const ratio = batched.delivered / batched.seconds / (bare.delivered / bare.seconds);
  console.log(`N=${String(n).padStart(3)}  batched+persisted ${fmt(batched)}`);
  console.log(`       bare broadcast    ${fmt(bare)}`);
  console.log(`       ratio delivered/s batched ÷ bare = ${ratio.toFixed(2)}×`);
}
/** The ceiling's bar: what a duty officer's screen must still get. */
const CEILING = { delivered: 0.99, p99Ms: 100, seconds: 3, bisections: 3, startRate: 1000 };

/** The highest rate `holds`, by doubling from CEILING.startRate and then bisecting between the last good and first bad. */
async function ceiling(label: string, holds: (rate: number) => Promise<{ ok: boolean; line: string }>): Promise<number> {
  const step = async (rate: number) => {
    const { ok, line } = await holds(rate);
    console.log(`  ${label} at ${String(rate).padStart(6)}/s: ${ok ? 'holds ' : 'fails '} ${line}`);
    return ok;
  };
  let good = 0;
  let bad = CEILING.startRate;
  while (await step(bad)) [good, bad] = [bad, bad * 2];
  for (let i = 0; i < CEILING.bisections && good > 0; i++) {
    const mid = Math.round((good + bad) / 2 / 100) * 100;
    if (await step(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/** Our whole write path to one screen at `rate`: delivered share and p99 ingest → screen. */
async function oursHolds(rate: number) {
  const run = await runBatched(1, rate, CEILING.seconds);
  const share = run.delivered / run.total;
  return { ok: share >= CEILING.delivered && run.p99 <= CEILING.p99Ms, line: `delivered ${(share * 100).toFixed(1)} %, p99 ${run.p99} ms` };
}

/** Bare better-sqlite3 at `rate`: each report one row committed on its own (WAL, synchronous=NORMAL, as ours). */
async function rawHolds(rate: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-bench-raw-'));
  const db = new SQLite(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table changes (seq integer primary key, data text not null)');
  const insert = db.prepare('insert into changes (seq, data) values (?, ?)');
  const latencies: number[] = [];
  const total = await paced(rate, CEILING.seconds, (i, dueAt) => {
    insert.run(i + 1, JSON.stringify(REPORT(i, dueAt)));
    latencies.push(Date.now() - dueAt);
  });
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
  return { ok: latencies.length === total && p99 <= CEILING.p99Ms, line: `p99 ${p99} ms` };
}

if (process.env.BENCH_CEILING !== '0') {
  console.log(
    `ceiling: the highest ingest rate at which 1 screen gets ≥ ${CEILING.delivered * 100} % with p99 ≤ ${CEILING.p99Ms} ms (${CEILING.seconds} s a step)`,
  );
  const ours = await ceiling('ours', oursHolds);
  const raw = await ceiling('raw better-sqlite3 commits', rawHolds);
  console.log(
    `ceiling ours ${ours.toLocaleString('en')} writes/s; raw better-sqlite3 single-row commits ${raw.toLocaleString('en')}/s; ratio ours ÷ raw = ${(ours / raw).toFixed(2)}`,
  );
}

const half = Math.round(RATE / 2);
const last = CLIENT_COUNTS.at(-1)!;
const halfRun = await runBatched(last, half);
console.log(`N=${String(last).padStart(3)}  batched+persisted at ${half} changes/s (half rate): ${fmt(halfRun)}`);
receivers.forEach((r) => r.send({ type: 'exit' }));
