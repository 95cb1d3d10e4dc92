import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildsTileView } from '../../../src/shared/tile-view.js';
import { JENKINS_STANDIN_TOKEN, JENKINS_STANDIN_USER, startJenkinsStandIn } from '../../../src/server/standins/jenkins.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';
import { getJson, startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';

const T0 = 1_800_000_000_000;
let standIn: RunningStandIn | null = null;
let app: StartedServer;

interface Health {
  sources: Record<string, { state: string; stale: boolean; reason: string | null }>;
}

beforeAll(async () => {
  // the stand-in's own clock is fixed, so its jobs are the same whenever the test runs
  standIn = await startJenkinsStandIn(0, () => T0);
  const url = `http://127.0.0.1:${standIn.port}/`;
  const source = (extra: Record<string, unknown> = {}) => ({ type: 'jenkins', schedule: '* * * * * *', timeoutMs: 5000, url, ...extra });
  app = await startTestServer(
    {
      sources: {
        ci: source({ username: JENKINS_STANDIN_USER, tokenEnv: 'CI_TOKEN' }),
        'ci-wrong-token': source({ username: JENKINS_STANDIN_USER, tokenEnv: 'WRONG_TOKEN' }),
        'ci-no-view': source({ url: `${url}view/gone/` }),
      },
      boards: {
        ci: {
          title: 'CI',
          columns: 3,
          rows: 1,
          tiles: [
            { id: 'builds', widget: 'builds', source: 'ci', x: 0, y: 0, options: { maxJobs: 5 } },
            { id: 'wrong', widget: 'builds', source: 'ci-wrong-token', x: 1, y: 0 },
            { id: 'noview', widget: 'builds', source: 'ci-no-view', x: 2, y: 0 },
          ],
        },
      },
    },
    { env: { CI_TOKEN: JENKINS_STANDIN_TOKEN, WRONG_TOKEN: 'not-the-token' } },
  );
});

afterAll(async () => {
  await app?.close();
  await standIn?.stop();
});

const builds = () => tileView(app.url, 'ci', 'builds') as Promise<BuildsTileView>;

describe('jenkins source on a real server', () => {
  it('shows the stand-in\'s jobs on a builds tile over GET /api/v1/boards/:id, broken first with who broke them', async () => {
    const view = await waitFor(async () => {
      const v = await builds();
      return v.data.total > 0 ? v : null;
    }, 'jobs on the builds tile');
    expect(view).toMatchObject({ status: 'critical', stale: false, reason: null });
    expect(view.data).toMatchObject({ headline: 'broken', total: 17, more: 12 });
    expect(view.data.counts).toMatchObject({ failed: 2, unstable: 3, disabled: 2, notbuilt: 2, success: 1, aborted: 1 });
    const pr = view.data.jobs.find((j) => j.key === 'platform/gateway/PR-42');
    expect(pr).toMatchObject({ status: 'failed', number: '3', culprits: ['Bob Lindqvist'], change: { author: 'Bob Lindqvist', message: 'Switch rate limiter to sliding window' } });
    const login = view.data.jobs.find((j) => j.key === 'platform/gateway/feature%2Flogin');
    expect(login).toMatchObject({ name: 'platform/gateway/feature/login', status: 'failed', building: true, estimatedMs: 201_000, startedAt: T0 - 60_000 });
    // the same reading, as the store keeps it
    const reading = app.server.store.reading('ci');
    expect(reading?.type).toBe('builds');
  });

  it('marks the tile stale with Jenkins\' reason on a wrong token or a missing view, and keeps the jobs when the upstream goes away', async () => {
    const health = await waitFor(async () => {
      const { body } = await getJson<Health>(`${app.url}/healthz`);
      return body.sources['ci-wrong-token']?.reason && body.sources['ci-no-view']?.reason ? body : null;
    }, 'both failing sources to have a reason');
    expect(health.sources['ci-wrong-token']!.reason).toContain('Jenkins: 401 Unauthorized — check user and tokenEnv');
    expect(health.sources['ci-no-view']!.reason).toContain('Jenkins: view "gone" does not exist');
    const wrong = await tileView(app.url, 'ci', 'wrong');
    expect(wrong.status).not.toBe('ok');
    expect(wrong.reason).toContain('401 Unauthorized');

    const before = await builds();
    await standIn!.stop();
    standIn = null;
    const after = await waitFor(async () => {
      const v = await builds();
      return v.stale ? v : null;
    }, 'the builds tile to go stale');
    expect(after.reason).toBeTruthy();
    expect(after.data.total).toBe(17);
    const since = (v: BuildsTileView) => v.data.jobs.map((j) => [j.key, j.since]);
    expect(since(after)).toEqual(since(before));
  });
});

describe('jenkins source on a server that stops', () => {
  it('leaves no worker thread behind after server.close()', async () => {
    const ownStandIn = await startJenkinsStandIn(0, () => T0);
    const threads = { started: 0, exited: 0 };
    const onWorker = (worker: Worker) => {
      threads.started++;
      worker.once('exit', () => threads.exited++);
    };
    process.on('worker', onWorker);
    try {
      const url = `http://127.0.0.1:${ownStandIn.port}/`;
      const own = await startTestServer(
        {
          sources: { ci: { type: 'jenkins', schedule: '* * * * * *', timeoutMs: 5000, url, username: JENKINS_STANDIN_USER, tokenEnv: 'CI_TOKEN' } },
          boards: { ci: { title: 'CI', columns: 1, rows: 1, tiles: [{ id: 'builds', widget: 'builds', source: 'ci', x: 0, y: 0 }] } },
        },
        { env: { CI_TOKEN: JENKINS_STANDIN_TOKEN } },
      );
      await waitFor(async () => (((await tileView(own.url, 'ci', 'builds')) as BuildsTileView).data.total > 0 ? true : null), 'jobs on the builds tile');
      expect(threads.started).toBeGreaterThanOrEqual(1);
      await own.close();
      expect(threads.exited).toBe(threads.started);
    } finally {
      process.off('worker', onWorker);
      await ownStandIn.stop();
    }
  });
});
