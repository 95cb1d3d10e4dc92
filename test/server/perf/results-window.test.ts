import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addResults, type ResultsWindowLimits } from '../../../src/server/perf/results-window.js';
import type { JudgingSettings } from '../../../src/server/perf/regression.js';
import type { PerfReading } from '../../../src/server/readings/perf.js';
import { perfEventSchema, type PerfEvent } from '../../../src/shared/pushed-events/perf.js';

const judging: JudgingSettings = { baselineRuns: 10, tolerancePercent: 10, madK: 3, driftRuns: 20 };
const limits: ResultsWindowLimits = { keepRevisions: 200, maxMetrics: 50 };
const T0 = Date.UTC(2026, 11, 1);
const perf = (fields: Record<string, unknown>): PerfEvent => perfEventSchema.parse({ kind: 'perf', metric: 'checkout p95', unit: 'ms', ...fields });
const fold = (events: PerfEvent[], previous: PerfReading | null = null, bounds = limits) => addResults(previous, events, bounds, judging, T0);

describe('perf results on the revision axis', () => {
  it('numbers revisions in the order they arrive, not by the time the test ran, and keeps the judging settings', () => {
    const reading = fold([
      perf({ revision: 'r2', value: 120, at: T0 - 1_000 }),
      perf({ revision: 'r1', value: 118, at: T0 - 9_000 }),
      perf({ revision: 'r3', value: 119 }),
    ]);
    expect(reading).toMatchObject({ type: 'perf', at: T0, judging, nextOrdinal: 3 });
    expect(reading.revisions.map((r) => [r.revision, r.ordinal])).toEqual([['r2', 0], ['r1', 1], ['r3', 2]]);
    expect(reading.series).toEqual([
      {
        metric: 'checkout p95',
        unit: 'ms',
        higherIsBetter: false,
        results: [
          { ordinal: 0, value: 120, at: T0 - 1_000, layers: null },
          { ordinal: 1, value: 118, at: T0 - 9_000, layers: null },
          { ordinal: 2, value: 119, at: T0, layers: null },
        ],
      },
    ]);
  });

  it('lets a re-run of a revision replace its result in place, keeping its ordinal and its commits unless it names others', () => {
    const commits = [{ id: 'a1b2c3', author: 'Dana', message: 'Cache the cart' }];
    const first = fold([perf({ revision: 'r1', value: 100, commits }), perf({ revision: 'r2', value: 101 })]);
    const rerun = fold([perf({ revision: 'r1', value: 140, layers: { db: 90 } })], first);
    expect(rerun.nextOrdinal).toBe(2);
    expect(rerun.series[0]!.results).toEqual([
      { ordinal: 0, value: 140, at: T0, layers: { db: 90 } },
      { ordinal: 1, value: 101, at: T0, layers: null },
    ]);
    expect(rerun.revisions[0]).toEqual({ revision: 'r1', ordinal: 0, at: T0, commits: [{ id: 'a1b2c3', author: 'Dana', message: 'Cache the cart' }] });
    const renamed = fold([perf({ revision: 'r1', value: 140, commits: [{ id: 'ffee00' }] })], rerun);
    expect(renamed.revisions[0]!.commits).toEqual([{ id: 'ffee00', author: null, message: null }]);
  });

  it('puts every metric of a revision on the same ordinal, in the order the metrics first came', () => {
    const reading = fold([
      perf({ revision: 'r1', metric: 'p95', value: 100 }),
      perf({ revision: 'r1', metric: 'requests/s', unit: 'req/s', higherIsBetter: true, value: 900 }),
      perf({ revision: 'r2', metric: 'requests/s', unit: 'req/s', higherIsBetter: true, value: 910 }),
      perf({ revision: 'r2', metric: 'p95', value: 99 }),
    ]);
    expect(reading.series.map((s) => [s.metric, s.higherIsBetter, s.results.map((r) => r.ordinal)])).toEqual([
      ['p95', false, [0, 1]],
      ['requests/s', true, [0, 1]],
    ]);
  });

  it('starts a metric over when its unit or direction changes: the old results are not comparable', () => {
    const before = fold([perf({ revision: 'r1', value: 0.12, unit: 's' }), perf({ revision: 'r2', value: 0.13, unit: 's' })]);
    const after = fold([perf({ revision: 'r3', value: 125, unit: 'ms' })], before);
    expect(after.series[0]).toMatchObject({ unit: 'ms', results: [{ ordinal: 2, value: 125 }] });
  });

  it('keeps the latest revisions and the most recently measured metrics', () => {
    const bounds = { keepRevisions: 10, maxMetrics: 2 };
    let reading: PerfReading | null = null;
    for (let i = 0; i < 15; i++) reading = fold([perf({ revision: `r${i}`, metric: 'old', value: i })], reading, bounds);
    expect(reading!.revisions.map((r) => r.revision)).toEqual(['r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14']);
    expect(reading!.series[0]!.results.map((r) => r.ordinal)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);

    reading = fold([perf({ revision: 'r15', metric: 'b', value: 1 }), perf({ revision: 'r15', metric: 'c', value: 1 })], reading, bounds);
    expect(reading.series.map((s) => s.metric)).toEqual(['b', 'c']);
    reading = fold([perf({ revision: 'r16', metric: 'old', value: 1 })], reading, bounds);
    expect(reading.series.map((s) => s.metric)).toEqual(['b', 'old']);
  });

  it('stays bounded and never moves a kept revision on the axis, whatever arrives (property)', () => {
    const event = fc.record({ revision: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'), metric: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.integer({ min: 0, max: 1_000 }) });
    fc.assert(
      fc.property(fc.array(fc.array(event, { minLength: 1, maxLength: 6 }), { maxLength: 12 }), (pushes) => {
        const bounds = { keepRevisions: 4, maxMetrics: 3 };
        let reading: PerfReading | null = null;
        const ordinalOf = new Map<string, number>();
        for (const push of pushes) {
          reading = fold(push.map((e) => perf(e)), reading, bounds);
          expect(reading.revisions.length).toBeLessThanOrEqual(4);
          expect(reading.series.length).toBeLessThanOrEqual(3);
          const ordinals = reading.revisions.map((r) => r.ordinal);
          expect(ordinals).toEqual([...new Set(ordinals)].sort((a, b) => a - b));
          for (const r of reading.revisions) {
            if (ordinalOf.has(r.revision) && ordinalOf.get(r.revision)! >= ordinals[0]!) expect(r.ordinal).toBe(ordinalOf.get(r.revision));
            ordinalOf.set(r.revision, r.ordinal);
          }
          for (const s of reading.series) {
            const own = s.results.map((r) => r.ordinal);
            expect(own).toEqual([...new Set(own)].sort((a, b) => a - b));
            expect(own.every((o) => ordinals.includes(o))).toBe(true);
          }
        }
      }),
    );
  });
});
