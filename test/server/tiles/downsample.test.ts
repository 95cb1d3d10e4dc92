import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { bucketWidth, downsample } from '../../../src/server/tiles/downsample.js';

const T0 = Date.UTC(2026, 10, 25, 0);

/** `count` points every `stepMs` from T0, value = f(i). */
const series = (count: number, stepMs: number, f: (i: number) => number | null): HistoryPoint[] =>
  Array.from({ length: count }, (_, i) => [T0 + i * stepMs, f(i)]);

describe('downsampling for charts', () => {
  it('picks a readable bucket width that fits the window into the point budget', () => {
    expect(bucketWidth(24 * 3_600_000, 300)).toBe(5 * 60_000);
    expect(bucketWidth(15 * 60_000, 300)).toBe(5000);
    expect(bucketWidth(60_000, 300)).toBe(1000);
    expect(bucketWidth(31 * 24 * 3_600_000, 300)).toBe(3 * 3_600_000);
  });

  it('reduces a day of 5 s data to at most 300 points per series', () => {
    const day = series(17_280, 5000, (i) => i % 100);
    const bucket = bucketWidth(86_400_000, 300);
    const points = downsample(day, T0, bucket, 'avg');
    expect(points.length).toBeLessThanOrEqual(300);
    expect(points.length).toBeGreaterThan(280);
    // each 5-minute bucket holds 60 points
    expect(points[0]).toEqual([T0, (0 + 59) / 2]);
  });

  it('aggregates by avg, max or min, ignoring nulls; a bucket of only nulls is a null', () => {
    const points: HistoryPoint[] = [[T0, 1], [T0 + 1000, 9], [T0 + 2000, null], [T0 + 10_000, null]];
    expect(downsample(points, T0, 10_000, 'avg')).toEqual([[T0, 5], [T0 + 10_000, null]]);
    expect(downsample(points, T0, 10_000, 'max')).toEqual([[T0, 9], [T0 + 10_000, null]]);
    expect(downsample(points, T0, 10_000, 'min')).toEqual([[T0, 1], [T0 + 10_000, null]]);
  });

  it('aligns buckets to the clock, so a point keeps its bucket as the window moves', () => {
    const data = series(100, 7000, (i) => i);
    const a = downsample(data, T0 + 3000, 60_000, 'max');
    const b = downsample(data.concat([[T0 + 100 * 7000, 100]]), T0 + 10_000, 60_000, 'max');
    expect(a.slice(1, -1)).toEqual(b.slice(1, -1));
    expect(a.at(-1)).not.toEqual(b.at(-1));
    expect(a.every(([t]) => t % 60_000 === 0)).toBe(true);
  });

  it('leaves out points before the window', () => {
    expect(downsample(series(10, 1000, (i) => i), T0 + 5000, 1000, 'avg').map((p) => p[1])).toEqual([5, 6, 7, 8, 9]);
    expect(downsample([], T0, 1000, 'avg')).toEqual([]);
  });

  it('breaks the line at an outage instead of bridging it', () => {
    const before = series(20, 5000, () => 1);
    const after = series(20, 5000, () => 2).map(([t, v]): HistoryPoint => [t + 20 * 60_000, v]);
    const points = downsample([...before, ...after], T0, 5000, 'avg');
    const gaps = points.filter((p) => p[1] === null);
    expect(gaps).toEqual([[T0 + 19 * 5000 + 5000, null]]);
    expect(points).toHaveLength(41);
  });
});

/**
 * Readings as a cron source records them: one per `stepMs` tick, each `jitter(i)` ms after its tick
 * (the poll's own duration), ticks listed in `skipped` missing.
 */
const polled = (count: number, stepMs: number, jitter: (i: number) => number, skipped: readonly number[] = []): HistoryPoint[] =>
  Array.from({ length: count }, (_, i) => i)
    .filter((i) => !skipped.includes(i))
    .map((i): HistoryPoint => [T0 + i * stepMs + jitter(i), 1]);

/** A repeatable jitter in [0, spread): the same every run, different from tick to tick. */
const seeded = (seed: number, spread: number) => (i: number) => Math.floor(((((i + 1) * 2_654_435_761 + seed * 40_503) % 2 ** 32) / 2 ** 32) * spread);

describe('gaps in jittered data', () => {
  it('does not break the line after one skipped tick, whatever the bucket rounding (median step 999 ms)', () => {
    // steps of 999 ms, one tick skipped, and its neighbours at the two ends of their buckets:
    // 2.001 s apart in time, 3 buckets apart by bucket start
    const last = T0 + 40_999;
    const before = Array.from({ length: 30 }, (_, i): HistoryPoint => [last - (29 - i) * 999, 1]);
    const after = Array.from({ length: 30 }, (_, i): HistoryPoint => [last + 2001 + i * 999, 1]);
    const points = downsample([...before, ...after], T0, 1000, 'avg');
    expect(points.filter(([, v]) => v === null)).toEqual([]);
  });

  it("judges a gap on the readings' own times, not on their bucket starts, for any jitter and phase", () => {
    for (let seed = 0; seed < 40; seed++) {
      for (const [stepMs, bucketMs] of [[1000, 1000], [1000, 2000], [5000, 1000], [5000, 5000], [10_000, 15_000]] as const) {
        const jitter = seeded(seed, stepMs / 10);
        const label = `seed ${seed}, step ${stepMs}, bucket ${bucketMs}`;
        // one tick missed: a late poll, not an outage
        expect(downsample(polled(120, stepMs, jitter, [40, 80]), T0, bucketMs, 'max').filter(([, v]) => v === null), label).toEqual([]);
        // three ticks missed: more than 3 typical steps without a reading is an outage, one break each
        const broken = downsample(polled(120, stepMs, jitter, [40, 41, 42, 80, 81, 82, 83]), T0, bucketMs, 'max');
        expect(broken.filter(([, v]) => v === null), label).toHaveLength(2);
      }
    }
  });

  it('puts the break in the first empty bucket after the last reading before the gap', () => {
    const points = downsample(polled(60, 1000, () => 300, [20, 21, 22, 23]), T0, 1000, 'avg');
    expect(points.filter(([, v]) => v === null)).toEqual([[T0 + 20_000, null]]);
    expect(points.map(([t]) => t)).toEqual([...points.map(([t]) => t)].sort((a, b) => a - b));
  });

  it('does not break inside a bucket that holds data, even across more than 3 steps without a reading', () => {
    // 5 s data, 5 min buckets: 35 s without data (7 steps) leaves no bucket empty
    const points = downsample(polled(720, 5000, seeded(3, 500), [30, 31, 32, 33, 34, 35]), T0, 300_000, 'avg');
    expect(points.filter(([, v]) => v === null)).toEqual([]);
  });
});
