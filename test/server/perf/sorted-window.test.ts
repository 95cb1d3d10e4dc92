import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, medianAbsoluteDeviation } from '../../../src/server/perf/order-statistics.js';
import { SortedWindow } from '../../../src/server/perf/sorted-window.js';

describe('SortedWindow', () => {
  it('keeps the last N values and gives their median and MAD as sorting them would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.integer({ min: -1000, max: 1000 }).map((v) => v / 8), { minLength: 1, maxLength: 60 }), (size, values) => {
        const window = new SortedWindow(size);
        values.forEach((value, i) => {
          window.add(value);
          const last = values.slice(Math.max(0, i + 1 - size), i + 1);
          expect(window.length).toBe(last.length);
          expect(window.median()).toBe(median(last));
          expect(window.medianAbsoluteDeviation()).toBe(medianAbsoluteDeviation(last));
          expect(window.medianAbsoluteDeviation(7.5)).toBe(medianAbsoluteDeviation(last, 7.5));
        });
      }),
    );
  });

  it('drops the oldest of equal values once', () => {
    const window = new SortedWindow(3);
    for (const v of [5, 5, 1, 5]) window.add(v);
    expect([window.length, window.median()]).toEqual([3, 5]);
    window.add(1);
    expect(window.median()).toBe(1);
    expect(new SortedWindow(3).median()).toBeNaN();
  });
});
