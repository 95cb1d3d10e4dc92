import type { Status } from '../status.js';
import type { Threshold } from '../threshold.js';

/** One plotted point: epoch ms and value (null = no value at that time, a gap in the line). */
export type SeriesPoint = [t: number, value: number | null];

export interface LatencySeries {
  /** Series key within the source, e.g. the probe name or `node/plugin/field`. */
  key: string;
  label: string;
  unit: string;
  /** Latest value, null when the latest measurement failed or is unknown. */
  current: number | null;
  status: Status;
  /** Why this series is not ok (e.g. "HTTP 503", "connection refused"); null when fine. */
  detail: string | null;
  /** The HTTP status code of the last probe (http sources), else null. */
  httpStatus: number | null;
  warning: Threshold | null;
  critical: Threshold | null;
  /** Statistics over the window; null when there are no values. */
  min: number | null;
  avg: number | null;
  p95: number | null;
  points: SeriesPoint[];
}

/** `data` of the latency widget: current value(s) large, a sparkline of the window. */
export interface LatencyData {
  unit: string;
  windowMs: number;
  series: LatencySeries[];
}
