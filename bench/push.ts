/**
 * Push benchmark: changes ingested at a fixed rate through the real write path (validation, district lookup,
 * one SQLite transaction with its change-log entry, the batcher) to N socket.io-client screens in another
 * process; then the same payloads as a bare per-message Socket.IO broadcast with no persistence, in the same
 * run. Prints p50/p99 ingest→client latency and delivered changes/s, and the ratio at each N.
 *
 *   npm run bench:push            (BENCH_SECONDS, BENCH_RATE, BENCH_CLIENTS override the defaults)
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
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

/** Calls `ingest` `rate` times a second for `seconds`, on a steady clock; returns when the last one is issued. */
async function paced(rate: number, seconds: number, ingest: (i: number) => void): Promise<number> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let issued = 0;
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; issued < due; issued++) ingest(issued);
    await new Promise((r) => setTimeout(r, PACE_TICK_MS));
  }
  return total;
}

const REPORT = (i: number) => ({
  lon: 115.9 + (i % 100) / 1000,
  lat: 29.5 + (i % 70) / 1000,
  // patrol reports are never merged, so every write is a new alert (satellite hotspots this close would join one)
  source: 'patrol' as const,
  description: `基准测试热点 ${i}`,
  confidence: 80,
  frpMw: 12.5,
});

const BENCH_ACTOR = { name: 'bench', role: 'system' } as const;
const BENCH_WALL_TOKEN = 'bench-wall-token';

async function runBatched(n: number, rate: number): Promise<Stats & { seconds: number }> {
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
  const total = await paced(rate, SECONDS, (i) => {
    reportFireAlert(app.deps, REPORT(i), BENCH_ACTOR).catch(() => failed++);
  });
  const stats = await finish(total);
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (failed) console.error(`  ${failed} writes failed`);
  return { ...stats, seconds: (stats.lastAt - t0) / 1000 };
}

async function runBare(n: number, rate: number): Promise<Stats & { seconds: number }> {
  const server = http.createServer();
  const io = new Server(server, { serveClient: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const finish = await connectScreens(url, n);
  const t0 = Date.now();
  let seq = 0;
  const total = await paced(rate, SECONDS, (i) => {
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
        ...REPORT(i),
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
const half = Math.round(RATE / 2);
const last = CLIENT_COUNTS.at(-1)!;
const halfRun = await runBatched(last, half);
console.log(`N=${String(last).padStart(3)}  batched+persisted at ${half} changes/s (half rate): ${fmt(halfRun)}`);
receivers.forEach((r) => r.send({ type: 'exit' }));
