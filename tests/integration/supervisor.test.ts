import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/databases.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const healthy = async (url: string) => {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
};

describe('the supervisor npm start runs the server under', () => {
  let database: TestDatabase;
  afterAll(() => database?.drop());

  it('starts the server again when it is killed, and stops it on SIGTERM', async () => {
    database = await freshDatabase('sqlite');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const supervisor = spawn(process.execPath, ['scripts/supervise.mjs'], {
      cwd: ROOT,
      env: { ...process.env, ...database.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', resolve));
    const pids: number[] = [];
    readline.createInterface({ input: supervisor.stdout! }).on('line', (line) => {
      const entry = line.startsWith('{') ? (JSON.parse(line) as { name?: string; msg?: string; pid?: number }) : {};
      if (entry.name === 'supervisor' && entry.msg === 'server started' && entry.pid) pids.push(entry.pid);
    });
    try {
      await expect.poll(() => healthy(url), { timeout: 30_000, interval: 200 }).toBe(true);
      expect(pids).toHaveLength(1);
      process.kill(pids[0]!, 'SIGKILL');
      await expect.poll(() => pids.length, { timeout: 10_000 }).toBe(2);
      await expect.poll(() => healthy(url), { timeout: 30_000, interval: 200 }).toBe(true);
      supervisor.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await healthy(url)).toBe(false);
      // the restarted server is gone with it
      expect(() => process.kill(pids[1]!, 0)).toThrow();
    } finally {
      supervisor.kill('SIGKILL');
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
});
