#!/usr/bin/env node
// Keeps the server running: `npm start` runs it under this supervisor, which starts server/main.ts in a child
// process and starts it again whenever it dies (a crash, an out-of-memory kill, SIGKILL). A committed write
// survives the crash (SQLite WAL, PostgreSQL), so a restart loses no acknowledged write; screens reconnect
// and resume from their seq. SIGINT/SIGTERM stop the server cleanly and then the supervisor.
//
// Restarts back off when the server dies again soon after starting (a wrong setting, a database that is
// down): 1 s, doubling to 30 s, back to 1 s after a minute of running. Where a host runs systemd, the unit in
// scripts/onemap-command.service does the same job and starts it at boot.
import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * A larger young generation: every write allocates its record, rows and messages, and scavenges took ≈ 10 %
 * of the write path; 32 MB semi-spaces gave 7–10 % more writes per second in-process (2 cores). The
 * benchmarks run the server with the same flag (package.json).
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

const ROOT = path.resolve(import.meta.dirname, '..');
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** A server that ran this long before dying is restarted at once. */
const HEALTHY_AFTER_MS = 60_000;

const log = (level, msg, fields = {}) => process.stdout.write(`${JSON.stringify({ level, time: Date.now(), name: 'supervisor', msg, ...fields })}\n`);

let child = null;
let stopping = false;
let backoffMs = FIRST_BACKOFF_MS;
let restartTimer = null;

function start() {
  const startedAt = Date.now();
  child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
  });
  log(30, 'server started', { pid: child.pid });
  child.once('exit', (code, signal) => {
    child = null;
    if (stopping) {
      log(30, 'server stopped', { code, signal });
      process.exit(code ?? 0);
    }
    const ranMs = Date.now() - startedAt;
    if (ranMs >= HEALTHY_AFTER_MS) backoffMs = FIRST_BACKOFF_MS;
    const waitMs = ranMs >= HEALTHY_AFTER_MS ? 0 : backoffMs;
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    log(50, 'server died; starting it again', { code, signal, ranMs, restartInMs: waitMs });
    restartTimer = setTimeout(start, waitMs);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(restartTimer);
    if (!child) process.exit(0);
    child.kill(signal);
    // a server that does not stop within 20 s is not waited for
    setTimeout(() => child?.kill('SIGKILL'), 20_000).unref();
  });
}

start();
