import { readFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { BoardCatalog } from './boards/board-catalog.js';
import { boardModelOf } from './boards/board-model.js';
import type { RadiatorConfig } from './config/schema.js';
import { builtInKinds, type ServerKinds } from './built-in-kinds.js';
import { expectedArrival } from './config/expected-arrival.js';
import type { DisplayLimits } from './hub/display-limits.js';
import { Hub, type SocketAdapter } from './hub/hub.js';
import { createHttpApp } from './http/http-app.js';
import { registerRoutes } from './http/routes.js';
import { LiveUpdates } from './live-updates.js';
import { createLogger, type ServerLogger } from './logger.js';
import { RadiatorMetrics } from './metrics/radiator-metrics.js';
import { PushIntake } from './push-intake.js';
import { PushTokens } from './push/push-tokens.js';
import { SecretRedactor } from './sources/secret-redactor.js';
import { cronSchedule, Scheduler, type ScheduleFn } from './scheduler.js';
import { demoEnvironment } from './standins/demo-env.js';
import type { RunningStandIn } from './standins/stand-in.js';
import { InMemoryServerStore } from './store/in-memory-server-store.js';
import { SqliteStore } from './store/sqlite-store.js';
import type { StoredSourceSpec } from './store/store.js';
import type { ServerStore } from './store/store-ports.js';

export interface ServerDeps {
  /** Where state is kept (DATA/radiator.db); null keeps it in memory only. Unused when `store` is given. */
  dataDir: string | null;
  /**
   * The store to run on; by default SQLite in `dataDir`, or memory only without one. Build it from
   * `storeSpecsOf(config)`; the server restores it at listen and closes it at close.
   */
  store?: ServerStore;
  /** Socket.IO adapter (several instances share rooms through e.g. the Redis adapter); in-memory by default. */
  socketAdapter?: SocketAdapter;
  /** Built display app (vite output); null serves the API only. */
  clientDir: string | null;
  /** Start the stand-ins listed under `demo.standIns`. */
  startStandIns: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** pino; Fastify logs through it too. JSON lines to standard output by default. */
  logger: ServerLogger;
  now: () => number;
  schedule: ScheduleFn;
  /**
   * How long the first polls wait for the saved state to load: a quick load gives adapters their
   * previous reading (munin counter rates); a slow one (a big history) must not keep the wall waiting.
   */
  restoreWaitMs: number;
  /** How often views are re-judged for time-based staleness. */
  sweepMs: number;
  /** Reported on /healthz and to displays (which reload when it changes); package.json's by default. */
  version: string;
  /** What one display may ask of the hub (boards at once, joins per window); the hub's defaults otherwise. */
  displayLimits?: DisplayLimits;
  /** The source, widget and stand-in kinds; the config must have been validated against the same. */
  kinds: ServerKinds;
}

export interface RadiatorServer {
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
  readonly store: ServerStore;
  readonly scheduler: Scheduler;
  /** Where pushed sources' data comes in. */
  readonly pushes: PushIntake;
}

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The composition root: wires config → sources → store → tiles → hub → HTTP. No globals. */
export function createServer(config: RadiatorConfig, partial: Partial<ServerDeps> = {}): RadiatorServer {
  const deps: ServerDeps = {
    dataDir: null,
    clientDir: null,
    startStandIns: false,
    env: process.env,
    logger: partial.logger ?? createLogger(),
    now: Date.now,
    schedule: cronSchedule,
    restoreWaitMs: 5_000,
    sweepMs: 1_000,
    version: packageVersion,
    kinds: builtInKinds,
    ...partial,
  };
  const { version } = deps;
  const { logger, now } = deps;
  const startedAt = now();
  const specs = storeSpecsOf(config);
  const store: ServerStore =
    deps.store ?? (deps.dataDir ? new SqliteStore({ dataDir: deps.dataDir, sources: specs, now, logger }) : new InMemoryServerStore(specs, now));
  const metrics = new RadiatorMetrics({
    sourceIds: () => Object.keys(config.sources),
    isStale: (id) => store.health(id, now()).stale,
    viewers: (): Record<string, number> => hub.viewers(),
    ...(store.persistenceStatus().file !== null ? { stateSaving: () => store.persistenceStatus().saving } : {}),
  });
  // a demo stand-in that pushes (the deploy tool) and the source it pushes to share a token made up for the run
  const demo = deps.startStandIns ? demoEnvironment(deps.env, config.demo?.standIns ?? [], deps.kinds.standIns) : { env: deps.env, madeUp: [] };
  const env = demo.env;
  for (const name of demo.madeUp) logger.info(`demo: ${name} is not set; made up a token for this run, which the demo stand-ins push with`);
  const scheduler = new Scheduler(config.sources, { store, schedule: deps.schedule, now, env, logger, observer: metrics, kinds: deps.kinds.sources });
  const pushedSourceIds = Object.entries(config.sources)
    .filter(([, source]) => deps.kinds.sources.find((k) => k.kind === source.type)?.arrives === 'pushed')
    .map(([id]) => id);
  const tokens = new PushTokens(config.sources, pushedSourceIds, env);
  for (const warning of tokens.warnings) logger.warn(warning);
  const redactor = SecretRedactor.fromSecrets(tokens.secrets());
  const pushes = new PushIntake(config.sources, { store, events: store, now, kinds: deps.kinds.sources, logger, redactor, boardIds: Object.keys(config.boards) });
  const catalog = new BoardCatalog(boardModelOf(config, deps.kinds.tiles), store, version);
  const app = createHttpApp(logger);
  const connections = new Set<Socket>();
  app.server.on('connection', (connection: Socket) => {
    connections.add(connection);
    connection.once('close', () => connections.delete(connection));
  });
  // Socket.IO shares Fastify's HTTP server: it answers /socket.io/ itself and hands every other request on
  const hub: Hub = new Hub(app.server, catalog, now, {
    logger,
    observer: metrics,
    ...(deps.displayLimits ? { limits: deps.displayLimits } : {}),
    ...(deps.socketAdapter ? { adapter: deps.socketAdapter } : {}),
  });
  registerRoutes(app, {
    config,
    catalog,
    store,
    hub,
    metrics,
    clientDir: deps.clientDir,
    persistence: () => store.persistenceStatus(),
    pushes,
    tokens,
    events: store,
    now,
    startedAt,
    version,
  });
  const live = new LiveUpdates(store, catalog, hub, now, logger, deps.sweepMs);
  const standIns: RunningStandIn[] = [];
  /** Where this server answers, for stand-ins that talk to it; null until it listens. */
  let listeningAt: string | null = null;
  let pollingStart: NodeJS.Timeout | null = null;
  let closed = false;
  let polling = false;
  function startPolling(): void {
    if (pollingStart) clearTimeout(pollingStart);
    pollingStart = null;
    if (closed || polling) return;
    polling = true;
    scheduler.start();
  }

  return {
    store,
    scheduler,
    pushes,
    async listen(port, host = '0.0.0.0') {
      if (deps.startStandIns) {
        for (const [i, spec] of (config.demo?.standIns ?? []).entries()) {
          const kind = deps.kinds.standIns.find((k) => k.kind === spec.kind)!;
          try {
            standIns.push(await kind.start(spec.port, { env, radiatorUrl: () => listeningAt }));
          } catch (err) {
            await Promise.all(standIns.splice(0).map((standIn) => standIn.stop()));
            const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
            throw new Error(
              `demo stand-in "${spec.kind}" cannot listen on 127.0.0.1:${spec.port}: ${inUse ? 'the port is in use (is another Radiator demo running?)' : (err as Error).message}; ` +
                `stop whatever holds it, change $.demo.standIns[${i}].port (and the sources that use it), or start with --no-standins`,
            );
          }
          logger.info(`demo stand-in "${spec.kind}" listening on 127.0.0.1:${spec.port}`);
        }
      }
      // listening does not wait for the saved state: a big history takes seconds to load, and meanwhile
      // displays connect and tiles say the state is on its way (a poll that lands first wins)
      const restored = store.restore();
      try {
        await app.listen({ port, host });
      } catch (err) {
        await store.close();
        throw err;
      }
      live.start();
      pollingStart = setTimeout(startPolling, deps.restoreWaitMs);
      void restored.then(() => {
        // a restore is not a poll: displays must see the restored data before the first poll replaces it
        live.resync();
        startPolling();
      });
      const actual = (app.server.address() as AddressInfo).port;
      listeningAt = `http://${loopbackHost(host)}:${actual}`;
      return { port: actual, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}` };
    },
    async close() {
      closed = true;
      if (pollingStart) clearTimeout(pollingStart);
      live.stop();
      await scheduler.stop();
      await store.close();
      // Socket.IO first: its WebSockets are not HTTP connections Fastify could end; it also stops the listening
      // socket. Then every connection still open is ended: closing waits for all of them, and one that lingers
      // (an upgrade caught mid-handshake, a display that stopped reading) must not hold the shutdown forever
      const hubClosed = hub.close();
      for (const connection of connections) connection.destroy();
      await hubClosed;
      await app.close();
      metrics.close();
      await Promise.all(standIns.splice(0).map((s) => s.stop()));
    },
  };
}

/** An address this machine reaches the server at: loopback when it listens on every interface. */
function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** What the store needs to know of each configured source: when data is expected (for staleness) and how long history is kept. */
export function storeSpecsOf(config: RadiatorConfig): Record<string, StoredSourceSpec> {
  return Object.fromEntries(
    Object.entries(config.sources).map(([id, s]) => [id, { ...expectedArrival(s), historyMs: s.historyHours * 3_600_000 }]),
  );
}
