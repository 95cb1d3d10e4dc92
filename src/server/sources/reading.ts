import type { Threshold } from '../../shared/threshold.js';

/**
 * Normalized readings: what adapters return and the store keeps. Adapters translate their upstream's
 * wire format into one of these shapes and know nothing of tiles, boards or sockets.
 */
export type Reading = MetricsReading | MonitoringReading;
export type ReadingType = Reading['type'];

/** Numbers over time: HTTP probe timings, munin fields, ... */
export interface MetricsReading {
  type: 'metrics';
  /** Epoch ms of the measurement. */
  at: number;
  samples: MetricSample[];
  /**
   * Adapter-private state handed back on the next poll (e.g. munin counter values for rates).
   * Must be JSON-serializable: it is persisted with the reading.
   */
  carry?: unknown;
}

export interface MetricSample {
  /** Unique within the source, e.g. the probe name or `node/plugin/field`. Keys the history. */
  series: string;
  /** null = no value this time (munin `U`, a failed probe). */
  value: number | null;
  unit: string;
  label: string;
  /** Group for multi-series charts, e.g. the munin graph title. */
  group?: string;
  warning?: Threshold | null;
  critical?: Threshold | null;
  /** Why there is no (good) value for this series, e.g. "HTTP 503", "connection refused". */
  error?: string | null;
  /** The HTTP status code answered, for probes of HTTP endpoints. */
  httpStatus?: number | null;
  /** The vertical axis the upstream draws this series on (munin `graph_args`); absent when it says nothing. */
  axis?: SampleAxis;
}

/**
 * Axis limits as munin (rrdtool) reads `graph_args`: `--lower-limit`/`--upper-limit` are the least
 * range shown, which data beyond them extends, unless `--rigid` makes them hard limits.
 */
export interface SampleAxis {
  /** `--lower-limit` / `-l`; null when not given. */
  lower: number | null;
  /** `--upper-limit` / `-u`; null when not given. */
  upper: number | null;
  /** `--rigid` / `-r`: never extend the range beyond the limits. */
  rigid: boolean;
  /** `--base`: 1024 for bytes (k = 1024), else 1000. */
  base: 1000 | 1024;
}

/** Host and service checks from Nagios or Icinga. */
export interface MonitoringReading {
  type: 'monitoring';
  at: number;
  upstream: UpstreamStatus;
  checks: Check[];
}

/** `unknown`: the upstream gave a state the adapter does not understand (see unrecognised-state.ts). */
export type HostState = 'up' | 'down' | 'unreachable' | 'unknown' | 'pending';
export type ServiceState = 'ok' | 'warning' | 'critical' | 'unknown' | 'pending';

export interface Check {
  host: string;
  /** null for the host check itself. */
  service: string | null;
  state: HostState | ServiceState;
  hard: boolean;
  /** First line of the plugin output, untrusted text. */
  output: string;
  longOutput: string;
  /** Epoch ms; null = never. */
  lastCheck: number | null;
  lastStateChange: number | null;
  acknowledged: boolean;
  inDowntime: boolean;
  flapping: boolean;
  notificationsEnabled: boolean;
  /** The result itself is old: last check much older than the check interval. */
  checkStale: boolean;
  /** Groups of the host; for a service check, the groups of its host. [] when the upstream does not say. */
  hostgroups: string[];
  /** Groups of the service; [] for host checks. */
  servicegroups: string[];
}

export interface UpstreamStatus {
  /** e.g. "Nagios Core 4.4.6", "Icinga 2 r2.13.6". */
  program: string;
  reachable: boolean;
  /** The daemon is running and executing checks (a stopped Nagios must not look like "all OK"). */
  checking: boolean;
  /** Epoch ms of the upstream's own last status update. */
  lastUpdate: number | null;
  /** Why not checking / what is wrong, in words. */
  detail: string | null;
}
