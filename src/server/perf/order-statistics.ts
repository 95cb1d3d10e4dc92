/**
 * Statistics of a handful of results that one slow run cannot drag: the median and the median absolute
 * deviation judge regressions, percentiles summarize a load test's samples.
 */

/** The middle of `values` (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  // a typed array sorts numerically without a comparator call per step
  const sorted = new Float64Array(values);
  const middle = sorted.length >> 1;
  // a drift's Theil–Sen line takes the median of every two results' slope (190 for 20 results, per
  // metric and fold): finding the middle costs a pass or two where sorting them all costs log n
  if (!selectInPlace(sorted, middle)) sorted.sort();
  if (sorted.length % 2 === 1) return sorted[middle]!;
  // everything before the middle is at or below it: the lower middle is the largest of those
  let lower = sorted[0]!;
  for (let i = 1; i < middle; i++) if (sorted[i]! > lower) lower = sorted[i]!;
  return (lower + sorted[middle]!) / 2;
}

/**
 * Moves the `k`-th smallest value to index `k`, the smaller ones before it and the larger after it
 * (Hoare's selection). False, with nothing promised, for a NaN (it compares with nothing) or when a
 * bad run of pivots would make it slower than sorting: the caller sorts instead.
 */
function selectInPlace(values: Float64Array, k: number): boolean {
  let lo = 0;
  let hi = values.length - 1;
  for (let rounds = 0; hi > lo; rounds++) {
    if (rounds > 64) return false;
    const a = values[lo]!;
    const b = values[(lo + hi) >> 1]!;
    const c = values[hi]!;
    if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c)) return false;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  // a NaN away from the pivots went unnoticed: it compares false both ways and may sit anywhere
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) return false;
  return true;
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
