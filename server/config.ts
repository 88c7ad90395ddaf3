import path from 'node:path';
import { z } from 'zod';
import { iceServersSchema } from '../shared/consult.ts';
import { DEFAULT_KEEP_FINISHED_MIN } from '../shared/sync.ts';
import { jsonText } from '../shared/records.ts';
import { basemapDatumSchema, basemapFromSetting, isTiandituPreset, shiftedDatumOf, shiftedDatumRefusal } from '../shared/basemap.ts';

const flag = z.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'on' || v === 'yes');

const optionalUrl = z
  .url({ protocol: /^https?$/ })
  .or(z.literal('').transform(() => undefined))
  .optional();
const optionalSecret = z.string().trim().max(500).optional();

/** Escalation's outbound channels (the leader's own screen needs no setting). */
const notifyEnv = {
  /** Set: every escalation is POSTed here as JSON, signed with NOTIFY_WEBHOOK_SECRET if that is set. */
  NOTIFY_WEBHOOK_URL: optionalUrl,
  NOTIFY_WEBHOOK_SECRET: optionalSecret,
  /** A generic HTTP SMS gateway: POST {phone, text} with `Authorization: Bearer SMS_GATEWAY_TOKEN`. */
  SMS_GATEWAY_URL: optionalUrl,
  SMS_GATEWAY_TOKEN: optionalSecret,
  /** One outbound attempt is given up after this long ... */
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** ... tried this many times in all ... */
  NOTIFY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** ... waiting this long after the first failure, doubling each time, at most 10 minutes. */
  NOTIFY_RETRY_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
};

/** Every setting the server reads, parsed once. The README's configuration table documents each. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default('data'),
  DEMO_FEED: flag.default(false),
  DEMO_SEED: z.coerce.number().int().default(20261123),
  DEMO_RISK_POINTS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  DEMO_FEED_INTERVAL_MS: z.coerce.number().int().min(50).default(3000),
  /** The demo city is seeded but holds still: nothing moves until the feed is let go again. */
  DEMO_FEED_PAUSED: flag.default(false),
  PUSH_INTERVAL_MS: z.coerce.number().int().min(1).max(1000).default(20),
  CHANGE_LOG_RETAIN: z.coerce.number().int().min(1000).default(200_000),
  WRITE_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(6000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIR: z.string().default('dist/client'),
  /** A fire alert nobody has taken after this many seconds is escalated to the leader on duty. */
  FIRE_ALERT_ESCALATE_AFTER_S: z.coerce.number().int().min(10).max(86_400).default(300),
  /** The initial report (首报) on an incident is due this many minutes after it occurred ... */
  INCIDENT_INITIAL_REPORT_MIN: z.coerce.number().int().min(1).max(1440).default(30),
  /** ... and a follow-up (续报) this many minutes after the last report, until the final one. */
  INCIDENT_FOLLOW_UP_MIN: z.coerce.number().int().min(1).max(10_080).default(120),
  /** Satellite hotspots this close (km) ... */
  HOTSPOT_MERGE_KM: z.coerce.number().min(0).max(50).default(1),
  /** ... and this soon (minutes) after an alert's latest detection join that alert. */
  HOTSPOT_MERGE_WINDOW_MIN: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(360),
  /** A 天地图 preset, XYZ tile template, style URL, or PMTiles file/URL drawn under the command layers; unset = offline style only. */
  BASEMAP: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || isTiandituPreset(v) || /^https?:\/\//i.test(v) || /\.pmtiles$/i.test(v),
      'tianditu-vector, tianditu-imagery, an http(s) URL, or the path of a .pmtiles file',
    )
    .optional(),
  /** The 天地图 browser key (tk) for the tianditu-* presets; it travels in every tile URL, as 天地图 works. */
  TIANDITU_KEY: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9]{16,64})?$/, 'a 天地图 key (letters and digits, as the console shows it)')
    .optional(),
  /** What the basemap's tiles are drawn in, when its host does not tell: gcj02 or bd09 is refused, like 高德, 腾讯 or 百度. */
  BASEMAP_DATUM: basemapDatumSchema.or(z.literal('').transform(() => undefined)).optional(),
  /** NASA FIRMS MAP_KEY: set, the live Area API is polled for hotspots; unset, the poller is off. */
  FIRMS_MAP_KEY: z.string().trim().min(1).optional(),
  FIRMS_SOURCE: z
    .string()
    .regex(/^[A-Z0-9_]+$/, 'a FIRMS source such as VIIRS_SNPP_NRT')
    .default('VIIRS_SNPP_NRT'),
  /** west,south,east,north; by default the box around Jiujiang. */
  FIRMS_AREA: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'west,south,east,north in degrees')
    .default('113.9,28.6,117.0,30.1'),
  FIRMS_DAY_RANGE: z.coerce.number().int().min(1).max(10).default(1),
  FIRMS_POLL_MIN: z.coerce.number().positive().max(1440).default(15),
  FIRMS_API_URL: z.url({ protocol: /^https?$/ }).default('https://firms.modaps.eosdis.nasa.gov'),
  /** The wall stays on a new red event or fire alert this long, then returns to the whole city ... */
  WALL_FOCUS_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** ... and after this long without news tours the districts, one every WALL_TOUR_STEP_S (0: no tour). */
  WALL_TOUR_AFTER_S: z.coerce.number().int().min(0).max(86_400).default(120),
  WALL_TOUR_STEP_S: z.coerce.number().int().min(0).max(3600).default(20),
  /** Screens keep finished alerts, hazards, incidents and warnings this long (minutes) after their last change. */
  SCREEN_KEEP_FINISHED_MIN: z.coerce.number().int().min(1).max(525_600).default(DEFAULT_KEEP_FINISHED_MIN),
  /** STUN/TURN servers for video consultations, as JSON (RTCIceServer[]); none needed on one network. */
  ICE_SERVERS: jsonText(iceServersSchema, 'ICE_SERVERS').default([]),
  /** GeoJSON of known industrial heat sources, whose satellite hotspots are flagged rather than alarmed. */
  HEAT_SOURCE_MASK: z.string().trim().optional(),
  /** Origins besides the server's own address whose pages may use a session (a proxy's public address), comma-separated. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /**
   * Which hops may say who the client is (X-Forwarded-For) and that it came over TLS (X-Forwarded-Proto):
   * off by default, else Express's `trust proxy` value (`loopback`, a hop count, or addresses/subnets).
   */
  TRUST_PROXY: z.string().trim().default('off'),
  /** A roster subscription's address stops working this many days after it was made. */
  CALENDAR_FEED_DAYS: z.coerce.number().int().min(1).max(3660).default(180),
  ...notifyEnv,
});

/** The outbound channels' settings checked together (a gateway needs its token). */
const notifyChecked = envSchema.superRefine(checkNotify);

const DEMO_HEAT_SOURCES = new URL('./fire-alerts/demo-heat-sources.geojson', import.meta.url).pathname;

/**
 * The environment as the server uses it: grouped by concern, units in the names. Built by the schema itself
 * so the type below is inferred, never written twice.
 */
const configSchema = notifyChecked.superRefine(checkBasemap).transform((e) => ({
  port: e.PORT,
  host: e.HOST,
  storage: e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({ kind: 'sqlite', file: path.resolve(e.DATA_DIR, 'onemap.sqlite') } as const),
  demo: { enabled: e.DEMO_FEED, seed: e.DEMO_SEED, riskPoints: e.DEMO_RISK_POINTS, feedIntervalMs: e.DEMO_FEED_INTERVAL_MS, paused: e.DEMO_FEED_PAUSED },
  pushIntervalMs: e.PUSH_INTERVAL_MS,
  changeLogRetain: e.CHANGE_LOG_RETAIN,
  writeRateLimitPerMin: e.WRITE_RATE_LIMIT_PER_MIN,
  logLevel: e.LOG_LEVEL,
  clientDir: path.resolve(e.CLIENT_DIR),
  rules: {
    escalateAfterMs: e.FIRE_ALERT_ESCALATE_AFTER_S * 1000,
    hotspotMerge: { distanceKm: e.HOTSPOT_MERGE_KM, windowMs: e.HOTSPOT_MERGE_WINDOW_MIN * 60_000 },
    reporting: { initialMin: e.INCIDENT_INITIAL_REPORT_MIN, followUpMin: e.INCIDENT_FOLLOW_UP_MIN },
    keepFinishedMs: e.SCREEN_KEEP_FINISHED_MIN * 60_000,
  },
  /** What screens draw under the command layers (null: the offline style only), and the local PMTiles file the server serves, if any. */
  basemap: e.BASEMAP
    ? {
        screen: basemapFromSetting(e.BASEMAP, e.TIANDITU_KEY),
        localFile: /\.pmtiles$/i.test(e.BASEMAP) && !/^https?:\/\//i.test(e.BASEMAP) ? path.resolve(e.BASEMAP) : null,
      }
    : null,
  iceServers: e.ICE_SERVERS,
  keepFinishedMinutes: e.SCREEN_KEEP_FINISHED_MIN,
  wall: { focusSeconds: e.WALL_FOCUS_S, tourAfterSeconds: e.WALL_TOUR_AFTER_S, tourStepSeconds: e.WALL_TOUR_STEP_S },
  /** The FIRMS Area API poller, or null when no MAP_KEY is set. */
  firms: e.FIRMS_MAP_KEY
    ? {
        apiUrl: e.FIRMS_API_URL,
        mapKey: e.FIRMS_MAP_KEY,
        source: e.FIRMS_SOURCE,
        area: e.FIRMS_AREA,
        dayRange: e.FIRMS_DAY_RANGE,
        intervalMs: e.FIRMS_POLL_MIN * 60_000,
      }
    : null,
  /** The heat source mask file; the demo city has its own, a real one only what is configured. */
  heatSourceMask: e.HEAT_SOURCE_MASK ? path.resolve(e.HEAT_SOURCE_MASK) : e.DEMO_FEED ? DEMO_HEAT_SOURCES : null,
  /** Pages of these origins, besides the server's own, may use a session (HTTP writes and the socket). */
  allowedOrigins: e.ALLOWED_ORIGINS,
  /** Express's `trust proxy`: false, or the hops whose forwarded headers are believed. */
  trustProxy: trustProxyOf(e.TRUST_PROXY),
  calendarFeedDays: e.CALENDAR_FEED_DAYS,
  notify: notifyConfigOf(e),
}));

export type Config = z.output<typeof configSchema>;
/** The live FIRMS Area API: which product (VIIRS_SNPP_NRT, MODIS_NRT, …), over which box (west,south,east,north), how often. */
export type FirmsPollerConfig = NonNullable<Config['firms']>;
export type StorageKind = Config['storage']['kind'];
/** Where escalations are sent besides the leader's screen, and how hard the server tries. */
export type NotifyConfig = Config['notify'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/**
 * Basemaps refused at start-up rather than drawn wrong: a 天地图 preset without its key; tiles in a shifted
 * datum (GCJ-02, BD-09), by their host or as declared; 天地图's longitude/latitude (`_c`) services, whose grid
 * is not MapLibre's Web Mercator.
 */
function checkBasemap(e: z.output<typeof envSchema>, ctx: z.RefinementCtx) {
  if (!e.BASEMAP) return;
  if (isTiandituPreset(e.BASEMAP) && !e.TIANDITU_KEY) {
    const message = `BASEMAP=${e.BASEMAP} needs TIANDITU_KEY, a 天地图 browser key (https://console.tianditu.gov.cn) / 天地图底图需要配置 TIANDITU_KEY`;
    ctx.addIssue({ code: 'custom', path: ['TIANDITU_KEY'], message });
  }
  const shifted = shiftedDatumOf(e.BASEMAP, e.BASEMAP_DATUM);
  if (shifted) ctx.addIssue({ code: 'custom', path: ['BASEMAP'], message: shiftedDatumRefusal(shifted) });
  if (/tianditu\.gov\.cn/i.test(e.BASEMAP) && /_c\/|TILEMATRIXSET=c(&|$)/i.test(e.BASEMAP)) {
    const message = `a 天地图 _c service is in longitude/latitude tiles, not Web Mercator: use its _w service or BASEMAP=tianditu-vector / tianditu-imagery`;
    ctx.addIssue({ code: 'custom', path: ['BASEMAP'], message });
  }
}

/** `off`/`false`/empty: no proxy; a number: that many hops; anything else as Express reads it (names, addresses). */
function trustProxyOf(setting: string): boolean | number | string {
  if (setting === '' || /^(off|false|0|no)$/i.test(setting)) return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting;
}

/** A gateway without its token, or a secret without its webhook, is a mistake: refused at start-up. */
function checkNotify(e: z.output<typeof envSchema>, ctx: z.RefinementCtx) {
  if (e.SMS_GATEWAY_URL && !e.SMS_GATEWAY_TOKEN)
    ctx.addIssue({ code: 'custom', path: ['SMS_GATEWAY_TOKEN'], message: 'SMS_GATEWAY_URL needs SMS_GATEWAY_TOKEN / 短信网关需要配置 SMS_GATEWAY_TOKEN' });
  if (e.NOTIFY_WEBHOOK_SECRET && !e.NOTIFY_WEBHOOK_URL)
    ctx.addIssue({ code: 'custom', path: ['NOTIFY_WEBHOOK_SECRET'], message: 'NOTIFY_WEBHOOK_SECRET is set but NOTIFY_WEBHOOK_URL is not' });
}

function notifyConfigOf(e: z.output<typeof envSchema>) {
  return {
    webhook: e.NOTIFY_WEBHOOK_URL ? { url: e.NOTIFY_WEBHOOK_URL, secret: e.NOTIFY_WEBHOOK_SECRET || null } : null,
    sms: e.SMS_GATEWAY_URL && e.SMS_GATEWAY_TOKEN ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN } : null,
    timeoutMs: e.NOTIFY_TIMEOUT_MS,
    retry: { attempts: e.NOTIFY_ATTEMPTS, baseMs: e.NOTIFY_RETRY_MS, maxMs: 600_000 },
  };
}
