import { describe, expect, it } from 'vitest';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { addResults } from '../../../src/server/perf/results-window.js';
import type { JudgingSettings } from '../../../src/server/perf/regression.js';
import type { BuildJob, BuildsReading } from '../../../src/server/readings/builds.js';
import type { PerfReading } from '../../../src/server/readings/perf.js';
import { registerTileKind } from '../../../src/server/tiles/registered-tile-kind.js';
import type { RelatedReading } from '../../../src/server/tiles/tile-kind.js';
import { revisionCommits, sameRevision } from '../../../src/server/tiles/trend/revision-commits.js';
import { signedPercent } from '../../../src/server/tiles/trend/trend-series.js';
import { projectTrend, trendTile, type TrendOptions } from '../../../src/server/tiles/trend.js';
import type { PerfEvent } from '../../../src/shared/pushed-events/perf.js';

const T0 = Date.UTC(2030, 0, 8, 12, 0);
const JUDGING: JudgingSettings = { baselineRuns: 5, tolerancePercent: 10, madK: 3, driftRuns: 20 };
const defaults = trendTile.options.parse({});
const noCi = (): RelatedReading<BuildsReading> => ({ reading: null, stale: false });

// a steady p95 (100 ± 2 ms: cpu 40, db 60) for r1…r6, then r7 brings a slow query: db +45 ms, cpu flat
const P95 = [100, 102, 98, 101, 99, 100, 146, 148, 145, 147];
const DB = [60, 61, 59, 60, 60, 60, 105, 107, 104, 106];

function event(revision: string, metric: string, value: number, extra: Partial<PerfEvent> = {}): PerfEvent {
  return { kind: 'perf', revision, metric, value, unit: 'ms', higherIsBetter: false, at: T0, ...extra };
}

/** The reading a perf source folds these events into (the real fold). */
function perfReading(events: PerfEvent[], judging = JUDGING): PerfReading {
  return addResults(null, events, { keepRevisions: 200, maxMetrics: 50 }, judging, T0);
}

/** r1…rN of the p95 metric (with layers), and requests/s alongside it. */
function checkoutRuns(values = P95, commitsAt: Record<string, PerfEvent['commits']> = {}): PerfEvent[] {
  return values.flatMap((value, i) => {
    const revision = `r${i + 1}`;
    const commits = commitsAt[revision];
    return [
      event(revision, 'checkout p95 latency', value, { layers: { cpu: 40, db: DB[i] ?? 60 }, ...(commits && { commits }) }),
      event(revision, 'checkout requests/s', 500 - i, { unit: 'req/s', higherIsBetter: true }),
    ];
  });
}

const project = (reading: PerfReading | null, options: Partial<TrendOptions> = {}, ci: (id: string) => RelatedReading<BuildsReading> = noCi) =>
  projectTrend({ reading, ci }, { ...defaults, ...options });

function buildJob(key: string, changes: BuildJob['changes']): BuildJob {
  return {
    key, name: key, url: null, status: 'success', lastResult: 'success', number: '412', startedAt: T0, finishedAt: T0, durationMs: 1000,
    estimatedMs: null, culprits: [], changes, brokenSince: null,
  };
}

describe('trend tile: waiting and learning', () => {
  it('is unknown and waiting before any result', () => {
    expect(project(null)).toEqual({ status: 'unknown', data: { headline: 'waiting', regression: null, drift: null, revisions: [], series: [], moreSeries: 0 } });
  });

  it('is unknown while every metric is learning its baseline, and says how far it is', () => {
    const { status, data } = project(perfReading(checkoutRuns(P95.slice(0, 3))));
    expect(status).toBe('unknown');
    expect(data.headline).toBe('learning');
    expect(data.series.map((s) => [s.metric, s.status, s.detail])).toEqual([
      ['checkout p95 latency', 'unknown', 'learning: 3 of 5 results'],
      ['checkout requests/s', 'unknown', 'learning: 3 of 5 results'],
    ]);
    expect(data.series[0]!.points.every((p) => p.verdict === 'learning' && p.low === null)).toBe(true);
  });
});

describe('trend tile: a regression', () => {
  it('is green while the results stay within the band, with the band on every judged point', () => {
    const { status, data } = project(perfReading(checkoutRuns(P95.slice(0, 6))));
    expect(status).toBe('ok');
    expect(data.headline).toBe('steady');
    const p95 = data.series[0]!;
    expect(p95).toMatchObject({ metric: 'checkout p95 latency', unit: 'ms', status: 'ok', current: 100, detail: '±0 % vs baseline' });
    expect(p95.points[5]).toEqual({ ordinal: 5, value: 100, verdict: 'ok', baseline: 100, low: 90, high: 110 });
    expect(data.revisions.map((r) => r.revision)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
  });

  it('turns critical at r7 and names it, its commits (author — message) and the layer that moved', () => {
    const commits = { r7: [{ id: '7c0ffee', author: 'Dana', message: 'Load the order history eagerly' }, { id: '7beef', author: 'Sam', message: 'Bump the ORM' }] };
    const { status, data, reason } = project(perfReading(checkoutRuns(P95, commits)));
    expect(status).toBe('critical');
    expect(reason).toBeUndefined();
    expect(data.headline).toBe('regression');
    expect(data.regression).toEqual({
      metric: 'checkout p95 latency',
      unit: 'ms',
      revision: 'r7',
      ordinal: 6,
      value: 146,
      baseline: 100,
      changePercent: 46,
      runLength: 4,
      layers: 'db +75 %, cpu flat',
      movedLayer: 'db',
      commits: [
        { id: '7c0ffee', author: 'Dana', message: 'Load the order history eagerly' },
        { id: '7beef', author: 'Sam', message: 'Bump the ORM' },
      ],
      moreCommits: 0,
      commitsFrom: 'event',
      alsoRegressed: [],
    });
    const p95 = data.series[0]!;
    expect(p95).toMatchObject({ status: 'critical', detail: '+46 % since r7', current: 147 });
    expect(p95.points.map((p) => p.verdict)).toEqual(['learning', 'learning', 'learning', 'learning', 'learning', 'ok', 'regressed', 'regressed', 'regressed', 'regressed']);
    expect(p95.layers).toEqual([
      { layer: 'cpu', points: P95.map((_, i) => [i, 40]) },
      { layer: 'db', points: DB.map((value, i) => [i, value]) },
    ]);
    // throughput falling 1 req/s per revision is noise within the band
    expect(data.series[1]).toMatchObject({ metric: 'checkout requests/s', status: 'ok', layers: [] });
  });

  it('holds red while the regression lasts and returns to green when the metric recovers', () => {
    const recovered = [...P95, 101, 99];
    const { status, data } = project(perfReading(checkoutRuns(recovered)));
    expect(status).toBe('ok');
    expect(data.headline).toBe('steady');
    expect(data.series[0]!.points.slice(6).map((p) => p.verdict)).toEqual(['regressed', 'regressed', 'regressed', 'regressed', 'ok', 'ok']);
  });

  it('goes green at a result sent as the new baseline, and says the new normal is being learned', () => {
    const events = checkoutRuns([...P95, 147]);
    const accepted = events.map((e) => (e.revision === 'r9' && e.metric === 'checkout p95 latency' ? { ...e, newBaseline: true } : e));
    const { status, data } = project(perfReading(accepted));
    expect(status).toBe('ok');
    expect(data.regression).toBeNull();
    expect(data.series[0]!.points.slice(6).map((p) => p.verdict)).toEqual(['regressed', 'regressed', 'rebaselined', 'learning', 'learning']);
    expect(data.series[0]).toMatchObject({ status: 'ok', detail: 'new baseline since r9: 3 of 5 results' });
  });

  it('marks a single outlier followed by a normal result without turning the tile red', () => {
    const { status, data } = project(perfReading(checkoutRuns([100, 102, 98, 101, 99, 100, 170, 101, 100])));
    expect(status).toBe('ok');
    expect(data.series[0]!.points[6]!.verdict).toBe('outlier');
  });

  it('warns about a slow drift that no single result shows', () => {
    const creeping = Array.from({ length: 25 }, (_, i) => 100 * 1.01 ** i);
    const { status, data } = project(perfReading(checkoutRuns(creeping)));
    expect(status).toBe('warning');
    expect(data.headline).toBe('drift');
    expect(data.drift).toMatchObject({ metric: 'checkout p95 latency', fromRevision: 'r6', toRevision: 'r25' });
    expect(data.series[0]!.detail).toMatch(/^drifting \+\d+ % over r6–r25$/);
  });

  it('names the regression that began first when several metrics are red, and the others beside it', () => {
    const events = [
      ...checkoutRuns(),
      ...[10, 10, 11, 10, 10, 10, 10, 10, 25, 26].map((value, i) => event(`r${i + 1}`, 'search p95 latency', value)),
    ];
    const { data } = project(perfReading(events), { metrics: ['search*', 'checkout p95*'] });
    expect(data.series.map((s) => s.metric)).toEqual(['search p95 latency', 'checkout p95 latency']);
    expect(data.regression).toMatchObject({ metric: 'checkout p95 latency', revision: 'r7', alsoRegressed: ['search p95 latency'] });
  });

  it('shows the latest revisions and at most maxMetrics panels, still judging the rest', () => {
    const { status, data } = project(perfReading(checkoutRuns()), { revisions: 5, maxMetrics: 1, metrics: ['checkout requests/s', 'checkout p95 latency'] });
    expect(data.revisions.map((r) => r.revision)).toEqual(['r6', 'r7', 'r8', 'r9', 'r10']);
    expect(data.series.map((s) => s.metric)).toEqual(['checkout requests/s']);
    expect(data.series[0]!.points.map((p) => p.ordinal)).toEqual([5, 6, 7, 8, 9]);
    expect(data.moreSeries).toBe(1);
    expect(status).toBe('critical');
    expect(data.regression?.revision).toBe('r7');
  });

  it('draws no layers when asked not to, or for a metric not timed in ms', () => {
    expect(project(perfReading(checkoutRuns()), { layers: false }).data.series[0]!.layers).toEqual([]);
  });

  it('says which metrics there are when its patterns select none', () => {
    const { status, reason } = project(perfReading(checkoutRuns()), { metrics: ['login*'] });
    expect(status).toBe('unknown');
    expect(reason).toBe('no metric matches login* (2 reported: checkout p95 latency, checkout requests/s)');
  });
});

describe('trend tile: a revision\'s commits from CI', () => {
  const ci = (reading: BuildsReading | null, stale = false) => (): RelatedReading<BuildsReading> => ({ reading, stale });
  const jenkins: BuildsReading = {
    type: 'builds',
    at: T0,
    jobs: [
      buildJob('shop/main', [
        { revision: '3f2a9c1e5b7d90a1c2e3f4a5b6c7d8e9f0a1b2c3', author: 'Dana', message: 'Load the order history eagerly' },
        { revision: '0a1b2c3d4e', author: 'Sam', message: 'Bump the ORM' },
      ]),
    ],
  };
  const revisions = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', '3f2a9c1', 'a8'];
  const runs = () => perfReading(revisions.map((revision, i) => event(revision, 'p95 latency', P95[i]!)));

  it('takes them from the build whose changes include the revision when the perf results name none', () => {
    const { data } = project(runs(), { commitsFrom: ['jenkins'] }, ci(jenkins));
    expect(data.regression).toMatchObject({
      revision: '3f2a9c1',
      commits: [
        { id: '3f2a9c1e5b', author: 'Dana', message: 'Load the order history eagerly' },
        { id: '0a1b2c3d4e', author: 'Sam', message: 'Bump the ORM' },
      ],
      commitsFrom: 'jenkins',
    });
  });

  it('prefers the commits the perf results named; says so when a quiet CI source may be why none are known', () => {
    const named = perfReading(revisions.map((revision, i) => event(revision, 'p95 latency', P95[i]!, revision === '3f2a9c1' ? { commits: [{ id: 'x1', author: 'Lee' }] } : {})));
    expect(project(named, { commitsFrom: ['jenkins'] }, ci(jenkins)).data.regression).toMatchObject({ commits: [{ id: 'x1', author: 'Lee', message: null }], commitsFrom: 'event' });

    const quiet = project(runs(), { commitsFrom: ['jenkins'] }, ci(null, true));
    expect(quiet.data.regression).toMatchObject({ commits: [], commitsFrom: null });
    expect(quiet.reason).toBe('CI jenkins not current: the regression\'s commits may be missing');
  });

  it('matches a revision by equal id or an abbreviation of a commit hash', () => {
    expect(sameRevision('3F2A9C1', '3f2a9c1e5b7d')).toBe(true);
    expect(sameRevision('build-412', 'BUILD-412')).toBe(true);
    expect(sameRevision('3f2a9c', '3f2a9c1e5b7d')).toBe(false); // too short to be taken for it
    expect(sameRevision('release-1', 'release-12')).toBe(false);
    expect(sameRevision('', '')).toBe(false);
  });

  it('lists three commits and counts the rest, as plain bounded text', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, author: `A\u001b[31m${i}`, message: `${'m'.repeat(200)}\u202e` }));
    const { commits, more } = revisionCommits('r1', many, []);
    expect(commits).toHaveLength(3);
    expect(more).toBe(2);
    expect(commits[0]!.author).toBe('A0');
    expect(commits[0]!.message).toHaveLength(120);
  });
});

describe('trend tile: options and config', () => {
  it('formats signed changes for the wall', () => {
    expect([signedPercent(46.2), signedPercent(-3.46), signedPercent(0.01), signedPercent(-12.5)]).toEqual(['+46 %', '−3.5 %', '±0 %', '−13 %']);
  });

  it('names its CI sources as related ones, so config validation checks them and their changes recompute it', () => {
    const bound = registerTileKind(trendTile).bind({ id: 't', title: 'Perf', source: 'perf' }, { commitsFrom: ['jenkins', 'cctray'] });
    expect(bound.related).toEqual(['jenkins', 'cctray']);
    const config = (commitsFrom: string) => () =>
      validateConfig(
        {
          sources: { perf: { type: 'perf' }, notes: { type: 'notes' } },
          boards: { b: { title: 'B', columns: 1, rows: 1, tiles: [{ id: 't', widget: 'trend', source: 'perf', x: 0, y: 0, options: { commitsFrom: [commitsFrom] } }] } },
        },
        'perf.json',
        builtInKinds,
      );
    expect(config('notes')).toThrow(/\$\.boards\.b\.tiles\[0\]\.options\.commitsFrom\[0\]: source "notes" \(type notes\) gives notes readings; this option needs a builds source/);
    expect(config('nope')).toThrow(/commitsFrom\[0\]: no source "nope"/);
  });
});
