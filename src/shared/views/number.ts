import type { Threshold } from '../threshold.js';
import type { SeriesPoint } from './latency.js';

export interface NumberChange {
  /**
   * Epoch ms of the value compared against: the last one at or before `compareMs` before the newest
   * reading, and no older than half a period (or one poll interval, when longer) beyond that.
   */
  since: number;
  /** How long before the newest reading that value was taken: the span the change is over. */
  spanMs: number;
  previous: number;
  /** current − previous. */
  delta: number;
  /** delta relative to |previous|, in percent; null when previous is 0. */
  percent: number | null;
  direction: 'up' | 'down' | 'flat';
}

/** `data` of the number widget: one value, large, with its change over a period. */
export interface NumberData {
  /** The series shown; null when none matches. */
  key: string | null;
  label: string;
  unit: string;
  /** Latest value, null when the latest measurement failed or is unknown. */
  current: number | null;
  /** Decimal places to show; null = the widget picks by magnitude. */
  decimals: number | null;
  warning: Threshold | null;
  critical: Threshold | null;
  /** Why the value is not ok (e.g. "plugin failed (bad exit)"); null when fine. */
  detail: string | null;
  /** The comparison period in ms ("since 60 min ago"). */
  compareMs: number;
  /** Change over the comparison period; null when there is no value from about that long ago. */
  change: NumberChange | null;
  /** The comparison period's values (downsampled, a null in each gap) for a faint background sparkline. */
  points: SeriesPoint[];
}
