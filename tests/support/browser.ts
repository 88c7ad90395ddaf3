import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { PersonRole } from '../../shared/auth.ts';
import { TEST_PASSWORD, testUsername } from './accounts.ts';

/** Debian's Chromium, never a downloaded one (see scripts/browser.sh). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

/**
 * The built app the end-to-end tests serve: `dist/client` from `vite build`, or `E2E_CLIENT_DIR` when a
 * second build must not overwrite the first (two sessions testing side by side on one checkout).
 */
export const CLIENT_DIR = process.env.E2E_CLIENT_DIR ?? path.resolve(import.meta.dirname, '../../dist/client');

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh Chromium. `env` adds to (or overrides) this process's environment for the browser alone: a machine
 * profile such as a fontconfig with no CJK font (tests/support/fonts.ts).
 */
export async function openBrowser(viewport = { width: 1920, height: 1080 }, extraFlags: string[] = [], env?: Record<string, string>): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run scripts/test.sh, which installs Debian's chromium`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'onemap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...FLAGS, ...extraFlags],
    viewport,
    headless: true,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in on the sign-in page as a person does at the start of a shift: types the name and password, clicks. */
export async function signInOnPage(page: Page, base: string, role: PersonRole, timeoutMs = 30_000): Promise<void> {
  await page.goto(base);
  await page.fill('input[name=username]', testUsername(role));
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=user]').waitFor({ timeout: timeoutMs });
}

/** Signs the browser in through the API (its cookie jar is the page's), as a test account of that role. */
export async function signInBrowser(page: Page, base: string, role: PersonRole): Promise<void> {
  const res = await page.request.post(`${base}/api/auth/login`, { data: { username: testUsername(role), password: TEST_PASSWORD } });
  if (!res.ok()) throw new Error(`browser sign-in as ${role} failed: HTTP ${res.status()}`);
}

/** Resolves when the map has drawn everything it has and is idle. */
export async function waitForMapIdle(page: Page, timeoutMs = 30_000): Promise<void> {
  await page
    .waitForFunction(() => Boolean(window.onemapMap?.loaded()), undefined, { timeout: timeoutMs })
    .catch(async (e: unknown) => {
      // what the page shows instead: no map at all (a blank page, a page reloading over and over), or one still busy
      const why = await page.evaluate(() => {
        const m = window.onemapMap;
        if (!m) return `no map at ${location.href}: ${document.body.innerText.slice(0, 200)}`;
        return `tiles ${m.areTilesLoaded()}, style ${m.isStyleLoaded()}, moving ${m.isMoving()}, at ${location.href}`;
      });
      throw new Error(`map not loaded within ${timeoutMs} ms: ${why} (${String(e).slice(0, 80)})`);
    });
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const map = window.onemapMap!;
        // what kept it busy, for the failure's message: a camera in flight, tiles still loading, a style not in
        const state = () => `moving ${map.isMoving()}, tiles loaded ${map.areTilesLoaded()}, style loaded ${map.isStyleLoaded()}, at ${location.pathname}`;
        // asked again every half second: a repaint asked for while a frame is being drawn can pass unheard
        const nudge = setInterval(() => map.triggerRepaint(), 500);
        const timer = setTimeout(() => {
          clearInterval(nudge);
          reject(new Error(`map not idle within ${ms} ms (${state()})`));
        }, ms);
        map.once('idle', () => {
          clearTimeout(timer);
          clearInterval(nudge);
          resolve();
        });
        map.triggerRepaint();
      }),
    timeoutMs,
  );
}

export type Rgb = [number, number, number];

/** Every 97th pixel of the map's WebGL canvas, read inside a render frame (the buffer is not kept after one). */
export function sampleMapPixels(page: Page): Promise<Rgb[]> {
  return page.evaluate(
    () =>
      new Promise<[number, number, number][]>((resolve) => {
        const map = window.onemapMap!;
        map.once('render', () => {
          const canvas = map.getCanvas();
          const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!;
          const pixels = new Uint8Array(canvas.width * canvas.height * 4);
          gl.readPixels(0, 0, canvas.width, canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
          const sampled: [number, number, number][] = [];
          for (let i = 0; i < pixels.length; i += 4 * 97) sampled.push([pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]);
          resolve(sampled);
        });
        map.triggerRepaint();
      }),
  );
}

/** The share of sampled pixels that pass a test. */
export const shareOf = (pixels: Rgb[], test: (rgb: Rgb) => boolean) => pixels.filter(test).length / pixels.length;

/** The offline style's ground colour, #07111f. */
export const isGround = ([r, g, b]: Rgb) => Math.abs(r - 7) + Math.abs(g - 17) + Math.abs(b - 31) <= 30;

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
