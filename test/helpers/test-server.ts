import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { BoardSnapshot, TileUpdate } from '../../src/shared/board.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/shared/events.js';
import type { TileView } from '../../src/shared/tile-view.js';
import { loadConfigFile, validateConfig } from '../../src/server/config/load-config.js';
import { createServer, type RadiatorServer, type ServerDeps } from '../../src/server/create-server.js';
import { silentLogger } from './test-logger.js';
import { builtInKinds } from '../../src/server/built-in-kinds.js';

export const CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));

export interface StartedServer {
  server: RadiatorServer;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Validates a config object exactly as a file would be, then starts the server on a free port. */
export async function startTestServer(rawConfig: unknown, deps: Partial<ServerDeps> = {}, onPort = 0): Promise<StartedServer> {
  const config = validateConfig(rawConfig, 'test-config.json', builtInKinds);
  const server = createServer(config, { logger: silentLogger(), clientDir: CLIENT_DIR, ...deps });
  const { port } = await server.listen(onPort, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return { server, url, port, close: () => server.close() };
}

export async function getJson<T = unknown>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

/** The current view of one tile over the public API. */
export async function tileView(baseUrl: string, boardId: string, tileId: string): Promise<TileView> {
  const { body } = await getJson<BoardSnapshot>(`${baseUrl}/api/v1/boards/${boardId}`);
  const view = body.views.find((v) => v.id === tileId);
  if (!view) throw new Error(`no tile ${tileId} on board ${boardId}`);
  return view;
}

/** Polls `probe` until it returns a truthy value or the time is up; returns that value. */
export async function waitFor<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 15_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A display: connects, joins a board, collects the snapshot and every update. */
export async function joinBoard(baseUrl: string, boardId: string) {
  const socket: BoardSocket = io(baseUrl, { transports: ['websocket'], forceNew: true });
  const updates: TileUpdate[] = [];
  socket.on('tile:update', (u) => updates.push(u));
  const snapshot = new Promise<BoardSnapshot>((resolve) => socket.once('board:snapshot', resolve));
  const joined = await socket.timeout(5000).emitWithAck('board:join', boardId);
  return { socket, updates, snapshot: joined.ok ? await snapshot : null, joined };
}

/**
 * The config with every demo stand-in moved to a free port (and the sources that point at
 * 127.0.0.1:PORT moved with it), so tests of the shipped demo never collide with a running demo.
 */
export async function onFreeStandInPorts<T extends { demo?: { standIns: { port: number }[] } }>(config: T): Promise<T> {
  const { createServer } = await import('node:net');
  let text = JSON.stringify(config);
  for (const standIn of config.demo?.standIns ?? []) {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as { port: number }).port;
        probe.close(() => resolve(port));
      });
    });
    text = text
      .replaceAll(`"port":${standIn.port}`, `"port":${free}`)
      .replaceAll(`127.0.0.1:${standIn.port}`, `127.0.0.1:${free}`);
  }
  return JSON.parse(text) as T;
}

/** The shipped demo (config/boards.json) with its stand-ins, on free ports, as `npm start` runs it. */
export async function startShippedDemo(): Promise<StartedServer> {
  return startTestServer(await onFreeStandInPorts(loadConfigFile('config/boards.json', builtInKinds)), { startStandIns: true });
}
