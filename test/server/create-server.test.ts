import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../src/shared/board.js';
import type { LatencyTileView } from '../../src/shared/tile-view.js';
import { httpServiceStandIn } from '../../src/server/standins/http-service.js';
import type { RunningStandIn } from '../../src/server/standins/stand-in.js';
import { getJson, joinBoard, startTestServer, waitFor, type StartedServer } from '../helpers/test-server.js';

const config = (port: number) => ({
  sources: {
    shop: {
      type: 'http',
      schedule: '* * * * * *',
      timeoutMs: 900,
      targets: [{ name: 'checkout', url: `http://127.0.0.1:${port}/checkout` }, { name: 'login', url: `http://127.0.0.1:${port}/login`, expectStatus: [200, 503] }],
    },
  },
  boards: {
    ops: {
      title: 'Ops',
      columns: 3,
      rows: 1,
      tiles: [
        { id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0, w: 2, options: { series: ['checkout'], warning: 5000, critical: 10000 } },
        { id: 'clock', widget: 'clock', x: 2, y: 0 },
      ],
    },
    other: { title: 'Other', columns: 1, rows: 1, tiles: [{ id: 'clock', widget: 'clock', x: 0, y: 0 }] },
  },
  playlists: { wall: { boards: ['ops', 'other'], every: '1m' } },
});

let standIn: RunningStandIn;
let app: StartedServer;
let dataDir: string;

beforeAll(async () => {
  standIn = await httpServiceStandIn.start(0);
  dataDir = mkdtempSync(path.join(tmpdir(), 'radiator-data-'));
  app = await startTestServer(config(standIn.port), { dataDir });
});
afterAll(async () => {
  await app?.close();
  await standIn?.stop();
});

describe('server over real HTTP and Socket.IO', () => {
  it('sends a board snapshot on join, then only changed tiles', async () => {
    const display = await joinBoard(app.url, 'ops');
    try {
      expect(display.joined).toEqual({ ok: true });
      const snapshot = display.snapshot!;
      expect(snapshot.board).toEqual({ id: 'ops', title: 'Ops', columns: 3, rows: 1 });
      expect(snapshot.layout).toEqual([{ id: 'checkout', x: 0, y: 0, w: 2, h: 1 }, { id: 'clock', x: 2, y: 0, w: 1, h: 1 }]);
      expect(snapshot.views.map((v) => v.id)).toEqual(['checkout', 'clock']);
      const update = await waitFor(() => display.updates.find((u) => u.views.some((v) => v.id === 'checkout' && v.updatedAt)), 'a delta with fresh checkout data');
      expect(update.boardId).toBe('ops');
      // the clock did not change, so it is not in the delta
      expect(update.views.map((v) => v.id)).toEqual(['checkout']);
      const view = update.views[0] as LatencyTileView;
      expect(view).toMatchObject({ widget: 'latency', status: 'ok', stale: false, reason: null });
      expect(view.data.series[0]!.current).toBeGreaterThan(0);
    } finally {
      display.socket.close();
    }
  });

  it('refuses to join an unknown board, naming the known ones', async () => {
    const display = await joinBoard(app.url, 'nope');
    expect(display.joined).toEqual({ ok: false, error: 'unknown board "nope"; known boards: ops, other' });
    display.socket.close();
  });

  it('serves the same views over the API as over the socket, and 404s unknown ids with JSON', async () => {
    const { status, body } = await getJson<BoardSnapshot>(`${app.url}/api/v1/boards/ops`);
    expect(status).toBe(200);
    for (const view of body.views) {
      expect(Object.keys(view).sort()).toEqual(['data', 'id', 'reason', 'stale', 'status', 'title', 'updatedAt', 'widget']);
    }
    expect(await getJson(`${app.url}/api/v1/boards`)).toMatchObject({ status: 200, body: { boards: [{ id: 'ops' }, { id: 'other' }] } });
    expect(await getJson(`${app.url}/api/v1/boards/nope`)).toEqual({ status: 404, body: { error: 'unknown board "nope"', status: 404 } });
    expect(await getJson(`${app.url}/boards/nope`)).toEqual({ status: 404, body: { error: 'unknown board "nope"', status: 404 } });
    expect(await getJson(`${app.url}/playlists/nope`)).toMatchObject({ status: 404 });
    expect(await getJson(`${app.url}/boards/%E0%A4%A`)).toEqual({ status: 400, body: { error: 'malformed percent-encoding in /boards/%E0%A4%A', status: 400 } });
    expect(await getJson(`${app.url}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`)).toMatchObject({ status: 404 });
    expect(await getJson(`${app.url}/api/v1/playlists/wall`)).toEqual({ status: 200, body: { id: 'wall', title: 'wall', boards: ['ops', 'other'], everyMs: 60_000 } });
  });

  it('serves the kiosk pages and a start page linking boards and playlists', async () => {
    const board = await fetch(`${app.url}/boards/ops`);
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<radiator-app>');
    const index = await (await fetch(`${app.url}/`)).text();
    expect(index).toContain('href="/boards/ops"');
    expect(index).toContain('href="/playlists/wall"');
  });

  it('reports per-source health on /healthz', async () => {
    const { status, body } = await getJson<{ status: string; version: string; sources: Record<string, { state: string }> }>(`${app.url}/healthz`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'serving', version: expect.stringMatching(/^\d+\.\d+\.\d+/), sources: { shop: { type: 'http', state: 'ok' } } });
  });

  it('turns tiles stale with the reason when the upstream stops, and recovers when it comes back', async () => {
    const display = await joinBoard(app.url, 'ops');
    const port = standIn.port;
    let restarted = false;
    try {
      await standIn.stop();
      const stale = await waitFor(
        () => display.updates.flatMap((u) => u.views).find((v) => v.id === 'checkout' && v.stale),
        'the checkout tile to go stale',
        5_000, // schedule is every second: 2 intervals plus slack
      );
      // a poll in flight when the upstream dies sees a reset, later ones a refusal
      expect(stale.reason).toMatch(new RegExp(`connection (refused|reset) by 127\\.0\\.0\\.1:${port}`));
      // the last known data stays on the wall (its latest value may be the miss of a poll that raced
      // the shutdown, so look at what was measured before)
      expect((stale as LatencyTileView).data.series[0]!.points.some(([, value]) => value !== null && value > 0)).toBe(true);

      standIn = await httpServiceStandIn.start(port);
      restarted = true;
      const fresh = await waitFor(
        () => display.updates.flatMap((u) => u.views).reverse().find((v) => v.id === 'checkout' && !v.stale && v.reason === null && Date.parse(v.updatedAt!) > Date.parse(stale.updatedAt!)),
        'the checkout tile to recover',
        5_000,
      );
      expect(fresh.status).toBe('ok');
    } finally {
      display.socket.close();
      // the tests after this one need the upstream, whatever happened here
      if (!restarted) standIn = await httpServiceStandIn.start(port);
    }
  });

  it('persists the store so a restart shows the last known state, marked stale', async () => {
    await waitFor(() => getJson<{ sources: Record<string, { state: string }> }>(`${app.url}/healthz`).then((r) => r.body.sources.shop!.state === 'ok'), 'a fresh poll');
    await app.close();
    const closedStandIn = standIn;
    await closedStandIn.stop(); // upstream down too: only the saved state can fill the board
    app = await startTestServer(config(closedStandIn.port), { dataDir });
    // HTTP answers at once; the saved state follows as soon as it is loaded
    const view = await waitFor(async () => {
      const { body } = await getJson<BoardSnapshot>(`${app.url}/api/v1/boards/ops`);
      const checkout = body.views.find((v) => v.id === 'checkout') as LatencyTileView;
      return checkout.updatedAt ? checkout : null;
    }, 'the restored checkout tile');
    expect(view.stale).toBe(true);
    expect(view.updatedAt).not.toBeNull();
    expect(view.data.series[0]!.points.length).toBeGreaterThan(1);
    standIn = await httpServiceStandIn.start(0);
  });
});
