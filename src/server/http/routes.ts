import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hub } from '../hub/hub.js';
import type { PersistenceStatus } from '../store/persistence.js';
import type { Store } from '../store/store.js';
import type { BoardCatalog } from '../tiles/board-catalog.js';
import type { RadiatorConfig } from '../config/schema.js';
import { indexPage } from './index-page.js';
import { parseRequestPath } from './request-path.js';
import { sendError, sendJson } from './respond.js';
import type { StaticFiles } from './static-files.js';

export interface RouteContext {
  config: RadiatorConfig;
  catalog: BoardCatalog;
  store: Store;
  hub: () => Hub | null;
  files: StaticFiles;
  /** Whether state survives a restart, and why not. */
  persistence: () => PersistenceStatus;
  now: () => number;
  startedAt: number;
  version: string;
}

/** Every HTTP endpoint, in one place. */
export function createRequestHandler(ctx: RouteContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = parseRequestPath(req.url);
    if (!target.ok) {
      sendError(res, target.status, target.message);
      return;
    }
    const { path } = target;
    const segments = path.split('/').filter(Boolean);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, `${req.method} is not supported on ${path}`);
      return;
    }
    const now = ctx.now();

    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(indexPage(ctx.catalog.boardIds().map((id) => ctx.catalog.info(id)), ctx.catalog.playlists()));
      return;
    }
    if (path === '/healthz') {
      sendJson(res, 200, health(ctx, now));
      return;
    }
    if (segments[0] === 'api' && segments[1] === 'v1') {
      apiRoute(ctx, res, segments.slice(2), now);
      return;
    }
    if (segments[0] === 'boards' && segments.length === 2) {
      if (!ctx.catalog.has(segments[1]!)) return sendError(res, 404, `unknown board "${segments[1]}"`);
      return ctx.files.serveApp(res);
    }
    if (segments[0] === 'playlists' && segments.length === 2) {
      if (!ctx.catalog.playlist(segments[1]!)) return sendError(res, 404, `unknown playlist "${segments[1]}"`);
      return ctx.files.serveApp(res);
    }
    if (await ctx.files.serve(res, path)) return;
    sendError(res, 404, `nothing at ${path}`);
  };
}

function apiRoute(ctx: RouteContext, res: ServerResponse, rest: string[], now: number): void {
  const { catalog } = ctx;
  if (rest[0] === 'boards' && rest.length === 1) {
    return sendJson(res, 200, { boards: catalog.boardIds().map((id) => catalog.info(id)) });
  }
  if (rest[0] === 'boards' && rest.length === 2) {
    const id = rest[1]!;
    if (!catalog.has(id)) return sendError(res, 404, `unknown board "${id}"`);
    return sendJson(res, 200, catalog.snapshot(id, now));
  }
  if (rest[0] === 'playlists' && rest.length === 1) {
    return sendJson(res, 200, { playlists: catalog.playlists() });
  }
  if (rest[0] === 'playlists' && rest.length === 2) {
    const playlist = catalog.playlist(rest[1]!);
    if (!playlist) return sendError(res, 404, `unknown playlist "${rest[1]}"`);
    return sendJson(res, 200, playlist);
  }
  sendError(res, 404, `no API endpoint /api/v1/${rest.join('/')}`);
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
    displays: ctx.hub()?.viewers() ?? {},
    persistence: ctx.persistence(),
  };
}
