import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../../src/shared/board.js';
import type { RiskTileView, TileView } from '../../../src/shared/tile-view.js';
import { getJson, joinBoard, startTestServer, waitFor, type BoardSocket, type StartedServer } from '../../helpers/test-server.js';
import { writeNagiosStatus } from '../../helpers/nagios-status-file.js';

const INCIDENT_TOKEN = 'risk-live-test-incident-token-0123456789';
const EVIDENCE = ['demo-nagios', 'shop-munin', 'demo-deploys', 'incidents'];

/**
 * End to end: the shipped example FMEA (config/fmea/database-storage.json) bound to checks of the
 * demo Nagios, read by the real nagios adapter from a status.dat this test writes as Nagios would.
 * Its "Disk /var" on db01 is WARNING (not a state of the disk-full mode) until the test flips it to
 * CRITICAL: the mode then happens now and goes to the top, over the socket and over the API.
 */
describe('the risk tile on a live server, bound to a Nagios check', () => {
  let dir: string;
  let statusFile: string;
  let app: StartedServer;
  let socket: BoardSocket | undefined;
  const programStart = Date.now() - 3_600_000;

  const risk = (views: readonly TileView[]): RiskTileView | undefined => views.find((v): v is RiskTileView => v.widget === 'risk' && v.id === 'top');
  const apiView = async () => risk((await getJson<BoardSnapshot>(`${app.url}/api/v1/boards/risk`)).body.views);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-risk-live-'));
    statusFile = path.join(dir, 'status.dat');
    writeNagiosStatus(statusFile, programStart, Date.now());
    app = await startTestServer(
      {
        sources: {
          fmea: { type: 'fmea', schedule: '* * * * * *', files: ['config/fmea/database-storage.json'] },
          'demo-nagios': { type: 'nagios', schedule: '* * * * * *', statusFile, intervalLengthSeconds: 1 },
          'shop-munin': { type: 'push' },
          'demo-deploys': { type: 'deploys' },
          incidents: { type: 'incidents', tokensEnv: 'RISK_INCIDENT_TOKENS' },
        },
        boards: {
          risk: {
            title: 'Risk',
            columns: 2,
            rows: 2,
            tiles: [{ id: 'top', title: 'Top risks', widget: 'risk', source: 'fmea', x: 0, y: 0, w: 2, h: 2, options: { evidenceFrom: EVIDENCE, top: 4 } }],
          },
        },
      },
      { env: { RISK_INCIDENT_TOKENS: INCIDENT_TOKEN } },
    );
    // the latency series the high-latency mode watches, under its threshold
    const pushed = await app.server.pushes.receive('shop-munin', { kind: 'metric', series: 'shop-web1/checkout_latency/p95', value: 310, unit: 'ms' });
    if (!pushed.ok) throw new Error(pushed.message);
  });

  afterAll(async () => {
    socket?.disconnect();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks by assessed RPN while the check is WARNING; flipped to CRITICAL, disk full happens now and moves to the top (socket delta and GET /api/v1/boards/:id)', async () => {
    const before = await waitFor(async () => {
      const view = await apiView();
      return view && !view.stale && view.status === 'ok' && view.data.modes.length === 4 ? view : null;
    }, 'the risk tile, current and ok');
    expect(before.data.modes.map((m) => [m.key, m.rpn.live, m.active])).toEqual([
      ['database-storage/storage-unavailable', 120, null],
      ['database-storage/data-corruption', 112, null],
      ['database-storage/high-latency', 72, null],
      ['database-storage/disk-full', 21, null],
    ]);

    const joined = await joinBoard(app.url, 'risk');
    socket = joined.socket;
    expect(risk(joined.snapshot!.views)?.data.modes[3]?.key).toBe('database-storage/disk-full');

    const flippedAt = Date.now();
    writeNagiosStatus(statusFile, programStart, flippedAt, [{ host: 'db01', service: 'Disk /var', code: 2, output: 'DISK CRITICAL - free space: /var 310 MB (1% inode=70%)' }]);

    const delta = await waitFor(
      () => risk(joined.updates.flatMap((u) => (u.boardId === 'risk' ? u.views : [])).filter((v) => v.widget === 'risk' && v.data.modes[0]?.key === 'database-storage/disk-full')),
      'a tile:update with disk full at the top',
    );
    expect(delta.status).toBe('warning'); // severity 7: below the tile's criticalSeverity (8)
    expect(delta.data.headline).toBe('happening');
    expect(delta.data.modes[0]).toMatchObject({
      rank: 1,
      assessedRank: 4,
      tone: 'warning',
      active: { what: "'db01 / Disk /var' CRITICAL", since: expect.any(Number) },
      why: [expect.stringMatching(/^up from #4 to #1: happening now: 'db01 \/ Disk \/var' CRITICAL for \d+ s$/)],
    });
    expect(Math.abs(delta.data.modes[0]!.active!.since - flippedAt)).toBeLessThan(2_000);
    expect(delta.reason).toBe("Disk full happening now (S7): 'db01 / Disk /var' CRITICAL");

    const after = await apiView();
    expect(after?.data.modes.map((m) => m.key)).toEqual([
      'database-storage/disk-full',
      'database-storage/storage-unavailable',
      'database-storage/data-corruption',
      'database-storage/high-latency',
    ]);
    expect(after).toMatchObject({ status: 'warning', data: { happening: 1 } });
  });

  it('takes an incident event through the events API: data corruption reported but seen by no signal raises its D and moves it up', async () => {
    const at = Date.now() - 2 * 3_600_000;
    const res = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INCIDENT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'incident', id: 'inc-77', incident: 'INC-77', mode: 'database-storage/data-corruption', by: 'alice', note: 'invoices with wrong totals', at, resolvedAt: at + 3_600_000 }),
    });
    expect(res.status).toBe(202);
    const view = await waitFor(async () => {
      const v = await apiView();
      return v?.data.modes.find((m) => m.key === 'database-storage/data-corruption' && m.detection.live === 10) ? v : null;
    }, 'data corruption with its detection raised');
    const corruption = view.data.modes.find((m) => m.key === 'database-storage/data-corruption')!;
    expect(corruption).toMatchObject({ rank: 2, rpn: { assessed: 112, live: 160 }, active: null });
    expect(corruption.why).toContain('live D=10 vs assessed D=7: 1 of 1 occurrence in 30 days reported (by alice) but never shown by its signals');
  });
});
