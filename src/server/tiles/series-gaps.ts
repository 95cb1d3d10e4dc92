import type { SeriesPoint } from '../../shared/views/latency.js';
import type { HistoryPoint } from '../store/history.js';

/** Steps the typical step is the median of: enough to shrug off a few late polls, and cheap on a day of history. */
const RECENT_STEPS = 64;
/** A silence of more than this many typical steps is an outage; less is a late or skipped poll. */
const GAP_STEPS = 3;

/**
 * The median time between the last readings: how often the source is polled. 0 with fewer than two
 * readings. Measured, not taken from the schedule, so it holds for history restored from disk too.
 */
export function typicalStep(points: readonly HistoryPoint[]): number {
  const recent = points.slice(-(RECENT_STEPS + 1));
  if (recent.length < 2) return 0;
  const steps = recent
    .slice(1)
    .map(([t], i) => t - recent[i]![0])
    .sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]!;
}

/**
 * The one gap rule every chart follows: two consecutive readings more than 3 typical steps apart
 * have an outage between them. It is judged on the readings' own times, never on rounded ones
 * (bucket starts), so jitter in when polls land cannot turn one skipped tick into a break.
 */
export function isGap(before: number, after: number, step: number): boolean {
  return step > 0 && after - before > GAP_STEPS * step;
}

/**
 * The readings with a null point one typical step after the last reading before each gap, so a
 * line breaks there instead of bridging the outage. Widgets draw nulls as breaks and judge nothing.
 */
export function withGapBreaks(points: readonly HistoryPoint[], step: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    const previous = points[i - 1];
    if (previous && isGap(previous[0], point[0], step)) out.push([previous[0] + step, null]);
    out.push(point);
  }
  return out;
}
