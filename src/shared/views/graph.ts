import type { Status } from '../status.js';
import type { Threshold } from '../threshold.js';
import type { DeployMark } from './deploy-marks.js';
import type { SeriesPoint } from './latency.js';

/** How the server reduced each time bucket of raw points to one plotted point. */
export type GraphAggregate = 'avg' | 'max' | 'min';

export interface GraphSeries {
  /** Series key within the source, e.g. `node/plugin/field`; stable, so charts can join on it. */
  key: string;
  label: string;
  /** The series' group, e.g. the munin graph title ("CPU usage"); null when the source has none. */
  group: string | null;
  unit: string;
  /** Latest value, null when the latest measurement failed or is unknown. */
  current: number | null;
  status: Status;
  /** Why this series is not ok (e.g. "connection refused"); null when fine. */
  detail: string | null;
  warning: Threshold | null;
  critical: Threshold | null;
  /**
   * One point per time bucket, oldest first: [bucket start (epoch ms), aggregated value]. The same
   * bucket starts for every series of the tile, so they line up (and stack). A null value is a gap: a
   * bucket whose readings had no value, or the first empty bucket after an outage (more than 3 typical
   * steps without a reading).
   */
  points: SeriesPoint[];
}

/** `data` of the graph widget: several series over a time window, downsampled on the server. */
export interface GraphData {
  windowMs: number;
  /** Epoch ms of the newest reading: the right edge of the chart. Null when there is none. */
  to: number | null;
  /** Width of one bucket: each point stands for [t, t + bucketMs). */
  bucketMs: number;
  aggregate: GraphAggregate;
  stacked: boolean;
  /**
   * Fixed vertical range: the tile options, else the source's axis limits (munin `graph_args`, already
   * widened to data beyond them unless `--rigid`); null = fit the data (and thresholds).
   */
  yMin: number | null;
  yMax: number | null;
  /** The unit of the series when they share one, else "". */
  unit: string;
  /** 1024 when every series counts in powers of 1024 (munin `--base 1024`: bytes, memory), else 1000. */
  base: 1000 | 1024;
  series: GraphSeries[];
  /** Deploys within the window (tile option `deploys`), oldest first, at most 20; [] without the option. */
  deployMarks: DeployMark[];
}
