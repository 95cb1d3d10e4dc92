import type { Status } from '../status.js';
import type { Threshold } from '../threshold.js';
import type { DeployMark } from './deploy-marks.js';

/**
 * One plotted point: epoch ms and value. Null = no value at that time, a gap in the line: a failed
 * poll, or the server's mark for an outage (more than 3 typical steps without a reading). Widgets
 * draw nulls as breaks and judge no gaps themselves.
 */
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
  /** Oldest first, with a null in each gap; more than 300 are reduced to each time bucket's maximum. */
  points: SeriesPoint[];
}

/** `data` of the latency widget: current value(s) large, a sparkline of the window. */
export interface LatencyData {
  unit: string;
  windowMs: number;
  series: LatencySeries[];
  /** Deploys within the window (tile option `deploys`), oldest first, at most 20; [] without the option. */
  deployMarks: DeployMark[];
}
