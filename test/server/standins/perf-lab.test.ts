import { afterEach, describe, expect, it } from 'vitest';
import type { PerfReading } from '../../../src/server/readings/perf.js';
import { CYCLE, FIX_PHASE, labRevision, REGRESSION_PHASE, REVISION_MS } from '../../../src/server/standins/perf-lab-scenario.js';
import { PERF_LAB_TOKENS_ENV, startPerfLab, type RunningPerfLab } from '../../../src/server/standins/perf-lab.js';
import { perfEventSchema } from '../../../src/shared/pushed-events/perf.js';
import type { TrendTileView } from '../../../src/shared/tile-view.js';
import { startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';

const TOKEN = 'demo-perf-token-0123456789abcdef';
const dbOf = (n: number) => labRevision(n).layers.db;

describe('the demo perf lab\'s script', () => {
  it('names each revision like a commit and gives it the same commits on every restart', () => {
    const revisions = Array.from({ length: 3 * CYCLE }, (_, n) => labRevision(n));
    expect(new Set(revisions.map((r) => r.revision)).size).toBe(revisions.length);
    expect(revisions.every((r) => /^[0-9a-f]{7}$/.test(r.revision) && r.commits[0]!.id === r.revision)).toBe(true);
    expect(labRevision(41)).toEqual(labRevision(41));
    for (const r of revisions) {
      const event = { kind: 'perf', revision: r.revision, metric: 'checkout server time', value: 44, unit: 'ms', layers: r.layers, commits: r.commits };
      expect(perfEventSchema.safeParse(event).success).toBe(true);
    }
  });

  it('slows the database at one revision per cycle until a later one reverts it, with one flaky run between', () => {
    const base = 2 * CYCLE;
    const normalDb = dbOf(base);
    expect(dbOf(base + REGRESSION_PHASE) / normalDb).toBeGreaterThan(1.5);
    expect(dbOf(base + FIX_PHASE - 1) / normalDb).toBeGreaterThan(1.5);
    expect(dbOf(base + FIX_PHASE) / normalDb).toBeLessThan(1.1);
    expect(labRevision(base + REGRESSION_PHASE).commits[0]).toMatchObject({ author: 'Dana Whitfield', message: 'Load the order history eagerly on the checkout page' });
    expect(labRevision(base + FIX_PHASE).commits).toEqual([expect.objectContaining({ message: 'Revert eager loading of the order history' })]);
    const slowRuns = Array.from({ length: CYCLE }, (_, i) => base + i).filter((n) => dbOf(n) / normalDb > 1.5);
    expect(slowRuns).toHaveLength(FIX_PHASE - REGRESSION_PHASE + 1); // the held regression and the one flaky run
  });
});

describe('the demo perf lab runs autocannon and posts through the API', () => {
  let app: StartedServer | undefined;
  let lab: RunningPerfLab | undefined;
  afterEach(async () => {
    await lab?.stop();
    await app?.close();
    app = lab = undefined;
  });

  it('tests the revisions due, and the trend tile names the revision that slowed the database', { timeout: 120_000 }, async () => {
    // the clock at the end of the regression's first held revision: the history reaches back before it
    const cycleStart = 5 * CYCLE;
    const now = () => (cycleStart + REGRESSION_PHASE + 1) * REVISION_MS + 1_000;
    app = await startTestServer(
      {
        sources: { perf: { type: 'perf', tokensEnv: PERF_LAB_TOKENS_ENV, baselineRuns: 3, tolerancePercent: 15 } },
        boards: { perf: { title: 'Perf', columns: 1, rows: 1, tiles: [{ id: 'lab', widget: 'trend', source: 'perf', x: 0, y: 0, options: { metrics: ['checkout server time'] } }] } },
      },
      { env: { [PERF_LAB_TOKENS_ENV]: TOKEN } },
    );
    const url = app.url;
    lab = await startPerfLab(0, { env: { [PERF_LAB_TOKENS_ENV]: TOKEN }, radiatorUrl: () => url }, { now, tickMs: 3_600_000, history: 6, requests: 40 });
    await lab.testDue();
    expect(lab.lastOutcome()).toBe('202');

    const reading = app.server.store.reading('perf') as PerfReading;
    const tested = Array.from({ length: 6 }, (_, i) => labRevision(cycleStart + REGRESSION_PHASE - 4 + i).revision);
    expect(reading.revisions.map((r) => r.revision)).toEqual(tested);
    expect(reading.series.map((s) => s.metric)).toEqual(expect.arrayContaining(['checkout p50 latency', 'checkout requests/s', 'checkout server time']));
    const serverTime = reading.series.find((s) => s.metric === 'checkout server time')!;
    expect(Object.keys(serverTime.results[0]!.layers!)).toEqual(['cpu', 'db', 'network']);

    const view = (await waitFor(async () => {
      const v = await tileView(url, 'perf', 'lab');
      return v.status === 'critical' ? v : null;
    }, 'the lab tile to turn critical')) as TrendTileView;
    expect(view.data.regression).toMatchObject({
      revision: labRevision(cycleStart + REGRESSION_PHASE).revision,
      movedLayer: 'db',
      commits: [expect.objectContaining({ author: 'Dana Whitfield' }), expect.objectContaining({ author: 'Sam Ortega' })],
    });

    // tested again (a restart of the lab): the same ids, counted once
    const again = await startPerfLab(0, { env: { [PERF_LAB_TOKENS_ENV]: TOKEN }, radiatorUrl: () => url }, { now, tickMs: 3_600_000, history: 2, requests: 20 });
    try {
      await again.testDue();
      expect(again.lastOutcome()).toBe('202');
    } finally {
      await again.stop();
    }
    expect((app.server.store.reading('perf') as PerfReading).series.find((s) => s.metric === 'checkout server time')!.results.map((r) => r.value)).toEqual(serverTime.results.map((r) => r.value));
  });

  it('serves and waits while Radiator does not listen or there is no token', async () => {
    lab = await startPerfLab(0, { env: {}, radiatorUrl: () => null }, { tickMs: 3_600_000 });
    await lab.testDue();
    expect(lab.lastOutcome()).toBe('Radiator not listening yet');
    const page = await fetch(`http://127.0.0.1:${lab.port}/`);
    expect(await page.text()).toMatch(/^demo perf lab: checkout at revision [0-9a-f]{7}/);
    const checkout = await fetch(`http://127.0.0.1:${lab.port}/checkout`);
    expect(checkout.status).toBe(200);
  });
});
