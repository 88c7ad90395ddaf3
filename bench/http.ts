/**
 * HTTP write benchmark: fire reports POSTed by a signed-in duty officer from a separate load process
 * (bench/http-load.ts), through the whole write path (session, role, Origin check, rate limit, JSON body,
 * schema, district lookup, one SQLite transaction with its change-log entry and audit row, the batcher), to 50
 * live wall screens in another process (bench/push-clients.ts). First a closed loop at the highest rate the
 * server answers — sustained acknowledged writes/s — then, by default, paced runs at fixed rates, to see whether
 * the server keeps up and what the screens see then. Each run has a fresh server and database and a 2 s warm-up.
 * Prints acknowledged writes/s, p50/p99 of the HTTP request, the count of non-2xx answers, p50/p99 write → screen
 * (the change's `at`, stamped at commit, to its arrival on a screen) and the CPU each process used.
 *
 *   npm run bench:http     (BENCH_SECONDS, BENCH_RATE, BENCH_SCREENS, BENCH_CONNECTIONS override the defaults;
 *                           BENCH_RATE=0 runs the closed loop only)
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp } from '../server/app.ts';
import { createAccount, createDevice } from '../server/auth/service.ts';
import { loadConfig } from '../server/config.ts';
import { MAX_CONNECTIONS_PER_SESSION } from '../server/realtime/connection.ts';
import { signInCookie } from '../tests/support/accounts.ts';
import type { Outcome, Run } from './http-load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const SCREENS = Number(process.env.BENCH_SCREENS ?? 50);
// 32 requests in flight is a busy command centre's worth of desks, gateways and importers, and enough to keep
// a single-threaded server's queue from ever running dry; more only lengthens the queue (and each request).
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const RATES = (process.env.BENCH_RATE ?? '1000,2000')
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
const SCREEN_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 1);
const DRAIN_TIMEOUT_MS = 20_000;
/** After the screens reconnect, the snapshot each is sent must have arrived before the clock starts. */
const SCREENS_SETTLE_MS = 1000;
/** A paced run kept up when its last write was answered within this long of being due. */
const KEPT_UP_TAIL_MS = 200;

const OFFICER = { username: 'bench-officer', displayName: '压测值班员', role: 'officer', password: 'bench-officer-password' } as const;
const WALL_TOKEN = 'bench-wall-token';

interface ScreenStats {
  delivered: number;
  complete: boolean;
  latencies: number[];
}

const execArgv = ['--import', 'tsx'];
const load = fork(path.join(import.meta.dirname, 'http-load.ts'), [], { execArgv });
const screens = Array.from({ length: SCREEN_PROCESSES }, () => fork(path.join(import.meta.dirname, 'push-clients.ts'), [], { execArgv }));
const children = [load, ...screens];

/** Sends `msg` and resolves with the child's next message of type `reply`; rejects if the child dies first. */
function ask<T>(child: ChildProcess, msg: object, reply: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      child.off('message', on);
      child.off('exit', died);
    };
    const on = (m: { type: string; message?: string }) => {
      if (m.type === 'error') {
        cleanup();
        reject(new Error(`child ${child.pid}: ${m.message}`));
      } else if (m.type === reply) {
        cleanup();
        resolve(m as T);
      }
    };
    const died = (code: number | null) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${code}) before answering '${reply}'`));
    };
    child.on('message', on);
    child.once('exit', died);
    child.send(msg);
  });
}

/** Spreads the screens over their processes, each wall session holding at most MAX_CONNECTIONS_PER_SESSION. */
async function connectScreens(url: string, cookies: string[]): Promise<(expectedPerScreen: number) => Promise<ScreenStats>> {
  const shares = screens.map((_, i) => Math.floor(SCREENS / screens.length) + (i < SCREENS % screens.length ? 1 : 0));
  const firsts = shares.map((_, i) => shares.slice(0, i).reduce((a, b) => a + b, 0));
  const active = screens.flatMap((s, i) => (shares[i]! > 0 ? [{ s, clients: shares[i], first: firsts[i] }] : []));
  await Promise.all(
    active.map(({ s, clients, first }) => ask(s, { type: 'start', url, clients, cookies, first, perSession: MAX_CONNECTIONS_PER_SESSION }, 'ready')),
  );
  return async (expectedPerScreen) => {
    const parts = await Promise.all(
      active.map(({ s }) => ask<ScreenStats>(s, { type: 'finish', expectedPerClient: expectedPerScreen, timeoutMs: DRAIN_TIMEOUT_MS }, 'stats')),
    );
    return {
      delivered: parts.reduce((a, p) => a + p.delivered, 0),
      complete: parts.every((p) => p.complete),
      latencies: parts.flatMap((p) => p.latencies),
    };
  };
}

/** CPU seconds a process has used so far, from /proc (Linux); NaN where there is none. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    // the fields after the command's closing parenthesis; utime and stime are the 14th and 15th, in USER_HZ (100)
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
/** CPU seconds so far: this process (the server, and this script's little bookkeeping), the load, the screens. */
function cpuNow() {
  const own = process.cpuUsage();
  return { server: (own.user + own.system) / 1e6, load: cpuSecondsOf(load.pid), screens: screens.reduce((a, s) => a + cpuSecondsOf(s.pid), 0) };
}

const percentile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))] ?? NaN;

interface Figures {
  outcome: Outcome;
  screens: ScreenStats;
  cpu: { server: number; load: number; screens: number };
  /** The machine's 1-minute load average after the run: others' work on it moves every figure but ms/write. */
  loadAverage: number;
}

/** One server, one database: warm up, then measure; `rate` 0 is the closed loop. */
async function measure(rate: number, seed: number): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-bench-http-'));
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent', WRITE_RATE_LIMIT_PER_MIN: '100000000', PUSH_INTERVAL_MS: process.env.PUSH_INTERVAL_MS ?? '20' };
  const app = await createApp(loadConfig(env), { log: pino({ level: 'silent' }) });
  try {
    const url = await app.listen(0, '127.0.0.1');
    await createAccount(app.deps, OFFICER);
    await createDevice(app.deps, '压测大屏', WALL_TOKEN);
    const officer = await signInCookie(url, '/api/auth/login', { username: OFFICER.username, password: OFFICER.password });
    const walls = await Promise.all(
      Array.from({ length: Math.ceil(SCREENS / MAX_CONNECTIONS_PER_SESSION) }, () => signInCookie(url, '/api/auth/device', { token: WALL_TOKEN })),
    );
    const run = (seconds: number, runSeed: number): Run => ({ type: 'run', url, cookie: officer, connections: CONNECTIONS, seconds, rate, seed: runSeed });

    // the warm-up goes the whole way too (screens connected), so JIT, statement cache and sockets are warm
    let finish = await connectScreens(url, walls);
    const warm = await ask<Outcome>(load, run(WARMUP_SECONDS, seed + 1), 'done');
    await finish(warm.acked);
    // fresh screens, so what they measure is the measured run's alone
    finish = await connectScreens(url, walls);
    await new Promise((r) => setTimeout(r, SCREENS_SETTLE_MS));

    const before = cpuNow();
    const outcome = await ask<Outcome>(load, run(SECONDS, seed), 'done');
    const after = cpuNow();
    const screenStats = await finish(outcome.acked);
    const seconds = outcome.elapsedMs / 1000;
    const cpu = {
      server: (after.server - before.server) / seconds,
      load: (after.load - before.load) / seconds,
      screens: (after.screens - before.screens) / seconds,
    };
    return { outcome, screens: screenStats, cpu, loadAverage: os.loadavg()[0]! };
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)}`.padStart(5) : '    –') + ' ms';
const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)}%`.padStart(4) : '   –');

function report(label: string, { outcome, screens: s, cpu, loadAverage }: Figures): string {
  const http = [...outcome.latenciesMs].sort((a, b) => a - b);
  const push = [...s.latencies].sort((a, b) => a - b);
  const refused = Object.entries(outcome.refused).map(([status, n]) => `${n}×${status}`);
  const non2xx = Object.values(outcome.refused).reduce((a, b) => a + b, 0);
  const perSecond = Math.round(outcome.acked / (outcome.elapsedMs / 1000));
  // CPU time per write moves much less than writes/s when other work shares the machine
  const perWrite = (coreShare: number, unit: 'ms' | 'µs') => {
    const seconds = coreShare / (outcome.sent / (outcome.elapsedMs / 1000));
    return Number.isFinite(seconds) ? `${(seconds * (unit === 'ms' ? 1e3 : 1e6)).toFixed(unit === 'ms' ? 2 : 0)} ${unit}` : '–';
  };
  return [
    `${label.padEnd(14)} ${perSecond.toLocaleString('en').padStart(6)} acked writes/s (${outcome.acked.toLocaleString('en')} in ${(outcome.elapsedMs / 1000).toFixed(1)} s)`,
    `${''.padEnd(14)} HTTP p50 ${ms(percentile(http, 50))}  p99 ${ms(percentile(http, 99))}  non-2xx ${non2xx}${refused.length ? ` (${refused.join(', ')})` : ''}` +
      `${outcome.failed ? `  unanswered ${outcome.failed}${outcome.firstError ? ` (${outcome.firstError})` : ''}` : ''}`,
    `${''.padEnd(14)} write→screen p50 ${ms(percentile(push, 50))}  p99 ${ms(percentile(push, 99))}` +
      `  (${s.delivered.toLocaleString('en')} deliveries${s.complete ? '' : '; INCOMPLETE: not all delivered within the drain timeout'})`,
    `${''.padEnd(14)} CPU of a core: server ${pct(cpu.server)} (${perWrite(cpu.server, 'ms')}/write)  load ${pct(cpu.load)} (${perWrite(cpu.load, 'µs')}/write)  screens ${pct(cpu.screens)}  (load average ${loadAverage.toFixed(1)})`,
  ].join('\n');
}

let failed = false;
try {
  console.log(
    `http write benchmark: POST /api/fire-alerts as a signed-in officer from a separate process (${CONNECTIONS} keep-alive connections), ` +
      `${SCREENS} wall screens in ${SCREEN_PROCESSES} process(es); ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per run; ` +
      `push interval ${process.env.PUSH_INTERVAL_MS ?? 20} ms; ${os.cpus().length} cores; node ${process.version}`,
  );
  const closed = await measure(0, 1);
  console.log(report('closed loop', closed));
  if (closed.outcome.acked === 0) {
    console.error('FAILED: not one write was acknowledged');
    failed = true;
  }
  for (const rate of failed ? [] : RATES) {
    const paced = await measure(rate, 1);
    const keptUp = paced.outcome.tailMs <= KEPT_UP_TAIL_MS && paced.outcome.acked === paced.outcome.sent;
    console.log(
      report(`paced ${rate}/s`, paced) +
        `\n${''.padEnd(14)} ${keptUp ? 'kept up' : 'DID NOT KEEP UP'}: last write answered ${Math.round(paced.outcome.tailMs)} ms after it was due, ` +
        `at most ${paced.outcome.maxQueued} writes waiting for a connection`,
    );
    if (paced.outcome.acked === 0) failed = true;
  }
} catch (error) {
  console.error('FAILED:', error);
  failed = true;
} finally {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send({ type: 'exit' });
          // one that does not answer is ended
          setTimeout(() => child.kill(), 5000).unref();
        }),
    ),
  );
}
process.exitCode = failed ? 1 : 0;
