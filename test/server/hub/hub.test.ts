import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot, TileUpdate } from '../../../src/shared/board.js';
import type { JoinResult } from '../../../src/shared/events.js';
import { httpServiceStandIn } from '../../../src/server/standins/http-service.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';
import { joinBoard, startTestServer, waitFor, type BoardSocket, type StartedServer } from '../../helpers/test-server.js';

const BIG_TILES = 500;
const LIMITS = { maxBoardsPerDisplay: 3, joinsPerWindow: 10, joinWindowSeconds: 3600 };

const config = (port: number) => ({
  sources: {
    shop: { type: 'http', schedule: '0 0 0 1 1 *', targets: [{ name: 'checkout', url: `http://127.0.0.1:${port}/checkout` }] },
  },
  boards: {
    ops: { title: 'Ops', columns: 2, rows: 1, tiles: [{ id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0 }, { id: 'clock', widget: 'clock', x: 1, y: 0 }] },
    big: {
      title: 'Big',
      columns: 24,
      rows: 21,
      tiles: Array.from({ length: BIG_TILES }, (_, i) => ({ id: `t${i}`, widget: 'latency', source: 'shop', x: i % 24, y: Math.floor(i / 24) })),
    },
    a: { title: 'A', columns: 1, rows: 1, tiles: [{ id: 'clock', widget: 'clock', x: 0, y: 0 }] },
    b: { title: 'B', columns: 1, rows: 1, tiles: [{ id: 'clock', widget: 'clock', x: 0, y: 0 }] },
  },
});

let standIn: RunningStandIn;
let app: StartedServer;

beforeAll(async () => {
  standIn = await httpServiceStandIn.start(0);
  // polls only when a test asks (scheduler.poll), so what a display receives is caused by the test
  app = await startTestServer(config(standIn.port), { displayLimits: LIMITS, schedule: () => ({ stop() {} }) });
});
afterAll(async () => {
  await app?.close();
  await standIn?.stop();
});

function connect(): Promise<BoardSocket> {
  const socket: BoardSocket = io(app.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Sends any value as the board id, as a hostile client would; the types only describe honest displays. */
function joinWith(socket: BoardSocket, payload: unknown): Promise<JoinResult> {
  const raw = socket as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<JoinResult> } };
  return raw.timeout(5000).emitWithAck('board:join', payload);
}

/** The process is alive and serving: /healthz answers 200 quickly. */
async function expectServing(): Promise<void> {
  const res = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(2000) });
  expect(res.status).toBe(200);
}

describe('hub: what a hostile client sends', () => {
  it('answers an error for a board id that is not a short string, and keeps serving', async () => {
    const socket = await connect();
    try {
      const hostile: unknown[] = [
        { toString: 1 },
        { toString: { valueOf: 2 }, valueOf: 'x' },
        { length: 3 },
        { length: { toString: 1, valueOf: 1 } },
        ['ops'],
        42,
        null,
        true,
        '',
        'x'.repeat(129),
      ];
      for (const payload of hostile) {
        const result = await joinWith(socket, payload);
        expect(result.ok, JSON.stringify(payload)).toBe(false);
        expect(result).toMatchObject({ error: expect.stringMatching(/^board:join expects a board id: a string of 1 to 128 characters \(got /) });
      }
      socket.emit('board:leave', { toString: 1 } as unknown as string);
      await expectServing();
      // the same display can still do honest work afterwards
      expect(await joinWith(socket, 'ops')).toEqual({ ok: true });
    } finally {
      socket.close();
    }
  });

  it('quotes an unknown id without its control or bidi characters', async () => {
    const socket = await connect();
    try {
      const result = await joinWith(socket, 'nope\u202e\u0007\u009b');
      expect(result).toEqual({ ok: false, error: 'unknown board "nope"; known boards: ops, big, a, b' });
    } finally {
      socket.close();
    }
  });

  it('disconnects a client that sends a message larger than any display sends, and keeps serving', async () => {
    const socket = await connect();
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('board:join', 'x'.repeat(64 * 1024), () => {});
    expect(await disconnected).toBe('transport close');
    await expectServing();
  });

  it('lets a display watch a few boards at once, not every board', async () => {
    const socket = await connect();
    try {
      for (const board of ['ops', 'a', 'b']) expect(await joinWith(socket, board)).toEqual({ ok: true });
      expect(await joinWith(socket, 'big')).toEqual({
        ok: false,
        error: 'a display may watch at most 3 boards at once; send board:leave for one of ops, a, b first',
      });
      // joining a board it already watches is no new board
      expect(await joinWith(socket, 'a')).toEqual({ ok: true });
      socket.emit('board:leave', 'a');
      expect(await joinWith(socket, 'big')).toEqual({ ok: true });
    } finally {
      socket.close();
    }
  });

  it('refuses a join flood cheaply while other displays keep getting their updates', async () => {
    const watcher = await joinBoard(app.url, 'ops');
    const abuser = await connect();
    const snapshotsToAbuser: BoardSnapshot[] = [];
    abuser.on('board:snapshot', (s) => snapshotsToAbuser.push(s));
    try {
      const flood = Array.from({ length: 2000 }, (_, i) => joinWith(abuser, i % 2 ? 'big' : 'ops'));
      // while the flood is being answered, a poll lands and the watcher must hear of it
      const polled = app.server.scheduler.poll('shop');
      await expectServing();
      const results = await Promise.all(flood);
      await polled;
      await waitFor(() => watcher.updates.some((u) => u.views.some((v) => v.id === 'checkout' && v.updatedAt !== null)), 'the watcher to get the poll');
      await expectServing();
      const accepted = results.filter((r) => r.ok).length;
      expect(accepted).toBe(LIMITS.joinsPerWindow);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: expect.stringMatching(/^too many board:join requests; try again in \d+ s$/) });
      // joins of one turn share one snapshot per board: never more snapshots than accepted joins
      await waitFor(() => snapshotsToAbuser.length > 0, 'the abuser to get its snapshots');
      expect(snapshotsToAbuser.length).toBeLessThanOrEqual(accepted);
      expect(new Set(snapshotsToAbuser.map((s) => s.board.id))).toEqual(new Set(['ops', 'big']));
    } finally {
      abuser.close();
      watcher.socket.close();
    }
  });

  it('gets every update to each of 250 displays of a board (sent a slice per turn), in the same order, once', async () => {
    const displays = await Promise.all(Array.from({ length: 250 }, () => joinBoard(app.url, 'ops')));
    const shown = (update: TileUpdate) => update.views.flatMap((v) => (v.widget === 'latency' ? v.data.series.map((s) => s.current) : []));
    try {
      for (const value of [1001, 1002, 1003]) {
        app.server.store.recordSuccess('shop', { type: 'metrics', at: Date.now(), samples: [{ series: 'checkout', value, unit: 'ms', label: 'checkout' }] });
      }
      await waitFor(() => displays.every((d) => d.updates.some((u) => shown(u).includes(1003))), 'every display to get the last value');
      const sequence = (d: (typeof displays)[number]) => d.updates.map((u) => `${u.serverTime} ${JSON.stringify(shown(u))}`);
      expect(shown(displays[0]!.updates.at(-1)!)).toEqual([1003]);
      for (const display of displays) expect(sequence(display)).toEqual(sequence(displays[0]!));
    } finally {
      for (const display of displays) display.socket.close();
    }
  });

  it('property: any payload a client can send is answered with an error, never thrown on', async () => {
    const socket = await connect();
    try {
      const boards = new Set(['ops', 'big', 'a', 'b']);
      const hostileObject = fc.record({ toString: fc.anything(), valueOf: fc.anything(), length: fc.anything() }, { requiredKeys: [] });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.anything(), hostileObject, fc.string({ maxLength: 300 })).filter((p) => !(typeof p === 'string' && boards.has(p))),
          async (payload) => {
            const result = await joinWith(socket, payload);
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.error).toMatch(/^(board:join expects a board id|unknown board ")/);
          },
        ),
        { numRuns: 150 },
      );
      await expectServing();
    } finally {
      socket.close();
    }
  });
});
