/** One stored value of a series: epoch ms and value (null = unknown at that time). */
export type HistoryPoint = [t: number, value: number | null];

/**
 * A bounded series: keeps at most `maxPoints` points and none older than `maxAgeMs`.
 * A plain array with a moving start index, compacted now and then, so appends stay O(1).
 */
export class BoundedSeries {
  private points: HistoryPoint[] = [];
  private start = 0;

  constructor(
    private readonly maxPoints: number,
    private readonly maxAgeMs: number,
  ) {}

  append(point: HistoryPoint): void {
    const last = this.points[this.points.length - 1];
    if (last && point[0] < last[0]) return; // out of order (clock step back): keep history monotonic
    if (last && point[0] === last[0]) this.points[this.points.length - 1] = point;
    else this.points.push(point);
    this.trim(point[0]);
  }

  /**
   * Replaces the contents with `points` (oldest first) in one pass, keeping what appending them one
   * by one would keep at `now`: restoring a day of history for 1,500 series point by point would
   * hold the event loop for half a second.
   */
  load(points: readonly HistoryPoint[], now: number): void {
    const kept: HistoryPoint[] = [];
    for (const point of points) {
      const last = kept[kept.length - 1];
      if (last && point[0] < last[0]) continue;
      if (last && point[0] === last[0]) kept[kept.length - 1] = point;
      else kept.push(point);
    }
    const oldest = Math.max(now, kept[kept.length - 1]?.[0] ?? now) - this.maxAgeMs;
    let start = Math.max(0, kept.length - this.maxPoints);
    while (start < kept.length && kept[start]![0] < oldest) start++;
    this.points = start ? kept.slice(start) : kept;
    this.start = 0;
  }

  values(): readonly HistoryPoint[] {
    return this.start === 0 ? this.points : this.points.slice(this.start);
  }

  get size(): number {
    return this.points.length - this.start;
  }

  /** Forgets what is older than the age limit at `now`, for series that stopped receiving points. */
  expire(now: number): void {
    this.trim(now);
  }

  private trim(now: number): void {
    const oldest = now - this.maxAgeMs;
    while (this.start < this.points.length) {
      const p = this.points[this.start]!;
      if (this.points.length - this.start > this.maxPoints || p[0] < oldest) this.start++;
      else break;
    }
    if (this.start > 1024 && this.start * 2 > this.points.length) {
      this.points = this.points.slice(this.start);
      this.start = 0;
    }
  }
}
