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
