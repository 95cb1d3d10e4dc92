import { access } from 'node:fs/promises';
import path from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Hub } from '../hub/hub.js';
import type { RadiatorMetrics } from '../metrics/radiator-metrics.js';
import type { PersistenceStatus } from '../store/persistence-status.js';
import type { EventLog, LiveStore } from '../store/store-ports.js';
import type { BoardCatalog } from '../boards/board-catalog.js';
import type { RadiatorConfig } from '../config/schema.js';
import type { PushIntake } from '../push-intake.js';
import { eventsOfBody } from '../push/events-body.js';
import { perfFormats, type PerfFormat } from '../perf/importers/perf-formats.js';
import { PERF_UPLOAD_BYTES, perfUpload } from '../push/perf-upload.js';
import { parseEventsQuery, readEventsPage } from '../push/events-query.js';
import type { PushTokens } from '../push/push-tokens.js';
import { sendError } from './error-reply.js';
import { eventsRateLimit, identifyPushToken, pushAccessOf, requireJson, requireToken } from './events-access.js';
import { eventsReceipt, sendEventProblems, sendEventsNotStored } from './events-replies.js';
import type { HttpApp } from './http-app.js';
import { requireUploadType, takeRawUploads } from './perf-upload-body.js';
import { indexPage } from './index-page.js';

export interface RouteContext {
  config: RadiatorConfig;
  catalog: BoardCatalog;
  store: LiveStore;
  hub: Hub;
  metrics: RadiatorMetrics;
  /** The built display app (vite's output); null serves the API only. */
  clientDir: string | null;
  /** Whether state survives a restart, and why not. */
  persistence: () => PersistenceStatus;
  /** Pushed sources' events come in here (POST /api/v1/events)… */
  pushes: PushIntake;
  /** …from senders holding one of these tokens… */
  tokens: PushTokens;
  /** …and are read back from here (GET /api/v1/events). */
  events: EventLog;
  now: () => number;
  startedAt: number;
  version: string;
}

/** Vite names these after their content: a changed file is a new URL, so browsers may keep them for good. */
const HASHED_ASSETS = `assets${path.sep}`;
const FOREVER = 'public, max-age=31536000, immutable';

const byId = { params: z.object({ id: z.string() }) };

/** Paths that take more than GET and HEAD, for the `Allow` header of a 405. */
const PERF_FORMATS = Object.keys(perfFormats) as PerfFormat[];
const METHODS_BY_PATH: Readonly<Record<string, string>> = {
  '/api/v1/events': 'GET, HEAD, POST',
  ...Object.fromEntries(PERF_FORMATS.map((format) => [`/api/v1/perf/${format}`, 'POST'])),
};

/** Every HTTP endpoint, in one place. */
export function registerRoutes(app: HttpApp, ctx: RouteContext): void {
  const { catalog } = ctx;

  // before any route runs: a method a path has no route for is 405, not 404, and its body is never read
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404 && request.method !== 'GET' && request.method !== 'HEAD') {
      const allow = METHODS_BY_PATH[request.decodedPath.replace(/\/+$/, '')] ?? 'GET, HEAD';
      return sendError(reply.header('allow', allow), 405, `${request.method} is not supported on ${request.decodedPath}`);
    }
  });

  // the events API (pushed sources): a bearer token, checked as the request arrives; rate limited per
  // token (per address without one); the token and the content type are checked before the body is read
  void app.register(async (events) => {
    events.decorateRequest('pushCheck', null);
    events.addHook('onRequest', identifyPushToken(ctx.tokens));
    await events.register(fastifyRateLimit, eventsRateLimit(ctx.config.api.rateLimit));

    events.post('/api/v1/events', { bodyLimit: ctx.config.api.maxBodyBytes, preParsing: [requireToken(ctx.tokens), requireJson] }, async (request, reply) => {
      const body = eventsOfBody(request.body, ctx.config.api.maxEventsPerRequest);
      if (!body.ok) return sendError(reply, 400, body.message);
      let outcome;
      try {
        outcome = await ctx.pushes.receiveEvents(body.events, pushAccessOf(request).sources);
      } catch (err) {
        return sendEventsNotStored(reply, err as Error);
      }
      // 202 only now: every event of the request is durably in the event log
      if (!outcome.ok) return sendEventProblems(reply, outcome.problems, body.single);
      return reply.code(202).header('cache-control', 'no-store').send(eventsReceipt(outcome.events));
    });

    events.get('/api/v1/events', { preParsing: [requireToken(ctx.tokens)] }, async (request, reply) => {
      const readable = pushAccessOf(request).sources;
      const parsed = parseEventsQuery(request.query, readable);
      if (!parsed.ok) return sendError(reply, parsed.status, parsed.message);
      return reply.header('cache-control', 'no-store').send(await readEventsPage(ctx.events, parsed.request, readable));
    });

    // a load tool's output as it wrote it (autocannon and k6 JSON, JMeter's JTL CSV), imported into perf
    // events for ?revision= and pushed like the events above: same tokens, 202 only once durable
    void events.register(async (uploads) => {
      takeRawUploads(uploads);
      for (const format of PERF_FORMATS) {
        const limits = { bodyLimit: PERF_UPLOAD_BYTES[format], preParsing: [requireToken(ctx.tokens), requireUploadType(format)] };
        uploads.post(`/api/v1/perf/${format}`, limits, async (request, reply) => {
          const { sources } = pushAccessOf(request);
          const text = typeof request.body === 'string' ? request.body : '';
          const upload = perfUpload(format, text, request.query, { allowed: sources, eventKindOf: (id) => ctx.pushes.eventKindOf(id) });
          if (!upload.ok) return sendError(reply, upload.status, upload.message);
          let outcome;
          try {
            outcome = await ctx.pushes.receiveEvents(upload.events, sources);
          } catch (err) {
            return sendEventsNotStored(reply, err as Error);
          }
          if (!outcome.ok) return sendEventProblems(reply, outcome.problems, false);
          const receipt = { format, revision: upload.revision, metrics: upload.events.map((e) => e.metric), ...eventsReceipt(outcome.events) };
          return reply.code(202).header('cache-control', 'no-store').send(receipt);
        });
      }
      // any other format: said before the body is read
      uploads.post('/api/v1/perf/:format', {
        onRequest: async (request, reply) => sendError(reply, 404, `no perf format at ${request.decodedPath}; the formats are ${PERF_FORMATS.join(', ')} (POST /api/v1/perf/k6?revision=…)`),
      }, async () => undefined);
    });
  });

  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(indexPage(catalog.boardIds().map((id) => catalog.info(id)), catalog.playlists())),
  );

  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send(health(ctx, ctx.now())));

  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await ctx.metrics.exposition();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });

  app.get('/api/v1/boards', async (_request, reply) => reply.header('cache-control', 'no-store').send({ boards: catalog.boardIds().map((id) => catalog.info(id)) }));

  app.get('/api/v1/boards/:id', { schema: byId }, async (request, reply) => {
    const { id } = request.params;
    if (!catalog.has(id)) return sendError(reply, 404, `unknown board "${id}"`);
    return reply.header('cache-control', 'no-store').send(catalog.snapshot(id, ctx.now()));
  });

  app.get('/api/v1/playlists', async (_request, reply) => reply.header('cache-control', 'no-store').send({ playlists: catalog.playlists() }));

  app.get('/api/v1/playlists/:id', { schema: byId }, async (request, reply) => {
    const playlist = catalog.playlist(request.params.id);
    if (!playlist) return sendError(reply, 404, `unknown playlist "${request.params.id}"`);
    return reply.header('cache-control', 'no-store').send(playlist);
  });

  // the kiosk pages: one app that reads the board or playlist id from its URL
  app.get('/boards/:id', { schema: byId }, async (request, reply) => {
    if (!catalog.has(request.params.id)) return sendError(reply, 404, `unknown board "${request.params.id}"`);
    return sendApp(reply);
  });

  app.get('/playlists/:id', { schema: byId }, async (request, reply) => {
    if (!catalog.playlist(request.params.id)) return sendError(reply, 404, `unknown playlist "${request.params.id}"`);
    return sendApp(reply);
  });

  async function sendApp(reply: FastifyReply) {
    const missing = ctx.clientDir === null || (await access(path.join(ctx.clientDir, 'index.html')).then(() => false, () => true));
    if (missing) return sendError(reply, 503, 'the display app is not built; run "npm run build" (npm start does it for you)');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  }

  // the built app's files (GET /*): traversal, dotfiles and directories end in the not-found handler
  if (ctx.clientDir) {
    void app.register(fastifyStatic, {
      root: ctx.clientDir,
      wildcard: true,
      index: false,
      list: false,
      redirect: false,
      dotfiles: 'ignore',
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('cache-control', path.relative(ctx.clientDir!, file).startsWith(HASHED_ASSETS) ? FOREVER : 'no-cache'),
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const at = request.decodedPath;
    if (/^\/api\/v1(\/|$)/.test(at)) return sendError(reply, 404, `no API endpoint ${at}`);
    return sendError(reply, 404, `nothing at ${at}`);
  });
}

function health(ctx: RouteContext, now: number) {
  const sources = Object.fromEntries(
    Object.entries(ctx.config.sources).map(([id, source]) => {
      const h = ctx.store.health(id, now);
      return [
        id,
        {
          type: source.type,
          state: h.state,
          stale: h.stale,
          reason: h.staleReason,
          lastSuccessAt: h.lastSuccessAt ? new Date(h.lastSuccessAt).toISOString() : null,
          lastError: h.lastError,
          lastErrorAt: h.lastErrorAt ? new Date(h.lastErrorAt).toISOString() : null,
          consecutiveFailures: h.consecutiveFailures,
        },
      ];
    }),
  );
  return {
    status: 'serving',
    version: ctx.version,
    uptimeSeconds: Math.round((now - ctx.startedAt) / 1000),
    sources,
    displays: ctx.hub.viewers(),
    persistence: ctx.persistence(),
  };
}
