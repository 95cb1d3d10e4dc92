import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildsData, BuildsJobView } from '../../../src/shared/views/builds.js';
import { startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';
import { readEnvFile, upstream, UPSTREAMS } from '../../helpers/upstreams.js';

const BUILDBOT = upstream('Buildbot 3.7 (buildbot, buildbot-worker)', ['/usr/bin/buildbot', '/usr/bin/buildbot-worker', '/usr/bin/curl']);

let dir = '';
let env: Record<string, string> = {};
let app: StartedServer | null = null;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const config = (url: string) => ({
  sources: { ci: { type: 'buildbot', schedule: '* * * * * *', timeoutMs: 5000, url } },
  boards: { ci: { title: 'CI', columns: 2, rows: 1, tiles: [{ id: 'builds', widget: 'builds', source: 'ci', x: 0, y: 0, w: 2 }] } },
});

/** The builder's job on the builds tile, once `ok` says it is as expected. */
const jobWhen = (builder: string, what: string, ok: (job: BuildsJobView) => boolean, timeoutMs = 60_000) =>
  waitFor(async () => {
    const view = await tileView(app!.url, 'ci', 'builds');
    const job = (view.data as BuildsData | null)?.jobs.find((j) => j.key === builder);
    return job && ok(job) ? job : null;
  }, `${builder}: ${what}`, timeoutMs, 250);

const setBuilder = (builder: string, result: 'pass' | 'fail' | 'warn', seconds: number) => {
  writeFileSync(path.join(env.BUILDBOT_STATE_DIR!, `${builder}.result`), `${result}\n`);
  writeFileSync(path.join(env.BUILDBOT_STATE_DIR!, `${builder}.seconds`), `${seconds}\n`);
};

/** A commit, as `buildbot sendchange` sends it: it starts a build of `category`'s builder (all without). */
const commit = (who: string, comments: string, revision: string, category?: string) =>
  execFileSync(
    'buildbot',
    ['sendchange', '--master', `127.0.0.1:${env.BUILDBOT_CHANGE_PORT}`, '--auth', env.BUILDBOT_CHANGE_AUTH!, '--who', who, '--comments', comments, '--revision', revision, '--branch', 'main', ...(category ? ['--category', category] : []), 'src/cache.ts'],
    { stdio: 'ignore', timeout: 20_000 },
  );

describe.skipIf(BUILDBOT.skip)('buildbot source + builds tile against a real Buildbot 3.7 master and worker (needs buildbot, buildbot-worker; skipped when absent)', () => {
  beforeAll(async () => {
    BUILDBOT.assertAvailable();
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-buildbot-'));
    const ports = { BUILDBOT_PORT: String(await freePort()), BUILDBOT_PB_PORT: String(await freePort()), BUILDBOT_CHANGE_PORT: String(await freePort()) };
    execFileSync(path.join(UPSTREAMS, 'start-buildbot.sh'), [dir], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...ports }, timeout: 100_000 });
    env = readEnvFile(path.join(dir, 'buildbot.env'));
    app = await startTestServer(config(env.BUILDBOT_URL!));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (!dir) return;
    execFileSync(path.join(UPSTREAMS, 'stop-buildbot.sh'), [dir], { stdio: 'ignore', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
  }, 40_000);

  it('shows both builders as never built before any commit', async () => {
    const job = await jobWhen('lib', 'listed', () => true);
    expect(job).toMatchObject({ status: 'notbuilt', number: null, culprits: [] });
  });

  it('names the author and message of the commit that broke a builder', async () => {
    setBuilder('lib', 'fail', 1);
    setBuilder('app', 'pass', 1);
    commit('Alice Doe <alice@example.com>', 'switch the cache key to sha256', 'abc123');
    const lib = await jobWhen('lib', 'failed', (j) => j.status === 'failed' && !j.building);
    expect(lib).toMatchObject({ word: 'FAILED', number: '1', culprits: ['Alice Doe'], change: { author: 'Alice Doe', message: 'switch the cache key to sha256' } });
    expect(lib.since).toEqual(expect.any(Number));
    await jobWhen('app', 'passed', (j) => j.status === 'success');
    expect((await tileView(app!.url, 'ci', 'builds')).data).toMatchObject({ headline: 'broken' });
  });

  it('goes green when the builder recovers', async () => {
    setBuilder('lib', 'pass', 1);
    commit('Bob <bob@example.com>', 'revert the cache key', 'def456', 'lib');
    const lib = await jobWhen('lib', 'passed again', (j) => j.status === 'success');
    expect(lib).toMatchObject({ number: '2', culprits: [], since: expect.any(Number) });
    const view = await waitFor(async () => {
      const v = await tileView(app!.url, 'ci', 'builds');
      return (v.data as BuildsData).headline === 'all-green' ? v : null;
    }, 'all green');
    expect(view).toMatchObject({ stale: false });
  });

  it('shows a build in progress with an estimate from the previous build, then aborted when it is cancelled', async () => {
    setBuilder('app', 'pass', 120);
    commit('Carol <carol@example.com>', 'bump the parser', '789abc', 'app');
    const running = await jobWhen('app', 'building', (j) => j.status === 'building' && j.building);
    expect(running).toMatchObject({ number: '2', change: { author: 'Carol', message: 'bump the parser' } });
    // Buildbot gives a build every change since the builder's previous build, lib's revert too
    expect(running.culprits).toContain('Carol');
    expect(running.startedAt).toEqual(expect.any(Number));
    // the previous app build ran the 1 s step: its duration is the estimate
    expect(running.estimatedMs).toBeGreaterThanOrEqual(1000);
    expect(running.estimatedMs).toBeLessThan(60_000);

    const { builds } = (await (await fetch(`${env.BUILDBOT_API}/builds?complete=false`)).json()) as { builds: { buildid: number }[] };
    expect(builds).toHaveLength(1);
    const stop = await fetch(`${env.BUILDBOT_API}/builds/${builds[0]!.buildid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'stop', id: 1, params: { reason: 'cancelled by the test' } }),
    });
    expect(stop.status).toBe(200);
    const aborted = await jobWhen('app', 'aborted', (j) => j.status === 'aborted');
    expect(aborted).toMatchObject({ word: 'ABORTED', number: '2', building: false });
  });

  // last: the worker does not come back
  it('says a builder cannot build once its only worker is disconnected, without making its green job look broken', async () => {
    expect((await jobWhen('lib', 'listed', () => true)).blocked).toBeNull();
    // not execFileSync: the server under test polls in this process meanwhile
    await promisify(execFile)('buildbot-worker', ['stop', path.join(dir, 'worker')], { timeout: 30_000 });
    const lib = await jobWhen('lib', 'blocked', (j) => j.blocked !== null);
    expect(lib).toMatchObject({ status: 'success', word: 'PASSED', blocked: 'no worker connected (w1 offline)' });
    const view = await tileView(app!.url, 'ci', 'builds');
    expect(view).toMatchObject({ status: 'ok', stale: false, data: { headline: 'attention', blocked: 2 } });
    expect(view.reason).toMatch(/^2 jobs cannot build: app, lib/);
  });
});
