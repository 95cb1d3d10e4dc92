import { BoardCatalog } from '../src/server/boards/board-catalog.js';
import { boardModelOf } from '../src/server/boards/board-model.js';
import { builtInKinds } from '../src/server/built-in-kinds.js';
import { validateConfig } from '../src/server/config/load-config.js';
import { storeSpecsOf } from '../src/server/create-server.js';
import { addResults } from '../src/server/perf/results-window.js';
import type { JudgingSettings } from '../src/server/perf/regression.js';
import type { PerfReading } from '../src/server/readings/perf.js';
import { MemoryStore } from '../src/server/store/store.js';
import type { PerfEvent } from '../src/shared/pushed-events/perf.js';
import type { Benchmark } from './benchmark.js';

/** The budget for recomputing and projecting a trend tile over 10,000 stored results. */
const TARGET_MS = 20;
const ROUNDS = 200;
const WARM_UP = 20;
const JUDGING: JudgingSettings = { baselineRuns: 10, tolerancePercent: 10, madK: 3, driftRuns: 20 };

interface Shape {
  metrics: number;
  revisions: number;
}

/**
 * A perf source holding 10,000 results (50 metrics × 200 revisions, the defaults' bounds; and 5 × 2,000,
 * the longest window), a board with one trend tile judging every metric. Each round one more
 * revision's results arrive: the fold (results-window.ts, judging what the new revision and the dropped
 * oldest one change) and the tile's projection through the board catalog (project-tile.ts: the view), timed
 * per round; p50 and p99 against the 20 ms budget. Measured, never asserted.
 */
export const perfTrendBenchmark: Benchmark = {
  name: 'perf-trend',
  async run() {
    const results: Record<string, unknown> = { targetMs: TARGET_MS, rounds: ROUNDS };
    for (const shape of [{ metrics: 50, revisions: 200 }, { metrics: 5, revisions: 2_000 }] satisfies Shape[]) {
      results[`${shape.metrics}x${shape.revisions}`] = measure(shape);
    }
    return results;
  },
};

function measure({ metrics, revisions }: Shape): Record<string, unknown> {
  const limits = { keepRevisions: revisions, maxMetrics: metrics };
  const config = validateConfig(
    {
      sources: { perf: { type: 'perf', keepRevisions: revisions, maxMetrics: metrics } },
      boards: { b: { title: 'bench', columns: 1, rows: 1, tiles: [{ id: 'trend', widget: 'trend', source: 'perf', x: 0, y: 0, options: { revisions: 30 } }] } },
    },
    'bench',
    builtInKinds,
  );
  const store = new MemoryStore(storeSpecsOf(config));
  const catalog = new BoardCatalog(boardModelOf(config, builtInKinds.tiles), store, 'bench');

  let reading: PerfReading | null = null;
  for (let n = 0; n < revisions; n++) reading = addResults(reading, revisionEvents(n, metrics, revisions + ROUNDS / 2), limits, JUDGING, Date.UTC(2030, 0, 1) + n * 60_000);
  store.recordSuccess('perf', reading!);
  const stored = reading!.series.reduce((sum, s) => sum + s.results.length, 0);

  // the first rounds warm the JIT up, as a server that has been running does; they are not counted
  for (let r = 0; r < WARM_UP; r++) catalog.views('b', Date.now());
  const fold: number[] = [];
  const project: number[] = [];
  let status = '';
  for (let r = 0; r < ROUNDS; r++) {
    const n = revisions + r;
    const t0 = performance.now();
    reading = addResults(reading, revisionEvents(n, metrics, revisions + ROUNDS / 2), limits, JUDGING, Date.UTC(2030, 0, 1) + n * 60_000);
    store.recordSuccess('perf', reading);
    const t1 = performance.now();
    status = catalog.views('b', Date.now())[0]!.status;
    const t2 = performance.now();
    fold.push(t1 - t0);
    project.push(t2 - t1);
  }
  const total = fold.map((f, i) => f + project[i]!);
  return {
    storedResults: stored,
    foldMs: quantiles(fold),
    projectMs: quantiles(project),
    recomputeAndProjectMs: quantiles(total),
    withinTarget: quantile(total, 0.99) <= TARGET_MS,
    lastStatus: status,
  };
}

/** One revision's results: steady metrics with noise; the first steps up for good at `stepAt` (the tile then holds a regression). */
function revisionEvents(n: number, metrics: number, stepAt: number): PerfEvent[] {
  return Array.from({ length: metrics }, (_, m) => {
    const noise = Math.sin(n * 12.9898 + m * 78.233) * 3;
    const step = m === 0 && n >= stepAt ? 40 : 0;
    return { kind: 'perf', revision: `rev-${n}`, metric: `metric ${m} p95 latency`, value: 100 + m + noise + step, unit: 'ms', higherIsBetter: false, layers: { cpu: 40 + noise, db: 60 + step } };
  });
}

function quantiles(values: number[]): { p50: number; p99: number; max: number } {
  return { p50: round(quantile(values, 0.5)), p99: round(quantile(values, 0.99)), max: round(Math.max(...values)) };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const round = (ms: number) => Number(ms.toFixed(2));
