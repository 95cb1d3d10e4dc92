/**
 * Statistics of a handful of results that one slow run cannot drag: the median and the median absolute
 * deviation judge regressions, percentiles summarize a load test's samples.
 */

/** The middle of `values` (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  // a typed array sorts numerically without a comparator call per step
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of the distances from `center` (the median by default); NaN when empty. */
export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((value) => Math.abs(value - center)));
}

/**
 * The MAD scaled so that, for normally distributed noise, it estimates the standard deviation: "k·MAD"
 * then reads as "k standard deviations" while one wild value in the window moves it no more than any other.
 */
export const MAD_TO_STANDARD_DEVIATION = 1.4826;

/**
 * The `percent` percentile of ascending `sorted` values by nearest rank: the smallest value with at
 * least `percent` % of the values at or below it (always one of the values, never interpolated).
 */
export function percentileOfSorted(sorted: ArrayLike<number>, percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
