/**
 * Wall soak: the built wall display in Debian's Chromium, against the real server with the demo feed 30×
 * faster than usual (a change every 100 ms: alerts appearing, moving through their steps, risk points
 * changing, people stepping away) and the camera turning to news and touring every few seconds; the link is
 * cut every two minutes and must come back. Finished records are kept 3 minutes instead of a week, the same
 * acceleration: the data reaches the size it keeps, and what grows beyond it is a leak. Every 30 s the page's
 * JS heap is measured after a full collection, with the records the wall holds. Prints the samples and the
 * growth after the warm-up: the median of the last third of the samples against the first third (target
 * ≤ 5 %), and the least-squares trend in MB per hour.
 *
 *   npm run build && npm run bench:soak       (SOAK_MINUTES, default 10; SOAK_WARMUP_MINUTES, default 2)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openBrowser } from '../tests/support/browser.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WARMUP_MINUTES = Number(process.env.SOAK_WARMUP_MINUTES ?? 2);
const SAMPLE_MS = 30_000;
const DROP_LINK_EVERY_MS = 120_000;
const CLIENT_DIR = path.resolve(import.meta.dirname, '../dist/client');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-soak-'));
const env = {
  DATA_DIR: dir,
  CLIENT_DIR,
  DEMO_FEED: '1',
  DEMO_FEED_INTERVAL_MS: '100',
  WALL_FOCUS_S: '5',
  WALL_TOUR_AFTER_S: '5',
  WALL_TOUR_STEP_S: '5',
  SCREEN_KEEP_FINISHED_MIN: '3',
  LOG_LEVEL: 'silent',
  WRITE_RATE_LIMIT_PER_MIN: '1000000',
};
const app = await createApp(loadConfig(env), { log: pino({ level: 'silent' }) });
const url = await app.listen(0, '127.0.0.1');
const browser = await openBrowser({ width: 1920, height: 1080 });
const { page } = browser;
await page.goto(`${url}/wall?token=demo-wall`);
await page.locator('[data-testid=wall]').waitFor({ timeout: 30_000 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');

/** The live JS heap (MB) after a full collection, and the DOM's size. */
async function measure() {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const held = await page.evaluate(() => {
    const live = window.onemap!.get().sync.live!;
    const kinds = ['fireAlerts', 'dutyShifts', 'dutyLog', 'dutyHandovers', 'incidents', 'hazards', 'warnings'] as const;
    return { seq: live.seq, records: kinds.map((k) => live[k].size).join('/') };
  });
  return { heapMb: usedSize / 1_048_576, nodes: metric('Nodes'), listeners: metric('JSEventListeners'), ...held };
}

console.log(
  `wall soak: ${MINUTES} min (warm-up ${WARMUP_MINUTES} min), demo feed every 100 ms, link cut every ${DROP_LINK_EVERY_MS / 60_000} min; ${os.cpus().length} cores`,
);
console.log('   min   heap MB   DOM nodes   listeners     seq   alerts/shifts/log/handovers/incidents/hazards/warnings held');
const samples: { at: number; heapMb: number }[] = [];
const started = Date.now();
let lastDrop = started;
let drops = 0;
let recovered = 0;
while (Date.now() - started < MINUTES * 60_000) {
  await new Promise((r) => setTimeout(r, SAMPLE_MS));
  if (Date.now() - lastDrop >= DROP_LINK_EVERY_MS) {
    await page.evaluate(() => window.onemap!.dropConnection());
    lastDrop = Date.now();
    drops++;
    const back = await page
      .locator('[data-testid=connection][data-status=live]')
      .waitFor({ timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    if (back) recovered++;
  }
  const m = await measure();
  const at = (Date.now() - started) / 60_000;
  samples.push({ at, heapMb: m.heapMb });
  console.log(
    `${at.toFixed(1).padStart(6)} ${m.heapMb.toFixed(1).padStart(9)} ${String(m.nodes).padStart(11)} ${String(m.listeners).padStart(11)} ${String(m.seq).padStart(7)}   ${m.records}`,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const measured = samples.filter((s) => s.at >= WARMUP_MINUTES);
const third = Math.max(1, Math.floor(measured.length / 3));
const [first, last] = [median(measured.slice(0, third).map((s) => s.heapMb)), median(measured.slice(-third).map((s) => s.heapMb))];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const [mt, mh] = [mean(measured.map((s) => s.at)), mean(measured.map((s) => s.heapMb))];
const slope = measured.reduce((n, s) => n + (s.at - mt) * (s.heapMb - mh), 0) / measured.reduce((n, s) => n + (s.at - mt) ** 2, 0);
console.log(
  `heap after warm-up: first third ${first.toFixed(1)} MB, last third ${last.toFixed(1)} MB (medians of ${third} samples) → growth ${(((last - first) / first) * 100).toFixed(1)} %; trend ${(slope * 60).toFixed(1)} MB/h; link cut ${drops} times, live again within 30 s ${recovered} times`,
);

await browser.close();
await app.close();
fs.rmSync(dir, { recursive: true, force: true });
