import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** The admin password a first run prints once, if this run was the first. */
  firstRunPassword: string | null;
}

/** The product's own entry point (`server/main.ts`) in a child process; resolves once it is serving. */
export function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const errors: string[] = [];
  child.stderr!.on('data', (d) => errors.push(String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${errors.join('')}`)), 30_000);
    let firstRunPassword: string | null = null;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; url?: string; password?: string };
      if (entry.msg?.startsWith('first run') && entry.password) firstRunPassword = entry.password;
      if (entry.msg === 'OneMap Command is serving' && entry.url) {
        clearTimeout(timer);
        resolve({ url: entry.url, child, exited, firstRunPassword });
      }
    });
    exited.then((code) => reject(new Error(`server exited (${code}) before serving: ${errors.join('')}`)));
  });
}
