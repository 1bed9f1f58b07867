import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { accountRoutes } from './accounts/routes.ts';
import { startAlertMonitor } from './alerts/monitor.ts';
import { startCapLoop } from './cap/feed.ts';
import { alertRoutes } from './alerts/routes.ts';
import { startReportMailer } from './reports/report-mail.ts';
import { ensureAdmin } from './accounts/users.ts';
import { FailureLimiter } from './auth/ratelimit.ts';
import type { HubContext, HubLimits } from './context.ts';
import { TxBatcher } from './db/batcher.ts';
import { openDb } from './db/db.ts';
import type { SqliteOptions } from './db/sqlite.ts';
import { DeviceCache } from './devices/cache.ts';
import { PushHub } from './devices/push.ts';
import { fleetRoutes } from './devices/routes.ts';
import { TitleCache } from './devices/titles.ts';
import { HttpError } from './http/errors.ts';
import { ListenError, listen } from './http/listen.ts';
import { baselineHeaders, errorBody, json } from './http/respond.ts';
import { openApiRoute } from './http/openapi.ts';
import { Router } from './http/router.ts';
import { serveStatic, type StaticDirs } from './http/static.ts';
import { mediaRoutes } from './media/routes.ts';
import { setupKeys } from './publish/keys.ts';
import { publishRoutes } from './publish/routes.ts';
import { rollUpDays } from './reports/finance-days.ts';
import { reportRoutes } from './reports/routes.ts';
import { deviceRoutes } from './routes/device-api.ts';
import { updateRoutes } from './routes/updates.ts';
import { parseJsonText } from '../playlists/parse.ts';

export interface HubOptions {
  dataDir: string;
  /** postgres://… ; absent: SQLite file DATA/hub.sqlite. */
  databaseUrl?: string | undefined;
  /** The SQLite checkpoint policy (sqlite.ts); the bench sets the pre-issue-17 one as its baseline. */
  sqlite?: SqliteOptions;
  port?: number;
  host?: string;
  publicUrl?: string | undefined;
  rootFile?: string | undefined;
  publisherKeyFile?: string | undefined;
  secureCookies?: 'auto' | boolean;
  /** The zone the studio shows every date and time in (IANA). */
  timeZone?: string;
  /** Built studio (index.html, assets/) and renderer (the preview frame); default: studio/dist and renderer/dist of this checkout. */
  staticDirs?: Partial<StaticDirs>;
  limits?: Partial<HubLimits>;
  keepAliveMs?: number;
  now?: () => number;
  /** false: no alert loop and no CAP feed loop (tests that drive them themselves); the routes stay. */
  alertLoop?: boolean;
  /** How often the monthly finance report mail looks whether a month is due (default a minute). */
  reportMailCheckMs?: number;
  log?: (line: string) => void;
}

export interface Hub {
  url: string;
  context: HubContext;
  /** Set on the very first start only: the generated admin login, to print once. */
  firstAdmin: { username: string; password: string } | undefined;
  notices: string[];
  server: Server;
  router: Router;
  close(): Promise<void>;
}

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export { ListenError };

export const DEFAULT_LIMITS: HubLimits = { maxUploadBytes: 2 * 1024 ** 3, maxEnvelopeBytes: 4 * 1024 * 1024 };

/**
 * Heartbeat history and dead sessions are kept for two weeks; play records and the audit log forever.
 * Each screen's availability per day is rolled up first, for the finance report (server/reports/finance-days.ts).
 */
export async function prune(hub: HubContext): Promise<void> {
  const cutoff = hub.now() - 14 * 86_400_000;
  await rollUpDays(hub.db, hub.timeZone, hub.now(), cutoff);
  await hub.db.run('DELETE FROM heartbeats WHERE received_at < $1', [cutoff]);
  await hub.db.run('DELETE FROM sessions WHERE expires_at < $1', [hub.now()]);
}

async function hubVersion(root: string): Promise<string> {
  const text = await readFile(join(root, 'package.json'), 'utf8').catch(() => '{}');
  return (parseJsonText(text, 'package.json') as { version?: string }).version ?? '0.0.0';
}

export async function createHub(options: HubOptions): Promise<Hub> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const now = options.now ?? Date.now;
  const db = await openDb({ url: options.databaseUrl, file: join(dataDir, 'hub.sqlite'), sqlite: options.sqlite });
  const keys = await setupKeys(db, dataDir, { rootFile: options.rootFile, publisherKeyFile: options.publisherKeyFile, now: new Date(now()) });
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const hub: HubContext = {
    db,
    writes: new TxBatcher(db),
    dataDir,
    publicUrl: options.publicUrl,
    secureCookies: options.secureCookies ?? 'auto',
    publisher: keys.publisher,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    titles: new TitleCache(),
    push: new PushHub(keepAliveMs),
    devices: new DeviceCache(db),
    loginLimiter: new FailureLimiter(),
    // Generous: a venue may pair a hundred screens behind one NAT address; each asks once per 15-minute code.
    pairLimiter: new FailureLimiter(300, 15 * 60_000),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    keepAliveMs,
    now,
    log: options.log ?? (() => undefined),
  };
  const firstAdmin = await ensureAdmin(hub);
  const pruner = setInterval(() => void prune(hub).catch((e: Error) => hub.log(`prune: ${e.message}`)), 3600_000);
  pruner.unref();

  const root = join(import.meta.dirname, '..');
  const dirs: StaticDirs = { studio: join(root, 'studio', 'dist'), renderer: join(root, 'renderer', 'dist'), ...options.staticDirs };
  const router = new Router();
  deviceRoutes(hub, router);
  accountRoutes(hub, router);
  publishRoutes(hub, router);
  mediaRoutes(hub, router);
  fleetRoutes(hub, router);
  reportRoutes(hub, router);
  const alerts = startAlertMonitor(hub, options.alertLoop ?? true);
  const cap = startCapLoop(hub, options.alertLoop ?? true);
  alertRoutes(hub, router, alerts);
  const reportMailer = startReportMailer(hub, options.reportMailCheckMs ?? 60_000);
  openApiRoute(hub, router, await hubVersion(root));
  await updateRoutes(hub, router);

  const server = createServer(async (req, res) => {
    baselineHeaders(res);
    // Screens compare their clocks with this header: it tells the hub's own time (an injected clock in tests and the soak).
    res.setHeader('Date', new Date(now()).toUTCString());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hub.invalid');
    } catch {
      res.writeHead(400).end();
      return;
    }
    try {
      const match = router.match(req.method ?? 'GET', url.pathname);
      if (match === undefined && (await serveStatic(req, res, url.pathname, dirs))) return;
      if (match === undefined) throw new HttpError(404, 'NOT_FOUND', `no such path: ${url.pathname}`, [], { what: url.pathname });
      if (match === 'method') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${url.pathname}`);
      await match.handler({ req, res, url, params: match.params });
    } catch (error) {
      const e = error instanceof HttpError ? error : new HttpError(500, 'INTERNAL', 'internal error');
      if (!(error instanceof HttpError)) hub.log(`error ${req.method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      json(res, e.status, errorBody(e.code, e.message, e.issues, e.params));
    }
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  try {
    await listen(server, options.port ?? 8080, options.host ?? '127.0.0.1');
  } catch (error) {
    // Nothing may keep the process alive after a failed start: the caller reports and exits.
    clearInterval(pruner);
    cap.close();
    await alerts.close();
    await reportMailer.close();
    hub.push.close();
    await db.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
    context: hub,
    firstAdmin,
    notices: keys.notices,
    server,
    router,
    async close() {
      clearInterval(pruner);
      cap.close();
      await alerts.close();
      await reportMailer.close();
      hub.push.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await db.close();
    },
  };
}
