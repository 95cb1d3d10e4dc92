import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuildsReading } from '../../../src/server/readings/builds.js';
import { buildbotSource } from '../../../src/server/sources/buildbot.js';

// Buildbot REST API v2 shapes, as the real master answers them (see buildbot.integration.test.ts)
interface Build {
  buildid: number;
  builderid: number;
  number: number;
  complete: boolean;
  results: number | null;
  started_at: number | null;
  complete_at: number | null;
}
let builders: { builderid: unknown; name: string }[] = [];
let builds: Build[] = [];
// as Buildbot 3.7 answers /api/v2/workers?field=name&field=connected_to&field=configured_on (checked against the real master)
// unknown: a test serves a wrong shape too
let workers: unknown[] = [];
let requests: string[] = [];
let htmlInstead = false;
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(url.pathname);
    const json = (body: unknown) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (htmlInstead) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>Sign in</title></html>');
    if (url.pathname === '/api/v2/builders') return json({ builders, meta: { total: builders.length } });
    if (url.pathname === '/api/v2/workers') return json({ workers, meta: { total: workers.length } });
    if (url.pathname === '/api/v2/builds') {
      const limit = Number(url.searchParams.get('limit'));
      return json({ builds: [...builds].sort((a, b) => b.buildid - a.buildid).slice(0, limit), meta: {} });
    }
    const perBuilder = /^\/api\/v2\/builders\/(\d+)\/builds$/.exec(url.pathname);
    if (perBuilder) return json({ builds: builds.filter((b) => b.builderid === Number(perBuilder[1])).sort((a, b) => b.number - a.number).slice(0, 2) });
    const changes = /^\/api\/v2\/builds\/(\d+)\/changes$/.exec(url.pathname);
    if (changes) return json({ changes: [{ author: `dev${changes[1]} <dev@example.com>`, comments: `change for build ${changes[1]}\n\nbody`, revision: `r${changes[1]}` }] });
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  requests = [];
  htmlInstead = false;
});

const poll = (options: Record<string, unknown> = {}, previous: BuildsReading | null = null) =>
  buildbotSource.poll(buildbotSource.options.parse({ url: base, ...options }), AbortSignal.timeout(5_000), { previous, env: {}, now: () => 1_800_000_000_000, deadline: 1_800_000_005_000 });

/** One builder per results code (0–6), a running one after a failure, one never built, and one whose builds are old. */
function world() {
  const names = ['ok', 'warn', 'fail', 'skip', 'exception', 'retry', 'cancel'];
  builders = [...names, 'running', 'never', 'old'].map((name, i) => ({ builderid: i + 1, name }));
  // w1 (connected) can run every builder
  workers = [{ name: 'w1', connected_to: [{ masterid: 1 }], configured_on: builders.map((b) => ({ builderid: b.builderid as number, masterid: 1 })) }];
  builds = names.map((_, i) => ({ buildid: 100 + i, builderid: i + 1, number: 7, complete: true, results: i, started_at: 1000, complete_at: 1060 }));
  builds.push(
    { buildid: 50, builderid: 8, number: 1, complete: true, results: 2, started_at: 500, complete_at: 620 },
    { buildid: 200, builderid: 8, number: 2, complete: false, results: null, started_at: 2000, complete_at: null },
    // the old builder's builds are outside a small window of recent builds
    { buildid: 1, builderid: 10, number: 3, complete: true, results: 0, started_at: 10, complete_at: 40 },
    ...[1, 2, 3, 4, 5, 6].map((n) => ({ buildid: 59 + n, builderid: 1, number: n, complete: true, results: 0, started_at: 900, complete_at: 960 })),
  );
}

describe('buildbot source (documented shapes)', () => {
  it('maps every results code, a running build with its estimate, and a builder that never built', async () => {
    world();
    const r = await poll();
    const job = (name: string) => r.jobs.find((j) => j.key === name)!;
    expect(Object.fromEntries(r.jobs.map((j) => [j.key, `${j.status}/${j.lastResult}`]))).toEqual({
      ok: 'success/success',
      warn: 'unstable/unstable',
      fail: 'failed/failed',
      skip: 'notbuilt/notbuilt',
      exception: 'failed/failed',
      retry: 'aborted/aborted',
      cancel: 'aborted/aborted',
      running: 'building/failed',
      never: 'notbuilt/null',
      old: 'success/success',
    });
    expect(job('fail')).toMatchObject({
      number: '7',
      startedAt: 1_000_000,
      finishedAt: 1_060_000,
      durationMs: 60_000,
      culprits: ['dev102'],
      changes: [{ author: 'dev102', message: 'change for build 102 body', revision: 'r102' }],
      url: `${base}#/builders/3`,
      brokenSince: 1_060_000,
    });
    expect(job('running')).toMatchObject({ number: '2', startedAt: 2_000_000, finishedAt: null, durationMs: null, estimatedMs: 120_000, culprits: ['dev200'] });
    expect(job('ok').changes).toEqual([]);
  });

  it('keeps the requests per poll bounded: changes only for broken or running builds, builders one by one only when missing', async () => {
    world();
    await poll();
    // unstable (101), failed (102), exception (104) and running (200); not success, skipped, retried or cancelled ones
    expect(requests.filter((p) => p.endsWith('/changes')).sort()).toEqual([101, 102, 104, 200].map((id) => `/api/v2/builds/${id}/changes`));
    expect(requests).toHaveLength(3 + 1 + 4); // builders, recent builds, workers, the never-built builder alone, changes
    requests = [];
    const narrow = await poll({ recentBuilds: 10, maxChangeQueries: 1 });
    expect(narrow.jobs.find((j) => j.key === 'running')).toMatchObject({ status: 'building', lastResult: 'failed', estimatedMs: 120_000 });
    expect(narrow.jobs.find((j) => j.key === 'old')).toMatchObject({ status: 'success', number: '3' });
    expect(requests.filter((p) => p.endsWith('/changes'))).toEqual(['/api/v2/builds/200/changes']);
    // running, never and old have no finished build among the newest 10: asked alone, and still right
    expect(requests.filter((p) => p.startsWith('/api/v2/builders/')).sort()).toEqual([10, 8, 9].map((id) => `/api/v2/builders/${id}/builds`));
    await expect(poll({ recentBuilds: 10, maxBuilderQueries: 2 })).rejects.toThrow(/3 Buildbot builders have no finished build among the newest 10 builds: more than maxBuilderQueries \(2\)/);
  });

  it('marks a builder blocked when all its workers are disconnected or none is configured, and only then', async () => {
    world();
    expect((await poll()).jobs.every((j) => j.blocked === null)).toBe(true);
    // w1 goes offline; ok (1) also runs on w2 (offline), fail (3) on w3 (connected); old (10) has no worker at all
    workers = [
      { name: 'w1', connected_to: [], configured_on: builders.filter((b) => b.builderid !== 10).map((b) => ({ builderid: b.builderid as number, masterid: 1 })) },
      { name: 'w2', connected_to: [], configured_on: [{ builderid: 1, masterid: 1 }, { builderid: 3, masterid: 1 }] },
      { name: 'w3', connected_to: [{ masterid: 1 }], configured_on: [{ builderid: 3, masterid: 1 }] },
    ];
    const r = await poll();
    const job = (name: string) => r.jobs.find((j) => j.key === name)!;
    expect(job('ok')).toMatchObject({ status: 'success', blocked: 'no worker connected (w1, w2 offline)' });
    expect(job('warn')).toMatchObject({ status: 'unstable', blocked: 'no worker connected (w1 offline)' });
    expect(job('fail').blocked).toBeNull();
    expect(job('old')).toMatchObject({ status: 'success', blocked: 'no worker configured' });
    workers = [{ name: 'w1', connected_to: 'yes', configured_on: [] }];
    await expect(poll()).rejects.toThrow(/not a Buildbot REST API answer at \/api\/v2\/workers: workers\.0\.connected_to/);
  });

  it('refuses a results code it does not know, and an answer that is not the API', async () => {
    world();
    builds[0]!.results = 9;
    await expect(poll()).rejects.toThrow(/build 100 has results code 9, which is none of 0–6/);
    builds[0]!.results = 0;
    builders = [{ builderid: 'one', name: 'x' }];
    await expect(poll()).rejects.toThrow(/not a Buildbot REST API answer at \/api\/v2\/builders: builders\.0\.builderid/);
    htmlInstead = true;
    await expect(poll()).rejects.toThrow(/not a Buildbot REST API response: got HTML \("Sign in"\)/);
  });
});
