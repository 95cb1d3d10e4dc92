import { mkdtempSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../../src/shared/board.js';
import type { LatencyTileView } from '../../../src/shared/tile-view.js';
import type { ServerDeps } from '../../../src/server/create-server.js';
import { httpServiceStandIn } from '../../../src/server/standins/http-service.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';
import type { PersistenceStatus } from '../../../src/server/store/persistence-status.js';
import { capturingLogger, type CapturingLogger } from '../../helpers/test-logger.js';
import { getJson, joinBoard, startTestServer, waitFor, type StartedServer } from '../../helpers/test-server.js';

/**
 * How state survives a restart, seen from outside: /healthz, the board API and the socket. Written
 * against a backend description so the same checks hold for every store that keeps state (SQLite
 * today, with DATA/store.json of earlier versions imported once; Redis for scale-out): a backend says where its state lives and how to plant, hold up or
 * break it with real files, never by stubbing the store.
 */
export interface PersistenceBackend {
  name: string;
  /** Server deps that keep state in `dir`. */
  deps(dir: string): Partial<ServerDeps>;
  /** Puts `state` (the logical saved state, possibly wrong-shaped) where the next start will load it from. */
  plantSavedState(dir: string, state: unknown): Promise<void> | void;
  /** Makes loading wait until `release` hands over the saved state; `abandon` unblocks it without one. */
  holdRestore(dir: string): { release(state: unknown): Promise<void>; abandon(): void };
  /** Makes every save fail until `repair`; `reason` matches the error a failing save reports. */
  breakSaving(dir: string): { repair(): void; reason: RegExp };
}

interface Health {
  status: string;
  version: string;
  uptimeSeconds: number;
  sources: Record<string, { state: string; stale: boolean; reason: string | null }>;
  displays: Record<string, number>;
  persistence: PersistenceStatus;
}

/** Epoch ms: the server runs on the real clock here. */
export const MINUTE = 60_000;

/** A saved state as the store exports it, for sources `shop` and `gone`, each with one `checkout` series. */
export function savedState(at: number, latencyMs: number, history: [number, number | null][]) {
  const poll = { state: 'ok', lastSuccessAt: at, lastAttemptAt: at, lastError: null, lastErrorAt: null, consecutiveFailures: 0, restored: false };
  const reading = { type: 'metrics', at, samples: [{ series: 'checkout', label: 'checkout', unit: 'ms', value: latencyMs, error: null, httpStatus: 200 }] };
  const source = { poll, reading, history: { checkout: history } };
  return { version: 1, savedAt: at, sources: { shop: structuredClone(source), gone: structuredClone(source) } };
}

export function recordingLogger(): CapturingLogger {
  return capturingLogger();
}

/** A loopback port nothing listens on: polls of it fail at once with "connection refused". */
export async function refusedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** `shop` polls a live stand-in, `gone` a port nobody answers; both every second. */
export function persistenceConfig(shopPort: number, gonePort: number) {
  const source = (port: number) => ({
    type: 'http',
    schedule: '* * * * * *',
    timeoutMs: 900,
    targets: [{ name: 'checkout', url: `http://127.0.0.1:${port}/checkout` }],
  });
  const tile = (id: string, source: string, x: number) => ({ id, widget: 'latency', source, x, y: 0, options: { warning: 5000, critical: 10000 } });
  return {
    sources: { shop: source(shopPort), gone: source(gonePort) },
    boards: { ops: { title: 'Ops', columns: 2, rows: 1, tiles: [tile('checkout', 'shop', 0), tile('gone', 'gone', 1)] } },
  };
}

export async function health(app: StartedServer): Promise<Health> {
  const { status, body } = await getJson<Health>(`${app.url}/healthz`);
  expect(status).toBe(200);
  return body;
}

export async function tile(app: StartedServer, id: string): Promise<LatencyTileView> {
  const { body } = await getJson<BoardSnapshot>(`${app.url}/api/v1/boards/ops`);
  return body.views.find((v) => v.id === id) as LatencyTileView;
}

export function describePersistenceContract(backend: PersistenceBackend): void {
  describe(`state across restarts (${backend.name})`, () => {
    let standIn: RunningStandIn;
    let gonePort: number;
    const config = () => persistenceConfig(standIn.port, gonePort);
    const newDir = () => mkdtempSync(path.join(tmpdir(), 'radiator-persistence-'));

    beforeAll(async () => {
      standIn = await httpServiceStandIn.start(0);
      gonePort = await refusedPort();
    });
    afterAll(async () => {
      await standIn?.stop();
    });

    it('serves at once while the saved state loads, says so on the tiles and /healthz, then shows it to displays', async () => {
      const dir = newDir();
      const held = backend.holdRestore(dir);
      let app: StartedServer | undefined;
      try {
        // polls wait for the restore here, so what the tiles say comes from the restore alone
        app = await startTestServer(config(), { ...backend.deps(dir), restoreWaitMs: 10 * MINUTE });
        expect((await health(app)).persistence).toMatchObject({ restore: 'loading', saving: true });
        expect(await tile(app, 'checkout')).toMatchObject({ stale: true, status: 'unknown', reason: 'restoring the last known state from disk…', updatedAt: null });
        const display = await joinBoard(app.url, 'ops');
        try {
          expect(display.snapshot!.views.find((v) => v.id === 'checkout')).toMatchObject({ reason: 'restoring the last known state from disk…' });
          const savedAt = Date.now() - MINUTE;
          await held.release(savedState(savedAt, 4242, [[savedAt - MINUTE, 4000], [savedAt, 4242]]));
          const restored = await waitFor(
            () => display.updates.flatMap((u) => u.views).find((v): v is LatencyTileView => v.id === 'checkout' && v.updatedAt !== null),
            'the restored checkout tile on the display',
          );
          expect(restored).toMatchObject({ stale: true, updatedAt: new Date(savedAt).toISOString(), reason: expect.stringContaining('restored from disk') });
          expect(restored.data.series[0]).toMatchObject({ current: 4242 });
          expect((await health(app)).persistence).toMatchObject({ restore: 'restored', restoreProblem: null });
        } finally {
          display.socket.close();
        }
      } finally {
        held.abandon();
        await app?.close();
      }
    });

    it('lets a poll that lands before the restore finished win, keeping the saved history before it', async () => {
      const dir = newDir();
      const held = backend.holdRestore(dir);
      let app: StartedServer | undefined;
      try {
        app = await startTestServer(config(), { ...backend.deps(dir), restoreWaitMs: 0 });
        const live = await waitFor(async () => {
          const view = await tile(app!, 'checkout');
          return view.updatedAt && !view.stale ? view : null;
        }, 'a fresh poll while the saved state is still loading');
        const failing = await waitFor(async () => {
          const view = await tile(app!, 'gone');
          return view.reason?.startsWith('connection refused') ? view : null;
        }, 'a failed poll of the gone source');
        expect(failing.updatedAt).toBeNull();
        expect((await health(app)).persistence.restore).toBe('loading');

        const savedAt = Date.now() - MINUTE;
        await held.release(savedState(savedAt, 4242, [[savedAt - MINUTE, 4000], [savedAt, 4242]]));
        await waitFor(async () => (await health(app!)).persistence.restore === 'restored', 'the restore to finish');

        const shop = await tile(app, 'checkout');
        expect(shop.stale).toBe(false);
        expect(Date.parse(shop.updatedAt!)).toBeGreaterThanOrEqual(Date.parse(live.updatedAt!));
        expect(shop.data.series[0]!.current).not.toBe(4242);
        const values = shop.data.series[0]!.points.filter(([, v]) => v !== null);
        expect(values.slice(0, 2)).toEqual([[savedAt - MINUTE, 4000], [savedAt, 4242]]);
        expect(values.length).toBeGreaterThan(2);
        // only failures since the start: the saved data fills the tile, stale with today's error
        const gone = await tile(app, 'gone');
        expect(gone).toMatchObject({ stale: true, updatedAt: new Date(savedAt).toISOString(), reason: expect.stringMatching(/^connection refused/) });
        expect(gone.data.series[0]).toMatchObject({ current: 4242 });
      } finally {
        held.abandon();
        await app?.close();
      }
    });

    it('says on /healthz and once in the log that state is not being saved, and why, until saving works again', async () => {
      const dir = newDir();
      const broken = backend.breakSaving(dir);
      const logger = recordingLogger();
      const app = await startTestServer(config(), { ...backend.deps(dir), logger });
      try {
        const failing = await waitFor(async () => {
          const { persistence } = await health(app);
          return persistence.consecutiveFailures >= 3 ? persistence : null;
        }, 'three failed saves');
        expect(failing).toMatchObject({ saving: false, lastError: expect.stringMatching(broken.reason), lastErrorAt: expect.any(String) });
        expect(failing.reason).toMatch(/^the last \d+ writes failed: /);
        expect(failing.reason).toContain('a restart would lose what changed since');
        const body = await health(app);
        // every field /healthz had stays
        expect(body).toMatchObject({ status: 'serving', version: expect.any(String), uptimeSeconds: expect.any(Number), sources: { shop: expect.any(Object), gone: expect.any(Object) }, displays: expect.any(Object) });
        const saveErrors = () => logger.lines.filter((line) => line.startsWith('ERROR') && line.includes('cannot save state'));
        expect(saveErrors()).toHaveLength(1);
        expect(saveErrors()[0]).toMatch(broken.reason);

        broken.repair();
        const working = await waitFor(async () => {
          const { persistence } = await health(app);
          return persistence.saving ? persistence : null;
        }, 'a save that works again');
        expect(working).toMatchObject({ reason: null, consecutiveFailures: 0, lastSavedAt: expect.any(String), lastError: expect.stringMatching(broken.reason) });
        expect(saveErrors()).toHaveLength(1);
        expect(logger.lines).toContainEqual(expect.stringMatching(/^INFO saving state to .* again/));
      } finally {
        await app.close();
      }
    });

    it('reports a saved state it cannot use as failed, also when polls landed while it was read', async () => {
      const dir = newDir();
      const held = backend.holdRestore(dir);
      let app: StartedServer | undefined;
      try {
        app = await startTestServer(config(), { ...backend.deps(dir), restoreWaitMs: 0 });
        await waitFor(async () => (await tile(app!, 'checkout')).stale === false, 'a fresh poll while the saved state is still loading');
        await held.release({ version: 1, savedAt: 0, sources: [] });
        const { persistence } = await waitFor(async () => {
          const body = await health(app!);
          return body.persistence.restore !== 'loading' ? body : null;
        }, 'the restore to finish');
        expect(persistence).toMatchObject({ restore: 'failed', restoreProblem: expect.stringContaining('$.sources: ') });
      } finally {
        held.abandon();
        await app?.close();
      }
    });

    const NEVER_POLLED = { state: 'pending', lastSuccessAt: null, lastAttemptAt: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, restored: false };
    const wrongShapes: [what: string, state: unknown, path: string][] = [
      ['history that is not a list of points', { version: 1, savedAt: 0, sources: { shop: { poll: NEVER_POLLED, reading: null, history: { checkout: 5 } } } }, '$.sources.shop.history.checkout'],
      ['a point with a text value', { version: 1, savedAt: 0, sources: { shop: { poll: NEVER_POLLED, reading: null, history: { checkout: [[1, 'x']] } } } }, '$.sources.shop.history.checkout[0][1]'],
      ['sources as a list', { version: 1, savedAt: 0, sources: [] }, '$.sources'],
      ['a reading with a text time', { version: 1, savedAt: 0, sources: { shop: { poll: NEVER_POLLED, reading: { type: 'metrics', at: 'yesterday', samples: [] }, history: {} } } }, '$.sources.shop.reading.at'],
      ['a source without its poll record', { version: 1, savedAt: 0, sources: { shop: { reading: null, history: {} } } }, '$.sources.shop.poll'],
      ['a list instead of an object', [], '$'],
    ];
    it.each(wrongShapes)('reports a saved state with %s by its JSON path and starts empty', async (_what, state, jsonPath) => {
      const dir = newDir();
      await backend.plantSavedState(dir, state);
      const logger = recordingLogger();
      const app = await startTestServer(config(), { ...backend.deps(dir), logger });
      try {
        const { persistence } = await waitFor(async () => {
          const body = await health(app);
          return body.persistence.restore !== 'loading' ? body : null;
        }, 'the restore to finish');
        expect(persistence.restore).toBe('failed');
        expect(persistence.restoreProblem).toContain(`${jsonPath}: `);
        expect(persistence.restoreProblem).toContain('starting empty');
        expect(logger.lines).toContainEqual(expect.stringContaining(`${jsonPath}: `));
        // started empty: nothing restored, and the server polls and serves as usual
        expect((await tile(app, 'gone')).updatedAt).toBeNull();
        await waitFor(async () => (await tile(app, 'checkout')).stale === false, 'a fresh poll after the failed restore');
      } finally {
        await app.close();
      }
    });
  });
}
