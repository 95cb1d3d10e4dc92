import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../src/shared/views/latency.js';
import { sparkDomain } from '../../src/widgets/sparkline.js';

const T = Date.UTC(2026, 10, 25, 12);
const points = (...values: (number | null)[]): SeriesPoint[] => values.map((v, i) => [T + i * 5000, v]);
const max = (n: number) => ({ min: null, max: n });
const min = (n: number) => ({ min: n, max: null });

describe('sparkline vertical range', () => {
  it('brings a nearby warning or critical limit into view, so the line reads against its band', () => {
    // data up to 310, warning 400 (within 1.6 × 310 = 496): the top is the limit plus headroom
    expect(sparkDomain(points(200, 310, 250), max(400), max(800))).toEqual([0, 448]);
    expect(sparkDomain(points(200, 310, 250), max(1000), max(480))[1]).toBeCloseTo(537.6);
  });

  it('leaves a far-off limit out, so it does not flatten the line', () => {
    // 40 ms against a warning of 300: the old range (0–336) squeezed the line into its bottom eighth
    const [lo, hi] = sparkDomain(points(30, 40, 35), max(300), max(800));
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(44.8);
    // so the line spans most of the height
    expect(30 / hi).toBeGreaterThan(0.6);
  });

  it('keeps the data in view when it is beyond its limits (the band shows behind it)', () => {
    expect(sparkDomain(points(450, 500), max(400), max(1000))).toEqual([0, 560]);
  });

  it('treats limits below the data alike: from zero, or a nearby negative minimum', () => {
    expect(sparkDomain(points(50, 60), min(10), null)).toEqual([0, 67.2]);
    expect(sparkDomain(points(-10, 5), min(-12), min(-40))[0]).toBe(-12);
  });

  it('has a range without data or with a flat zero line', () => {
    expect(sparkDomain([], max(400), null)).toEqual([0, 1]);
    expect(sparkDomain(points(0, 0, null), max(400), null)).toEqual([0, 1]);
  });
});
