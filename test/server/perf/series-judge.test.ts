import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeSeries, type JudgingSettings, type PerfPoint } from '../../../src/server/perf/regression.js';
import { addResults, type ResultsWindowLimits } from '../../../src/server/perf/results-window.js';
import { judgeAfter } from '../../../src/server/perf/series-judge.js';
import { perfReading, type PerfReading } from '../../../src/server/readings/perf.js';
import { projectTrend } from '../../../src/server/tiles/trend.js';
import type { PerfEvent } from '../../../src/shared/pushed-events/perf.js';

const settings: JudgingSettings = { baselineRuns: 10, tolerancePercent: 10, madK: 3, driftRuns: 20 };
const points = (values: readonly number[], from = 0): PerfPoint[] => values.map((value, i) => ({ ordinal: from + i, value, layers: { db: value / 2 } }));
// steady values, steps up and single spikes: every verdict comes up
const value = fc.oneof(fc.integer({ min: 95, max: 105 }), fc.integer({ min: 125, max: 160 }), fc.integer({ min: 60, max: 80 }));
/** About one result in eight sent as a new baseline. */
const rebaseline = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);
const marked = (values: readonly (readonly [number, boolean])[], from = 0): PerfPoint[] =>
  values.map(([value, newBaseline], i) => ({ ordinal: from + i, value, layers: { db: value / 2 }, ...(newBaseline && { newBaseline }) }));
const judging = fc.record({
  baselineRuns: fc.integer({ min: 3, max: 8 }),
  tolerancePercent: fc.integer({ min: 0, max: 20 }),
  madK: fc.integer({ min: 0, max: 4 }),
  driftRuns: fc.integer({ min: 5, max: 12 }),
});

describe('judging again after a fold from the earlier judgement', () => {
  it('equals judging from scratch, whatever was dropped from the front, replaced or added (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, rebaseline), { maxLength: 40 }), fc.oneof(fc.constant(0), fc.nat(3), fc.nat(40)), fc.array(fc.tuple(fc.nat(40), value), { maxLength: 3 }), fc.array(fc.tuple(value, rebaseline), { maxLength: 5 }), fc.boolean(), judging, (values, dropped, replaced, added, higherIsBetter, s) => {
        const before = marked(values);
        const earlier = { points: before, judgement: judgeSeries(before, higherIsBetter, s) };
        const after = [...before.slice(Math.min(dropped, before.length)), ...marked(added, before.length)];
        for (const [index, v] of replaced) if (index < after.length) after[index] = { ...after[index]!, value: v };
        expect(judgeAfter(earlier, after, higherIsBetter, s)).toEqual(judgeSeries(after, higherIsBetter, s));
      }),
      { numRuns: 1_000 },
    );
  });

  it('keeps the earlier verdicts once the judge is back where it was: a steady metric judges about N results when the oldest is dropped', () => {
    const steady = Array.from({ length: 60 }, (_, i) => 100 + (i % 5));
    const before = points(steady);
    const earlier = { points: before, judgement: judgeSeries(before, false, settings) };
    const after = [...before.slice(1), ...points([101], 60)];
    const judged = judgeAfter(earlier, after, false, settings);
    expect(judged).toEqual(judgeSeries(after, false, settings));
    // the same objects: taken over, not judged again
    expect(judged.points[30]).toBe(earlier.judgement.points[31]);
    expect(judged.points[settings.baselineRuns - 1]).not.toBe(earlier.judgement.points[settings.baselineRuns]);
  });

  it('makes an outlier a regression again when the result after it is re-run red', () => {
    const before = points([100, 101, 99, 100, 102, 98, 100, 101, 99, 100, 150, 100]);
    const earlier = { points: before, judgement: judgeSeries(before, false, settings) };
    expect(earlier.judgement.points[10]!.verdict).toBe('outlier');
    const after = [...before.slice(0, 11), { ...before[11]!, value: 150 }];
    const judged = judgeAfter(earlier, after, false, settings);
    expect(judged).toEqual(judgeSeries(after, false, settings));
    expect(judged.regression).toMatchObject({ ordinal: 10, runLength: 2 });
    expect(earlier.judgement.points[10]!.verdict).toBe('outlier');
  });

  it('keeps the whole judgement of a metric whose results did not change', () => {
    const before = points([100, 101, 99, 100, 102, 98, 100, 101, 99, 100, 150]);
    const earlier = { points: before, judgement: judgeSeries(before, false, settings) };
    expect(judgeAfter(earlier, [...before], false, settings)).toBe(earlier.judgement);
  });
});

describe('the perf fold keeps each metric judged', () => {
  const limits: ResultsWindowLimits = { keepRevisions: 12, maxMetrics: 3 };
  const event = fc.record({
    revision: fc.integer({ min: 0, max: 30 }).map((n) => `r${n}`),
    metric: fc.constantFrom('a', 'b', 'c', 'd'),
    value,
    higherIsBetter: fc.boolean(),
    unit: fc.constantFrom('ms', 'ms', 'ms', 's'),
    newBaseline: rebaseline,
  });

  it('as judging its kept results from scratch, fold after fold: new revisions, re-runs, dropped revisions and metrics (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(event, { minLength: 1, maxLength: 6 }), { maxLength: 25 }), judging, (folds, s) => {
        let reading: PerfReading | null = null;
        for (const [i, events] of folds.entries()) {
          reading = addResults(reading, events.map((e): PerfEvent => ({ kind: 'perf', ...e, layers: { db: e.value / 2 } })), limits, s, i);
          for (const series of reading.series) expect(series.judgement).toEqual(judgeSeries(series.results, series.higherIsBetter, s));
        }
      }),
    );
  });

  it('judges again when the judging settings change', () => {
    const events = (n: number): PerfEvent[] => [{ kind: 'perf', revision: `r${n}`, metric: 'a', value: n === 11 ? 108 : 100, higherIsBetter: false }];
    let reading: PerfReading | null = null;
    for (let n = 0; n < 12; n++) reading = addResults(reading, events(n), limits, settings, n);
    expect(reading!.series[0]!.judgement!.status).toBe('ok');
    const stricter = { ...settings, tolerancePercent: 5 };
    reading = addResults(reading, [], limits, stricter, 13);
    expect(reading.series[0]!.judgement).toEqual(judgeSeries(reading.series[0]!.results, false, stricter));
    expect(reading.series[0]!.judgement!.status).toBe('critical');
  });

  it('is not saved with the reading: one read back is judged by the tile, to the same view', () => {
    let reading: PerfReading | null = null;
    for (let n = 0; n < 30; n++) {
      reading = addResults(reading, [{ kind: 'perf', revision: `r${n}`, metric: 'a', value: n >= 25 ? 140 : 100 + (n % 3), unit: 'ms', higherIsBetter: false, layers: { db: n >= 25 ? 90 : 50 } }], limits, settings, n);
    }
    const saved: unknown = JSON.parse(JSON.stringify(reading));
    expect(JSON.stringify(saved)).not.toContain('verdict');
    const restored = perfReading.schema.parse({ ...(saved as object), series: [{ ...(saved as PerfReading).series[0]!, judgement: { status: 'ok', points: [], regression: null, drift: null } }] });
    expect(restored.series[0]!.judgement).toBeUndefined();
    const options = { maxMetrics: 3, revisions: 30, layers: true, commitsFrom: [] };
    const ci = () => ({ reading: null, stale: false, reason: null });
    const projected = projectTrend({ reading: restored, ci }, options);
    expect(projected).toEqual(projectTrend({ reading: reading!, ci }, options));
    expect(projected.status).toBe('critical');
  });
});
