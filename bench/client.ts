/**
 * Client benchmark: the built duty desk in Debian's Chromium against the real server holding 100,000 demo
 * risk points. Prints
 *   - navigation → snapshot received and → map idle with the points drawn (ms);
 *   - frames per second while the map pans, idle and while 50 changes/s arrive (alternating windows, medians),
 *     and their ratio;
 *   - the gzip size of the JS loaded before the map chunk.
 *
 *   npm run build && npm run bench:client      (BENCH_RISK_POINTS, BENCH_CHANGE_RATE override)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pino } from 'pino';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { reportFireAlert } from '../server/fire-alerts/service.ts';
import { updateRiskPoint } from '../server/risk-points/service.ts';
import { openBrowser } from '../tests/support/browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLIENT_DIR = path.join(ROOT, 'dist/client');
const POINTS = Number(process.env.BENCH_RISK_POINTS ?? 100_000);
const CHANGE_RATE = Number(process.env.BENCH_CHANGE_RATE ?? 50);
const FPS_SECONDS = 4;
const BENCH_ACTOR = { name: 'bench', role: 'system' } as const;
/** Idle and busy windows alternate this many times: the frame rate of software GL on a shared box wanders. */
const FPS_ROUNDS = 5;

function initialJsGzip(): { files: string[]; bytes: number } {
  const html = fs.readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(CLIENT_DIR, f))).length, 0);
  return { files, bytes };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-bench-client-'));
const env = {
  DATA_DIR: dir,
  DEMO_FEED: '1',
  DEMO_RISK_POINTS: String(POINTS),
  DEMO_FEED_INTERVAL_MS: '3600000',
  CLIENT_DIR,
  LOG_LEVEL: 'silent',
  WRITE_RATE_LIMIT_PER_MIN: '1000000',
};
const seeding = Date.now();
const app = await createApp(loadConfig(env), { log: pino({ level: 'silent' }) });
const url = await app.listen(0, '127.0.0.1');
console.log(`client benchmark: ${POINTS.toLocaleString('en')} risk points (seeded in ${Date.now() - seeding} ms); ${os.cpus().length} cores`);

const browser = await openBrowser();
const { page } = browser;
// the demo city has the demo accounts: sign in as the duty officer, as a person would
await page.request.post(`${url}/api/auth/login`, { data: { username: 'officer', password: 'demo' } });
const started = Date.now();
await page.goto(url);
await page.waitForFunction((n) => window.onemap!.get().sync.live?.riskPoints.size === n, POINTS, { timeout: 120_000 });
const snapshotMs = Date.now() - started;
await page.waitForFunction(
  () => {
    const map = window.onemapMap;
    return Boolean(map?.getSource('risk-points') && map.querySourceFeatures('risk-points', { sourceLayer: 'risk-points' }).length > 0 && map.loaded());
  },
  undefined,
  { timeout: 120_000, polling: 50 },
);
const idleMs = Date.now() - started;
console.log(`navigation → snapshot in the store: ${snapshotMs} ms; → points drawn, map idle: ${idleMs} ms`);

/**
 * Frames drawn per second while the map pans back and forth without pause. Sent as source text: tsx would
 * wrap named inner functions in a helper the page does not have.
 */
const PANNING_FPS = `new Promise((resolve) => {
  const map = window.onemapMap;
  let frames = 0, direction = 1;
  function count() { frames++; }
  map.on('render', count);
  const end = performance.now() + ${FPS_SECONDS * 1000};
  requestAnimationFrame(function step() {
    if (performance.now() >= end) { map.off('render', count); return resolve(frames / ${FPS_SECONDS}); }
    map.panBy([4 * direction, 0], { duration: 0 });
    if (Math.random() < 0.02) direction = -direction;
    requestAnimationFrame(step);
  });
})`;
const panningFps = () => page.evaluate(PANNING_FPS) as Promise<number>;

const ids = [...(await app.deps.store.db.selectFrom('riskPoints').select('id').limit(1000).execute())].map((r) => r.id);
let writes = 0;
/** Pans for one window while CHANGE_RATE changes/s are written through the real write path (a fifth are new fire alerts). */
async function busyFps(): Promise<number> {
  const feeding = setInterval(() => {
    for (let i = 0; i < CHANGE_RATE / 10; i++) {
      const n = writes++;
      if (n % 5 === 0) void reportFireAlert(app.deps, { lon: 115.97, lat: 29.55, source: 'patrol', description: `bench ${n}` }, BENCH_ACTOR);
      // a point's hazard counts follow its hazards now: the bench changes what a person may edit
      else void updateRiskPoint(app.deps, ids[n % ids.length], { address: `基准测试地址 ${n % 9}` }, BENCH_ACTOR).catch(() => undefined);
    }
  }, 100);
  try {
    return await panningFps();
  } finally {
    clearInterval(feeding);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// one window unmeasured: the first pans load tiles and compile what the steady frames then reuse
await panningFps();
const idleRuns: number[] = [];
const busyRuns: number[] = [];
for (let round = 0; round < FPS_ROUNDS; round++) {
  idleRuns.push(await panningFps());
  busyRuns.push(await busyFps());
}
const [idleFps, busyFpsMedian] = [median(idleRuns), median(busyRuns)];
const runs = (xs: number[]) => xs.map((x) => x.toFixed(1)).join('/');
console.log(
  `panning fps idle ${idleFps.toFixed(1)} (${runs(idleRuns)}), with ${CHANGE_RATE} changes/s ${busyFpsMedian.toFixed(1)} (${runs(busyRuns)}) → ${((busyFpsMedian / idleFps) * 100).toFixed(0)} % of idle`,
);

const js = initialJsGzip();
console.log(`JS loaded before the map chunk: ${(js.bytes / 1024).toFixed(1)} KB gzip (${js.files.join(', ')})`);

await browser.close();
await app.close();
fs.rmSync(dir, { recursive: true, force: true });
