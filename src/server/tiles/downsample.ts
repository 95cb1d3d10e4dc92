import type { GraphAggregate } from '../../shared/views/graph.js';
import type { SeriesPoint } from '../../shared/views/latency.js';
import type { HistoryPoint } from '../store/history.js';
import { isGap, typicalStep } from './series-gaps.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Bucket widths people read easily on an axis; also keeps bucket starts the same from update to update. */
const NICE_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * SECOND).concat([1, 2, 5, 10, 15, 30].map((m) => m * MINUTE), [1, 2, 3, 6, 12, 24].map((h) => h * HOUR));

/** The smallest nice bucket width that fits `windowMs` into at most `maxPoints` buckets. */
export function bucketWidth(windowMs: number, maxPoints: number): number {
  const wanted = windowMs / Math.max(1, maxPoints - 1);
  return NICE_STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / HOUR) * HOUR;
}

/**
 * Reduces the points from `from` on to one per bucket of `bucketMs`, aligned to epoch multiples of
 * the width (so earlier buckets keep their start and value as time moves on, and several series
 * share bucket starts). A bucket's value is the avg/max/min of its non-null values, null if it has
 * none. A gap in the data (more than 3 typical steps between two readings, see series-gaps.ts) that
 * leaves a bucket empty gets a null point at the first empty bucket, so a chart breaks its line
 * there instead of bridging an outage.
 */
export function downsample(points: readonly HistoryPoint[], from: number, bucketMs: number, aggregate: GraphAggregate): SeriesPoint[] {
  let i = points.length;
  while (i > 0 && points[i - 1]![0] >= from) i--;
  if (i === points.length) return [];
  const step = typicalStep(points);

  const out: SeriesPoint[] = [];
  let bucketStart = Number.NaN;
  let acc: number | null = null;
  let count = 0;
  const flush = () => {
    if (Number.isNaN(bucketStart)) return;
    out.push([bucketStart, acc === null ? null : aggregate === 'avg' ? acc / count : acc]);
  };
  for (let previousT = Number.NaN; i < points.length; i++) {
    const [t, v] = points[i]!;
    const start = Math.floor(t / bucketMs) * bucketMs;
    if (start !== bucketStart) {
      flush();
      // judged on the readings' times; the break needs an empty bucket to stand in
      if (isGap(previousT, t, step) && start > bucketStart + bucketMs) out.push([bucketStart + bucketMs, null]);
      bucketStart = start;
      acc = null;
      count = 0;
    }
    previousT = t;
    if (v === null || !Number.isFinite(v)) continue;
    count++;
    if (acc === null) acc = v;
    else if (aggregate === 'avg') acc += v;
    else if (aggregate === 'max') acc = Math.max(acc, v);
    else acc = Math.min(acc, v);
  }
  flush();
  return out;
}
