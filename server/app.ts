import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { snapshotQuerySchema } from '../shared/changes.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/events.ts';
import { PROTOCOL_VERSION } from '../shared/events.ts';
import type { Config } from './config.ts';
import { auditRoutes } from './audit/routes.ts';
import { authenticate, authRoutes, requirePermission, writesNeed } from './auth/http.ts';
import { accountRoutes } from './auth/accounts.ts';
import { deviceRoutes } from './auth/devices.ts';
import { ensureAccounts } from './auth/service.ts';
import { SessionCache } from './auth/session-cache.ts';
import { basemapOrigins, basemapReferrerPolicy, basemapRoutes } from './basemap/routes.ts';
import { openDatabase } from './db/database.ts';
import { type Clock, Store } from './db/store.ts';
import type { DomainDeps } from './deps.ts';
import { startDemo } from './demo/feed.ts';
import { dutyRoutes } from './duty/routes.ts';
import { dutyCommands } from './duty/socket.ts';
import { fireAlertRoutes } from './fire-alerts/routes.ts';
import { escalateOverdueAlerts } from './fire-alerts/service.ts';
import { markOverdueHazards } from './hazards/service.ts';
import { hazardRoutes, tipOffReviewRoutes, tipOffRoutes } from './hazards/routes.ts';
import { runEvery } from './timers.ts';
import { fireAlertCommands } from './fire-alerts/socket.ts';
import { parseInput } from './errors.ts';
import { DistrictLocator } from './geo/district-locator.ts';
import { HeatSourceMask } from './fire-alerts/heat-sources.ts';
import { RiskPointClusterTiles } from './risk-points/cluster-tiles.ts';
import { RiskPointSummaries } from './risk-points/summaries.ts';
import { apiNotFound, errorHandler, refuseForeignWrites, requireJsonBody, writeRateLimit } from './http/middleware.ts';
import { ChangeBatcher } from './realtime/batcher.ts';
import type { SocketData } from './realtime/command.ts';
import { acceptScreens } from './realtime/connection.ts';
import { sessionRoom } from './realtime/rooms.ts';
import { ConsultRooms } from './consult/rooms.ts';
import { consultRoutes } from './consult/routes.ts';
import { consultCommands } from './consult/socket.ts';
import { calendarFeedRoutes, publicCalendarRoutes } from './exports/calendar-feeds.ts';
import { exportRoutes } from './exports/routes.ts';
import { FirmsPoller } from './fire-alerts/firms-poller.ts';
import { importRoutes } from './imports/routes.ts';
import { warningRoutes } from './warnings/routes.ts';
import { incidentRoutes } from './incidents/routes.ts';
import { riskPointRoutes } from './risk-points/routes.ts';
import { riskPointCommands } from './risk-points/socket.ts';
import { readSnapshotJson } from './snapshot/read.ts';
import { channelsOf, NotificationSender } from './notifications/sender.ts';
import { notificationRoutes } from './notifications/routes.ts';

export interface AppDeps {
  log: Logger;
  clock?: Clock;
}

export interface App {
  deps: DomainDeps;
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  /** Starts listening; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the whole server: database, HTTP API, live feed and (when configured) the demo generator. */
export async function createApp(config: Config, { log, clock = () => new Date() }: AppDeps): Promise<App> {
  const db = await openDatabase(config.storage, log);
  const store = await Store.open(db, config.storage.kind, clock, config.changeLogRetain);
  const heatSources = config.heatSourceMask ? HeatSourceMask.load(config.heatSourceMask) : HeatSourceMask.none;
  const summaries = await RiskPointSummaries.load(store);
  // The store's commit listeners, all wired here, in the order they hear each commit (inside the store's
  // turn, before the next write begins):
  // 1. the serialised risk points, so a snapshot read after a commit holds it (registered now: no commit
  //    may slip between the load and the listener);
  // 2. the batcher, which sends the changes to the screens within PUSH_INTERVAL_MS (once the sockets exist).
  store.onCommit((changes) => summaries.apply(changes));
  const sessions = new SessionCache(clock);
  store.onAudit(sessions.forgetOn);
  const clusterTiles = new RiskPointClusterTiles(summaries);
  const deps: DomainDeps = {
    store,
    sessions,
    summaries,
    clusterTiles,
    locator: DistrictLocator.load(),
    heatSources,
    notifyChannels: channelsOf(config.notify),
    demo: config.demo.enabled,
    rules: config.rules,
  };
  await ensureAccounts(deps, log);

  const app = express();
  const httpServer = http.createServer(app);
  const io: App['io'] = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  app.disable('x-powered-by');
  // off by default: a forwarded header from anyone who can reach the port would reset every per-address limit
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(basemapOrigins(config.basemap), basemapReferrerPolicy(config.basemap)));
  // a page of another origin (another port of this host is the same *site*: the cookie goes along) changes nothing
  app.use(refuseForeignWrites(config.allowedOrigins));
  app.use(basemapRoutes(config.basemap, { reporting: config.rules.reporting, wall: config.wall, keepFinishedMinutes: config.keepFinishedMinutes }, deps));

  const firms = new FirmsPoller(config.firms, deps, log);
  // Imports take files in their own media types (CSV, XML), so they are mounted before the JSON-only API.
  app.use('/api/import', writeRateLimit(config.writeRateLimitPerMin), authenticate(deps), requirePermission('operate'), importRoutes(deps, firms));
  // The public tip-off form needs no account (rate-limited per address) and carries its photo: before the JSON API's 1 MB.
  app.use('/api/tip-offs', tipOffRoutes(deps));

  const api = express.Router();
  api.use(writeRateLimit(config.writeRateLimitPerMin));
  api.use(requireJsonBody);
  api.use(express.json({ limit: '1mb', strict: true }));
  api.get('/health', (_req, res) => {
    res.json({ status: 'ok', storage: store.kind, demo: deps.demo, protocol: PROTOCOL_VERSION, seq: store.currentSeq });
  });
  // Calendar apps cannot sign in: a roster subscription carries its own revocable token.
  api.use('/calendar', publicCalendarRoutes(deps, config.calendarFeedDays));
  const closeSessions = (sessionIds: string[]) => sessionIds.forEach((id) => io.in(sessionRoom(id)).disconnectSockets(true));
  // A sign-out closes the live connections of that session; a new password those of the account's other sessions.
  api.use('/auth', authRoutes(deps, closeSessions));
  // Everything below needs a session: reading the picture needs `read`, changing it `operate`.
  api.use(authenticate(deps));
  api.use(requirePermission('read'));
  api.use(writesNeed('operate'));
  api.use('/audit', requirePermission('administer'), auditRoutes(deps));
  api.use('/devices', requirePermission('administer'), deviceRoutes(deps, closeSessions));
  api.use('/accounts', requirePermission('administer'), accountRoutes(deps, closeSessions));
  api.get('/snapshot', async (req, res) => {
    const { district } = parseInput(snapshotQuerySchema, req.query, 'snapshot query');
    res.type('json').send(await readSnapshotJson(deps, district));
    // the screen asks for the map's clusters next: have them ready
    setImmediate(() => clusterTiles.prepare(district));
  });
  api.use('/risk-points', riskPointRoutes(deps));
  api.use('/fire-alerts', fireAlertRoutes(deps));
  api.use('/duty', dutyRoutes(deps));
  api.use('/incidents', incidentRoutes(deps));
  api.use('/hazards', hazardRoutes(deps));
  api.use('/tip-offs', tipOffReviewRoutes(deps));
  api.use('/warnings', warningRoutes(deps));
  api.use('/export', exportRoutes(deps));
  api.use('/calendar-feeds', calendarFeedRoutes(deps, config.calendarFeedDays));
  api.use('/consult', consultRoutes(deps));
  api.use('/notifications', notificationRoutes(deps));
  api.use(apiNotFound);
  app.use('/api', api);
  serveClient(app, config.clientDir);
  app.use(errorHandler(log));

  const batcher = new ChangeBatcher(io, config.pushIntervalMs);
  store.onCommit((changes) => batcher.enqueue(changes)); // commit listener 2 (see above)
  // 3. the notification sender: escalations' webhook and SMS sends start once their write has committed
  const notifier = new NotificationSender(deps, config.notify, log, deps.notifyChannels);
  store.onCommit(notifier.hear);
  await notifier.start();
  const consult = consultCommands(io, new ConsultRooms(), config.iceServers, deps, log);
  acceptScreens(io, deps, config, log, (socket) => {
    riskPointCommands(socket, deps, log);
    fireAlertCommands(socket, deps, log);
    dutyCommands(socket, deps, log);
    consult(socket);
  });

  const demo = config.demo.enabled ? await startDemo(deps, config.demo, log) : null;
  // the city's clusters are ready before the first screen asks for them
  clusterTiles.prepare();
  // escalation happens at most this late, and an overdue hazard is counted at most this late
  const checks = [
    runEvery(5_000, 'fire alerts escalated to the leader on duty', () => escalateOverdueAlerts(deps), log),
    runEvery(30_000, 'hazards past their rectification deadline', () => markOverdueHazards(deps), log),
  ];
  firms.start();

  return {
    deps,
    io,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
        });
      }),
    async close() {
      demo?.stop();
      await Promise.all([...checks.map((check) => check.stop()), firms.stop(), notifier.stop()]);
      batcher.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await store.idle();
      await db.destroy();
    },
  };
}

/**
 * helmet with our Content-Security-Policy. helmet's default adds `upgrade-insecure-requests`, which makes a
 * browser fetch every script of a page served over plain HTTP from https — on any host but localhost the desk
 * and the wall stay blank on the LAN. The directive is sent only when the request came over TLS (directly, or
 * through a proxy trusted by TRUST_PROXY that says so). Referrers stay off unless the basemap needs them.
 */
function securityHeaders(basemapOrigins: string[], referrerPolicy: ReturnType<typeof basemapReferrerPolicy>): express.RequestHandler {
  const directives = contentSecurityPolicy(basemapOrigins);
  const overTls = helmet({ referrerPolicy: { policy: referrerPolicy }, contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: [] } } });
  const plain = helmet({ referrerPolicy: { policy: referrerPolicy }, contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } } });
  return (req, res, next) => (req.secure ? overTls : plain)(req, res, next);
}

function contentSecurityPolicy(basemap: string[]) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // MapLibre runs its worker from a blob and draws images from blobs and data URLs.
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    imgSrc: ["'self'", 'data:', 'blob:', ...basemap],
    styleSrc: ["'self'", "'unsafe-inline'"],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:', ...basemap],
  };
}

/** The built screen, with every non-API path answered by index.html so client routes survive a reload. */
function serveClient(app: express.Express, clientDir: string) {
  const index = path.join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res, next) => {
    if (!fs.existsSync(index)) return next();
    res.sendFile(index);
  });
}
