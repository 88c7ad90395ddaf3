import { type ScreenConfig, screenConfigSchema } from '../shared/basemap.ts';
import { DEFAULT_KEEP_FINISHED_MIN } from '../shared/sync.ts';

/** What a screen runs on when the server cannot say: no basemap, the national default deadlines, the wall's defaults. */
const NONE: ScreenConfig = {
  basemap: null,
  reporting: { initialMin: 30, followUpMin: 120 },
  wall: { focusSeconds: 60, tourAfterSeconds: 120, tourStepSeconds: 20 },
  keepFinishedMinutes: DEFAULT_KEEP_FINISHED_MIN,
};
const TIMEOUT_MS = 3000;

let loading: Promise<ScreenConfig> | null = null;

/**
 * The server's settings for screens, asked for once as the screen starts (main.tsx), before the snapshot
 * keeps the server busy. A screen that cannot have them runs on the defaults.
 */
export function loadScreenConfig(): Promise<ScreenConfig> {
  loading ??= fetch('/api/screen-config', { signal: AbortSignal.timeout(TIMEOUT_MS) })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`screen config: HTTP ${r.status}`))))
    .then((body) => screenConfigSchema.parse(body))
    .catch((err: unknown) => {
      console.warn('screen config unavailable, using defaults:', err);
      return NONE;
    });
  return loading;
}
