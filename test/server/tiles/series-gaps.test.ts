import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { isGap, typicalStep, withGapBreaks } from '../../../src/server/tiles/series-gaps.js';

const T0 = Date.UTC(2026, 10, 25, 0);
const at = (...offsets: number[]): HistoryPoint[] => offsets.map((ms, i) => [T0 + ms, i]);

describe('the one gap rule', () => {
  it('takes the median step between readings as the typical one, from the most recent readings', () => {
    expect(typicalStep([])).toBe(0);
    expect(typicalStep(at(0))).toBe(0);
    // a late poll and an outage do not move the median
    expect(typicalStep(at(0, 1000, 1999, 3000, 4000, 60_000, 61_000))).toBe(1000);
    // polled every 10 s long ago, every second for the last 64 steps: the source is polled every second now
    const slowThenFast = [...Array.from({ length: 100 }, (_, i) => i * 10_000), ...Array.from({ length: 65 }, (_, i) => 1_000_000 + i * 1000)];
    expect(typicalStep(at(...slowThenFast))).toBe(1000);
  });

  it('calls more than 3 typical steps without a reading a gap, and nothing shorter', () => {
    expect(isGap(T0, T0 + 3000, 1000)).toBe(false);
    expect(isGap(T0, T0 + 3001, 1000)).toBe(true);
    // one skipped tick with the median at 999 ms is no gap (2.001 s ≤ 2.997 s)
    expect(isGap(T0 + 999, T0 + 3000, 999)).toBe(false);
    // without a typical step (fewer than two readings) nothing is a gap
    expect(isGap(T0, T0 + 1e9, 0)).toBe(false);
  });

  it('puts a null one typical step after the last reading before each gap', () => {
    expect(withGapBreaks(at(0, 1000, 2000, 10_000, 11_000, 12_000), 1000)).toEqual([
      [T0, 0],
      [T0 + 1000, 1],
      [T0 + 2000, 2],
      [T0 + 3000, null],
      [T0 + 10_000, 3],
      [T0 + 11_000, 4],
      [T0 + 12_000, 5],
    ]);
    expect(withGapBreaks(at(0, 2500, 3000), 1000)).toEqual(at(0, 2500, 3000));
  });
});
