import { afterEach, describe, expect, it } from 'vitest';
import type { DeploysTileView } from '../../src/shared/tile-view.js';
import { joinBoard, startTestServer, waitFor, type StartedServer } from '../helpers/test-server.js';

const T0 = Date.UTC(2030, 0, 8, 12, 0);
const MIN = 60_000;

/**
 * Timed tiles (TileKind.timed) change with time alone: a deploy that runs past its timeout stalls
 * although nothing new arrives. The live updates' sweep recomputes them and sends what changed.
 */
describe('live updates of a timed tile', () => {
  let app: StartedServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('re-sends a deploys tile when a running deploy stalls, with no push and no poll', async () => {
    let now = T0;
    app = await startTestServer(
      {
        sources: { deploys: { type: 'deploys', stallAfter: '10m' } },
        boards: { rel: { title: 'Releases', columns: 1, rows: 1, tiles: [{ id: 'lanes', widget: 'deploys', source: 'deploys', x: 0, y: 0 }] } },
      },
      { now: () => now, sweepMs: 20 },
    );
    app.server.store.recordSuccess('deploys', {
      type: 'deploys',
      at: T0,
      envs: ['prod'],
      deploys: [
        {
          key: 'prod/deploy:1',
          env: 'prod',
          service: null,
          manifest: 'M-4411',
          version: null,
          status: 'progress',
          progress: 0.5,
          step: null,
          by: null,
          ticket: null,
          hosts: [],
          startedAt: T0,
          updatedAt: T0,
          finishedAt: null,
          timeoutMs: 10 * MIN,
          message: null,
        },
      ],
    });
    const display = await joinBoard(app.url, 'rel');
    try {
      const first = display.snapshot?.views.find((v): v is DeploysTileView => v.id === 'lanes');
      expect(first).toMatchObject({ status: 'ok', data: { headline: 'deploying' } });

      now = T0 + 10 * MIN + 1; // only time passes
      const update = await waitFor(
        () => display.updates.flatMap((u) => u.views).find((v): v is DeploysTileView => v.id === 'lanes' && v.widget === 'deploys'),
        'the deploys tile to be sent again',
      );
      expect(update).toMatchObject({ status: 'warning', data: { headline: 'stalled', headlineEnvs: ['prod'] } });
      expect(update.data.lanes[0]!.running[0]).toMatchObject({ outcome: 'stalled', word: 'STALLED' });
    } finally {
      display.socket.disconnect();
    }
  });
});
