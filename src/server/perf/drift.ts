import { MAD_TO_STANDARD_DEVIATION, median, medianAbsoluteDeviation } from './order-statistics.js';

/** A metric that crept the wrong way over a window while no single result stood out. */
export interface Drift {
  /** Ordinal of the window's first and last result. */
  fromOrdinal: number;
  toOrdinal: number;
  /** The fitted level at the window's start and end. */
  start: number;
  end: number;
  /** Signed change from start to end in percent. */
  changePercent: number;
}

/** Fewer results than this say nothing about a trend. */
export const MIN_DRIFT_RESULTS = 5;

/**
 * Fits a line through `points` (x = ordinal) by Theil–Sen — the median of the slopes between every two
 * results, so an odd result in the window bends it no more than any other — and reports a drift when
 * the line's end is worse than its start by more than the tolerance and by more than k times the noise
 * around the line. Null when it is not (or there are too few results, or the start is 0).
 */
export function findDrift(
  points: readonly { ordinal: number; value: number }[],
  higherIsBetter: boolean,
  settings: { tolerancePercent: number; madK: number },
): Drift | null {
  if (points.length < MIN_DRIFT_RESULTS) return null;
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.ordinal - points[i]!.ordinal;
      if (dx !== 0) slopes.push((points[j]!.value - points[i]!.value) / dx);
    }
  }
  const slope = median(slopes);
  const intercept = median(points.map((p) => p.value - slope * p.ordinal));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const start = intercept + slope * first.ordinal;
  const end = intercept + slope * last.ordinal;
  if (!Number.isFinite(start) || !Number.isFinite(end) || start === 0) return null;
  const changePercent = ((end - start) / Math.abs(start)) * 100;
  const worse = higherIsBetter ? -changePercent : changePercent;
  const noise = MAD_TO_STANDARD_DEVIATION * medianAbsoluteDeviation(points.map((p) => p.value - (intercept + slope * p.ordinal)), 0);
  if (worse <= settings.tolerancePercent || Math.abs(end - start) <= settings.madK * noise) return null;
  return { fromOrdinal: first.ordinal, toOrdinal: last.ordinal, start, end, changePercent };
}
