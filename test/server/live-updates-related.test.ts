import { afterEach, describe, expect, it } from 'vitest';
import type { LatencyTileView } from '../../src/shared/tile-view.js';
import { joinBoard, startTestServer, waitFor, type StartedServer } from '../helpers/test-server.js';

/** Two latency tiles on pushed metrics: one marks the deploys of the `deploys` source, one does not. */
const config = {
  sources: {
    timings: { type: 'push' },
    deploys: { type: 'deploys' },
  },
  boards: {
    ops: {
      title: 'Ops',
      columns: 2,
      rows: 1,
      tiles: [
        { id: 'checkout', widget: 'latency', source: 'timings', x: 0, y: 0, options: { deploys: { source: 'deploys', envs: ['prod'] } } },
        { id: 'plain', widget: 'latency', source: 'timings', x: 1, y: 0 },
      ],
    },
  },
};

let app: StartedServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('live updates of tiles that read a related source', () => {
  it('re-sends a latency tile with deploy marks when only its deploys source changes, and no other tile', async () => {
    app = await startTestServer(config);
    const { pushes } = app.server;
    expect(await pushes.receive('timings', { kind: 'metric', series: 'checkout', value: 120, unit: 'ms' })).toMatchObject({ ok: true });
    const display = await joinBoard(app.url, 'ops');
    try {
      const first = display.snapshot!.views.find((v): v is LatencyTileView => v.id === 'checkout')!;
      expect(first.data.series.map((s) => s.current)).toEqual([120]);
      expect(first.data.deployMarks).toEqual([]);

      const startedAt = Date.now() - 60_000; // within the window, which ends at the metric's arrival
      const outcome = await pushes.receive('deploys', { kind: 'deploy', deploy: 'run-1', env: 'prod', manifest: 'M-4411', status: 'started', startedAt });
      expect(outcome).toMatchObject({ ok: true });

      const update = await waitFor(() => display.updates.find((u) => u.views.some((v) => v.id === 'checkout')), 'the checkout tile to be re-sent');
      expect(update.views.map((v) => v.id)).toEqual(['checkout']);
      const view = update.views[0] as LatencyTileView;
      expect(view.data.deployMarks).toEqual([{ key: expect.any(String), at: startedAt, label: 'M-4411', env: 'prod', status: 'running' }]);
      // the metrics did not change: only the marks did
      expect(view.data.series).toEqual(first.data.series);

      await pushes.receive('deploys', { kind: 'deploy', deploy: 'run-1', env: 'prod', manifest: 'M-4411', status: 'failed' });
      await waitFor(
        () => display.updates.some((u) => u.views.some((v) => v.id === 'checkout' && (v as LatencyTileView).data.deployMarks[0]?.status === 'failed')),
        'the mark to turn failed',
      );
      expect(display.updates.flatMap((u) => u.views.map((v) => v.id))).not.toContain('plain');
    } finally {
      display.socket.disconnect();
    }
  });
});
