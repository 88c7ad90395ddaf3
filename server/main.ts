import { pino } from 'pino';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel });

const app = await createApp(config, { log });
const url = await app.listen();
log.info({ url, storage: config.storage.kind, demo: config.demo.enabled }, 'OneMap Command is serving');
if (process.stdout.isTTY || process.env.npm_lifecycle_event) console.log(`\n  OneMap Command 一张图应急指挥 → ${url}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
