/**
 * The last `size` values added, also kept in ascending order, so their median and median absolute
 * deviation cost a few steps per result instead of two sorts: a metric's results are judged one by one
 * as they arrive, and all of them again for a reading restored from disk (10,000 results within the
 * budget of one update).
 */
export class SortedWindow {
  /** In the order added (oldest first), for dropping the oldest. */
  private readonly arrived: number[] = [];
  private readonly sorted: number[] = [];

  constructor(private readonly size: number) {}

  get length(): number {
    return this.sorted.length;
  }

  add(value: number): void {
    if (this.arrived.length === this.size) {
      const oldest = this.arrived.shift()!;
      this.sorted.splice(this.indexOf(oldest), 1);
    }
    this.arrived.push(value);
    this.sorted.splice(this.insertionPoint(value), 0, value);
  }

  /** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
  median(): number {
    const n = this.sorted.length;
    if (n === 0) return Number.NaN;
    const middle = n >> 1;
    return n % 2 === 1 ? this.sorted[middle]! : (this.sorted[middle - 1]! + this.sorted[middle]!) / 2;
  }

  /**
   * The median of the distances from `center`: the distances, walked outward from `center` through
   * the sorted values (nearest first on either side), come in ascending order, so the middle ones are
   * found without sorting them.
   */
  medianAbsoluteDeviation(center = this.median()): number {
    const n = this.sorted.length;
    if (n === 0) return Number.NaN;
    const wanted = n >> 1; // index of the (upper) middle distance
    let right = this.insertionPoint(center);
    let left = right - 1;
    let previous = 0;
    for (let k = 0; k <= wanted; k++) {
      const leftDistance = left >= 0 ? center - this.sorted[left]! : Infinity;
      const rightDistance = right < n ? this.sorted[right]! - center : Infinity;
      const distance = leftDistance <= rightDistance ? leftDistance : rightDistance;
      if (leftDistance <= rightDistance) left--;
      else right++;
      if (k === wanted) return n % 2 === 1 ? distance : (previous + distance) / 2;
      previous = distance;
    }
    return Number.NaN;
  }

  /** The first index whose value is greater than or equal to `value`. */
  private insertionPoint(value: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(value: number): number {
    const at = this.insertionPoint(value);
    // NaN never compares; values are finite (the event schema says so), so `at` holds it
    return this.sorted[at] === value ? at : this.sorted.indexOf(value);
  }
}
