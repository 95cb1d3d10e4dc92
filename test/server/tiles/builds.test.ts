import { describe, expect, it } from 'vitest';
import type { BuildJob, BuildsReading } from '../../../src/server/readings/builds.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { bindTile } from '../../../src/server/boards/board-model.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import { buildsTile, projectBuilds } from '../../../src/server/tiles/builds.js';
import { projectTile } from '../../../src/server/tiles/project-tile.js';
import type { BuildsTileView } from '../../../src/shared/tile-view.js';
import { noRelated } from '../../helpers/projection-input.js';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

function job(key: string, status: BuildJob['status'], extra: Partial<BuildJob> = {}): BuildJob {
  const broken = status === 'failed' || status === 'unstable';
  return {
    key,
    name: key,
    url: `https://ci.example/job/${key}/`,
    status,
    lastResult: status === 'building' || status === 'disabled' ? 'success' : status,
    number: '42',
    startedAt: T0 - 10 * MIN,
    finishedAt: status === 'building' ? null : T0 - 5 * MIN,
    durationMs: status === 'building' ? null : 5 * MIN,
    estimatedMs: 6 * MIN,
    culprits: broken ? ['alice'] : [],
    changes: broken ? [{ revision: 'abc123', author: 'alice', message: 'fix cache key' }] : [],
    brokenSince: broken ? T0 - 25 * MIN : null,
    ...extra,
  };
}

const reading = (jobs: BuildJob[], at = T0): BuildsReading => ({ type: 'builds', at, jobs });
const defaults = buildsTile.options.parse({});
const project = (jobs: BuildJob[], options: Partial<typeof defaults> = {}, stale = false) => projectBuilds(reading(jobs), { ...defaults, ...options }, stale);

describe('builds tile', () => {
  it('puts failed jobs first (longest broken first), then unstable, building, aborted, disabled, never built and passed', () => {
    const { data } = project([
      job('green-b', 'success'),
      job('notbuilt', 'notbuilt', { number: null, startedAt: null, finishedAt: null }),
      job('green-a', 'success'),
      job('off', 'disabled'),
      job('stopped', 'aborted'),
      job('running', 'building'),
      job('wobbly', 'unstable'),
      job('new-break', 'failed', { brokenSince: T0 - 2 * MIN }),
      job('old-break', 'failed', { brokenSince: T0 - 90 * MIN }),
    ]);
    expect(data.jobs.map((j) => j.key)).toEqual(['old-break', 'new-break', 'wobbly', 'running', 'stopped', 'off', 'notbuilt', 'green-a', 'green-b']);
    expect(data.jobs.map((j) => j.word)).toEqual(['FAILED', 'FAILED', 'UNSTABLE', 'BUILDING', 'ABORTED', 'DISABLED', 'NOT BUILT', 'PASSED', 'PASSED']);
    expect(data.counts).toEqual({ failed: 2, unstable: 1, building: 1, aborted: 1, disabled: 1, notbuilt: 1, success: 2 });
    expect(data.total).toBe(9);
  });

  it('says since when a job is broken, who broke it and the first change; gives a running build what progress needs', () => {
    const { data } = project([
      job('api', 'failed', { culprits: ['alice', 'bob'], changes: [{ revision: 'r1', author: 'alice', message: 'fix cache key\u001b[31m\nsecond line' }, { revision: 'r2', author: 'bob', message: 'x' }] }),
      job('web', 'building', { startedAt: T0 - 3 * MIN, estimatedMs: 6 * MIN, number: '77' }),
    ]);
    expect(data.jobs[0]).toMatchObject({ since: T0 - 25 * MIN, culprits: ['alice', 'bob'], change: { author: 'alice', message: 'fix cache key second line' }, changes: 2, building: false });
    expect(data.jobs[1]).toMatchObject({ status: 'building', building: true, number: '77', startedAt: T0 - 3 * MIN, estimatedMs: 6 * MIN, since: T0 - 3 * MIN });
    // nothing in the view moves with the clock: elapsed time is the widget's to tick
    expect(JSON.stringify(data)).not.toMatch(/elapsed/i);
  });

  it('keeps a job that is building after a failure broken, with its streak start, and progress', () => {
    const { status, data } = project([job('api', 'building', { lastResult: 'failed', brokenSince: T0 - 40 * MIN, culprits: ['carol'] }), job('web', 'success')]);
    expect(data.jobs[0]).toMatchObject({ key: 'api', status: 'failed', word: 'FAILED', building: true, since: T0 - 40 * MIN, startedAt: T0 - 10 * MIN });
    expect(status).toBe('critical');
    expect(data.headline).toBe('broken');
  });

  it('judges status and headline for each case', () => {
    const cases: [BuildJob[], string, string][] = [
      [[job('a', 'failed'), job('b', 'unstable')], 'critical', 'broken'],
      [[job('a', 'unstable'), job('b', 'building')], 'warning', 'unstable'],
      [[job('a', 'building'), job('b', 'success')], 'ok', 'building'],
      [[job('a', 'aborted'), job('b', 'success')], 'ok', 'attention'],
      [[job('a', 'success'), job('b', 'disabled'), job('c', 'notbuilt')], 'ok', 'all-green'],
      [[job('a', 'disabled')], 'ok', 'no-jobs'],
      [[], 'unknown', 'no-jobs'],
    ];
    for (const [jobs, status, headline] of cases) {
      const p = project(jobs);
      expect([p.status, p.data.headline], jobs.map((j) => j.status).join()).toEqual([status, headline]);
    }
    expect(project([]).reason).toBe('the CI server lists no jobs');
    expect(buildsTile.project({ related: noRelated, options: defaults, reading: null, tile: { id: 't', title: 't', source: 's' }, history: () => [], now: T0 })).toMatchObject({ status: 'unknown', data: { headline: 'waiting', jobs: [] } });
  });

  it('shows a job that cannot build beside its status: green stays ok, but the tile says so and is not "all green"', () => {
    const p = project([
      job('lib', 'success', { blocked: 'no worker connected (w1 offline)\u001b[31m' }),
      job('app', 'success', { blocked: null }),
      job('cctray-job', 'success'),
    ]);
    expect(p.status).toBe('ok');
    expect(p.data.headline).toBe('attention');
    expect(p.data.blocked).toBe(1);
    expect(p.reason).toBe('1 job cannot build: lib (no worker connected (w1 offline))');
    expect(p.data.jobs.map((j) => [j.key, j.status, j.word, j.blocked])).toEqual([
      ['app', 'success', 'PASSED', null],
      ['cctray-job', 'success', 'PASSED', null],
      ['lib', 'success', 'PASSED', 'no worker connected (w1 offline)'],
    ]);
    // a broken job that also cannot build stays broken; several are counted and named
    const many = project(['a', 'b', 'c', 'd'].map((k) => job(k, k === 'a' ? 'failed' : 'success', { blocked: 'no worker configured' })));
    expect(many).toMatchObject({ status: 'critical', reason: '4 jobs cannot build: a, b, c +1 more', data: { headline: 'broken', blocked: 4 } });
    expect(project([job('a', 'success')])).toMatchObject({ status: 'ok', data: { headline: 'all-green', blocked: 0 } });
    expect(project([job('a', 'success')]).reason).toBeUndefined();
  });

  it('never says all green on data that is not current', () => {
    expect(project([job('a', 'success')], {}, true).data.headline).toBe('no-current-data');
    expect(project([job('a', 'failed')], {}, true).data.headline).toBe('broken');
  });

  it('filters by include and exclude globs on the job key; no match is unknown with a reason, never green', () => {
    const jobs = [job('platform/api/main', 'failed'), job('platform/web/main', 'success'), job('tools/lint', 'success')];
    const { data } = project(jobs, { include: ['platform/*'], exclude: ['*/web/*'] });
    expect(data.jobs.map((j) => j.key)).toEqual(['platform/api/main']);
    const none = project(jobs, { include: ['nothing*'] });
    expect(none).toMatchObject({ status: 'unknown', reason: 'no job matches the tile filters', data: { headline: 'no-jobs', total: 0 } });
  });

  it('cuts the list at maxJobs and counts the rest; showGreen false lists only the others but counts all', () => {
    const jobs = [job('f', 'failed'), ...Array.from({ length: 10 }, (_, i) => job(`g${i}`, 'success'))];
    const cut = project(jobs, { maxJobs: 4 }).data;
    expect(cut.jobs.map((j) => j.key)).toEqual(['f', 'g0', 'g1', 'g2']);
    expect(cut.more).toBe(7);
    const noGreen = project(jobs, { showGreen: false }).data;
    expect(noGreen.jobs.map((j) => j.key)).toEqual(['f']);
    expect(noGreen).toMatchObject({ more: 0, total: 11, counts: { success: 10, failed: 1 } });
    expect(() => buildsTile.options.parse({ maxJobs: 0 })).toThrow();
    expect(() => buildsTile.options.parse({ colour: 'red' })).toThrow();
  });

  it('through the store: a failed poll keeps the last jobs, their broken-since and start times, and the frame says why', () => {
    const tile = bindTile({ id: 'ci', widget: 'builds', source: 'jenkins', x: 0, y: 0, w: 1, h: 1, options: {} }, builtInKinds.tiles);
    const store = new MemoryStore({ jenkins: { intervalMs: 10_000, historyMs: 3_600_000 } });
    store.recordSuccess('jenkins', reading([job('api', 'failed', { brokenSince: T0 - 25 * MIN }), job('web', 'building', { startedAt: T0 - 2 * MIN })]));
    const before = projectTile(tile, store, T0 + 1000) as BuildsTileView;
    expect(before).toMatchObject({ status: 'critical', stale: false });

    store.recordFailure('jenkins', 'Jenkins: 401 Unauthorized — check user and tokenEnv', T0 + 10_000);
    const after = projectTile(tile, store, T0 + 10_000) as BuildsTileView;
    expect(after).toMatchObject({ widget: 'builds', status: 'unknown', stale: true, reason: expect.stringContaining('401 Unauthorized') });
    expect(after.data.jobs).toEqual(before.data.jobs);
    expect(after.data.jobs.map((j) => [j.key, j.since, j.startedAt])).toEqual([
      ['api', T0 - 25 * MIN, T0 - 10 * MIN],
      ['web', T0 - 2 * MIN, T0 - 2 * MIN],
    ]);
    // the view does not move with the clock: nothing to send every second
    expect(projectTile(tile, store, T0 + 13_000)).toEqual(after);
  });
});
