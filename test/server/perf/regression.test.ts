import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeLayers } from '../../../src/server/perf/layer-attribution.js';
import { judgeSeries, type JudgingSettings, type PerfPoint, type Verdict } from '../../../src/server/perf/regression.js';

const settings: JudgingSettings = { baselineRuns: 10, tolerancePercent: 10, madK: 3, driftRuns: 20 };
const points = (values: readonly number[]): PerfPoint[] => values.map((value, ordinal) => ({ ordinal, value }));
const verdicts = (values: readonly number[], higherIsBetter = false, judging = settings): Verdict[] => judgeSeries(points(values), higherIsBetter, judging).points.map((p) => p.verdict);
// a steady metric with a little noise: 100 ± 3
const steady = [100, 102, 98, 101, 99, 103, 97, 100, 102, 99];
const red = (verdict: Verdict) => verdict === 'regressed' || verdict === 'outlier';

describe('judging a metric\'s results against its baseline', () => {
  it('learns from the first N results before it judges any, and says it cannot tell yet', () => {
    const judged = judgeSeries(points(steady.slice(0, 9)), false, settings);
    expect(judged.points.every((p) => p.verdict === 'learning' && p.baseline === null)).toBe(true);
    expect(judged).toMatchObject({ status: 'unknown', regression: null, drift: null });
    expect(judgeSeries(points([...steady, 100]), false, settings).status).toBe('ok');
    expect(verdicts([100, 180, 40, 100], false, { ...settings, baselineRuns: 3 })).toEqual(['learning', 'learning', 'learning', 'ok']);
  });

  it('keeps noise green', () => {
    const noisy = [...steady, 101, 98, 103, 100, 97, 102, 99, 101, 100, 98, 103, 97, 100, 101, 99];
    const judged = judgeSeries(points(noisy), false, settings);
    expect(judged.points.filter((p) => red(p.verdict))).toEqual([]);
    expect(judged).toMatchObject({ status: 'ok', regression: null, drift: null });
  });

  it('turns red at a step change, names its first revision, and holds red until the metric recovers', () => {
    const stepped = [...steady, 131, 129, 130, 132, 128];
    const judged = judgeSeries(points(stepped), false, settings);
    expect(judged.points.slice(10).map((p) => p.verdict)).toEqual(['regressed', 'regressed', 'regressed', 'regressed', 'regressed']);
    expect(judged.status).toBe('critical');
    expect(judged.regression).toMatchObject({ ordinal: 10, value: 131, baseline: 100, runLength: 5 });
    expect(judged.regression!.changePercent).toBeCloseTo(31);
    expect(judged.points[10]).toMatchObject({ baseline: 100, low: 90, high: 110 });

    // red results stay out of the baseline: twenty revisions later the regression has not become the norm
    const later = judgeSeries(points([...stepped, ...Array<number>(20).fill(130)]), false, settings);
    expect(later.regression).toMatchObject({ ordinal: 10, runLength: 25 });
  });

  it('returns to green when the metric recovers; the red run stays marked as regressed', () => {
    const judged = judgeSeries(points([...steady, 131, 129, 130, 101, 99]), false, settings);
    expect(judged.points.map((p) => p.verdict).slice(10)).toEqual(['regressed', 'regressed', 'regressed', 'ok', 'ok']);
    expect(judged).toMatchObject({ status: 'ok', regression: null });
  });

  it('ends a regression at a result sent as the new baseline (an intended slowdown): judged fine, learning, then against the new normal', () => {
    const stepped = points([...steady, 131, 129, 130, 132]);
    stepped[12] = { ...stepped[12]!, newBaseline: true }; // the team says: 130 is the price of the new feature
    const later = [129, 131, 130, 128, 132, 130, 131, 129, 130, 170];
    const judged = judgeSeries([...stepped, ...later.map((value, i) => ({ ordinal: 14 + i, value }))], false, { ...settings, baselineRuns: 5 });
    const verdictsOf = judged.points.map((p) => p.verdict);
    expect(verdictsOf.slice(10, 14)).toEqual(['regressed', 'regressed', 'rebaselined', 'learning']);
    expect(verdictsOf.slice(14, 17)).toEqual(['learning', 'learning', 'learning']);
    expect(verdictsOf.slice(17, 23)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    // judged against the new normal, from the new baseline on only
    expect(judged.points[17]!.baseline).toBe(130);
    expect(verdictsOf.at(-1)).toBe('regressed'); // and a regression from it is red again
    expect(judged.regression).toMatchObject({ ordinal: 23, baseline: 130 });

    const whileLearning = judgeSeries(judged.points.slice(0, 15).map(({ ordinal, value }, i) => ({ ordinal, value, ...(i === 12 && { newBaseline: true }) })), false, settings);
    expect(whileLearning).toMatchObject({ status: 'ok', regression: null, drift: null });
  });

  it('marks a single outlier followed by recovery without holding the metric red', () => {
    const judged = judgeSeries(points([...steady, 160, 100, 101]), false, settings);
    expect(judged.points.map((p) => p.verdict).slice(10)).toEqual(['outlier', 'ok', 'ok']);
    expect(judged).toMatchObject({ status: 'ok', regression: null });
    // the outlier is not in the next results' baseline
    expect(judged.points[11]!.baseline).toBe(100);
  });

  it('takes a red latest result for a regression: nobody knows yet that it is an outlier', () => {
    const judged = judgeSeries(points([...steady, 160]), false, settings);
    expect(judged.status).toBe('critical');
    expect(judged.regression).toMatchObject({ ordinal: 10, runLength: 1 });
  });

  it('needs a larger move on a noisy metric than on a steady one (k·MAD)', () => {
    const noisy = [80, 120, 85, 115, 90, 110, 80, 120, 85, 115];
    expect(verdicts([...noisy, 150]).at(-1)).toBe('ok');
    expect(verdicts([...noisy, 200]).at(-1)).toBe('regressed');
    expect(verdicts([...steady, 115]).at(-1)).toBe('regressed');
  });

  it('decides by the tolerance alone when the baseline has no noise (MAD = 0)', () => {
    const flat = Array<number>(10).fill(100);
    expect(verdicts([...flat, 110]).at(-1)).toBe('ok');
    expect(verdicts([...flat, 110.5]).at(-1)).toBe('regressed');
    expect(verdicts([...flat, 110.5], false, { ...settings, tolerancePercent: 20 }).at(-1)).toBe('ok');
    // a baseline of 0 (no errors): any error is red, and there is no percentage to tell
    const judged = judgeSeries(points([...Array<number>(10).fill(0), 0.5]), false, settings);
    expect(judged.points.at(-1)).toMatchObject({ verdict: 'regressed', changePercent: null });
  });

  it('judges a higher-is-better metric the other way round: a drop is red, a rise an improvement', () => {
    const throughput = [1000, 1010, 990, 1005, 995, 1012, 988, 1000, 1008, 992];
    expect(verdicts([...throughput, 850], true).at(-1)).toBe('regressed');
    expect(verdicts([...throughput, 1200], true).at(-1)).toBe('improved');
    expect(judgeSeries(points([...throughput, 1200]), true, settings).status).toBe('ok');
    expect(verdicts([...throughput, 1200], false).at(-1)).toBe('regressed');
  });

  it('reports a slow drift over the window as a warning when no single result stands out', () => {
    const creeping = Array.from({ length: 25 }, (_, i) => 100 * (1 + 0.015 * i));
    const judged = judgeSeries(points(creeping), false, settings);
    expect(judged.points.filter((p) => red(p.verdict))).toEqual([]);
    expect(judged.status).toBe('warning');
    expect(judged.drift).toMatchObject({ fromOrdinal: 5, toOrdinal: 24 });
    expect(judged.drift!.changePercent).toBeCloseTo(((1.36 - 1.075) / 1.075) * 100);
    // the same creep the other way is an improvement, not a warning
    expect(judgeSeries(points(creeping.map((v) => 300 - v)), false, settings)).toMatchObject({ status: 'ok', drift: null });
    expect(judgeSeries(points(creeping), true, settings).drift).toBeNull();
  });

  it('names the layer that explains a regression against each layer\'s baseline median', () => {
    const layered = (cpu: number, db: number, ordinal: number): PerfPoint => ({ ordinal, value: cpu + db, layers: { cpu, db } });
    const baseline = [[40, 60], [41, 59], [39, 61], [40, 60], [40, 61], [41, 60], [39, 59], [40, 60], [40, 59], [41, 61]] as const;
    const history = baseline.map(([cpu, db], i) => layered(cpu, db, i));
    const judged = judgeSeries([...history, layered(41, 83, 10)], false, settings);
    expect(judged.regression!.layers).toEqual([
      { layer: 'db', baseline: 60, value: 83, change: 23, changePercent: expect.closeTo(38.33, 2), moved: 'up', share: 1 },
      { layer: 'cpu', baseline: 40, value: 41, change: 1, changePercent: 2.5, moved: 'flat', share: 0 },
    ]);
    expect(describeLayers(judged.regression!.layers)).toBe('db +38 %, cpu flat');
  });
});

describe('judging: properties', () => {
  const series = fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 40 });
  const judging = fc.record({
    baselineRuns: fc.integer({ min: 3, max: 12 }),
    tolerancePercent: fc.integer({ min: 0, max: 50 }),
    madK: fc.integer({ min: 0, max: 5 }),
    driftRuns: fc.integer({ min: 5, max: 30 }),
  });

  it('judges the same whatever the scale of the values (tolerance and MAD are relative)', () => {
    fc.assert(
      fc.property(series, fc.boolean(), judging, fc.constantFrom(0.25, 2, 1024), (values, higherIsBetter, s, factor) => {
        const scaled = judgeSeries(points(values.map((v) => v * factor)), higherIsBetter, s);
        const plain = judgeSeries(points(values), higherIsBetter, s);
        expect(scaled.points.map((p) => p.verdict)).toEqual(plain.points.map((p) => p.verdict));
        expect(scaled.status).toBe(plain.status);
      }),
    );
  });

  it('never turns red while every result stays within half the tolerance of the best one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { maxLength: 40 }), fc.boolean(), (best, offsets, higherIsBetter) => {
        const values = offsets.map((offset) => best * (higherIsBetter ? 1 - offset : 1 + offset));
        const judged = judgeSeries(points(values), higherIsBetter, { ...settings, madK: 0 });
        expect(judged.points.filter((p) => red(p.verdict))).toEqual([]);
        expect(judged.regression).toBeNull();
      }),
    );
  });

  it('is critical exactly when the latest result is red, naming the first of that red run; an outlier is always followed by a result that is not red', () => {
    fc.assert(
      fc.property(series, fc.boolean(), judging, (values, higherIsBetter, s) => {
        const judged = judgeSeries(points(values), higherIsBetter, s);
        const verdictsOf = judged.points.map((p) => p.verdict);
        expect(judged.points).toHaveLength(values.length);
        expect(judged.status === 'critical').toBe(verdictsOf.at(-1) === 'regressed');
        if (judged.regression) {
          let first = verdictsOf.length - 1;
          while (first > 0 && verdictsOf[first - 1] === 'regressed') first--;
          expect(judged.regression.ordinal).toBe(first);
          expect(judged.regression.runLength).toBe(verdictsOf.length - first);
        }
        verdictsOf.forEach((verdict, i) => {
          if (verdict === 'outlier') expect(['ok', 'improved']).toContain(verdictsOf[i + 1]);
        });
      }),
    );
  });
});
