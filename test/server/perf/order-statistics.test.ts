import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, medianAbsoluteDeviation, percentileOfSorted } from '../../../src/server/perf/order-statistics.js';

describe('order statistics', () => {
  it('takes the median of odd and even counts without reordering its input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('measures spread by the median distance from the median, which one wild value barely moves', () => {
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100])).toBe(1);
    expect(medianAbsoluteDeviation([7, 7, 7])).toBe(0);
  });

  it('takes percentiles by nearest rank: always one of the values', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect([50, 95, 99, 100, 0].map((p) => percentileOfSorted(sorted, p))).toEqual([100, 190, 200, 200, 10]);
    expect(percentileOfSorted([42], 99)).toBe(42);
    expect(percentileOfSorted([], 50)).toBeNaN();
  });
});

describe('the median by selection', () => {
  it('is the middle of the values sorted, duplicates, infinities and NaN included (property)', () => {
    const bySorting = (values: readonly number[]) => {
      const sorted = Float64Array.from(values).sort();
      const middle = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    };
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom(Infinity, -Infinity, Number.NaN));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
        expect(Object.is(median(values) + 0, bySorting(values) + 0) || (Number.isNaN(median(values)) && Number.isNaN(bySorting(values)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
