import { z } from 'zod';
import type { Threshold } from '../../shared/threshold.js';
import { defineReadingKind } from './reading-kind.js';

/** Numbers over time: HTTP probe timings, munin fields, pushed metrics, ... */
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

declare module './reading-kind.js' {
  interface ReadingTypes {
    metrics: MetricsReading;
  }
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

const threshold = z.object({ min: z.number().nullable(), max: z.number().nullable() });

const metricSample = z.looseObject({
  series: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  label: z.string(),
  group: z.string().optional(),
  warning: threshold.nullable().optional(),
  critical: threshold.nullable().optional(),
  error: z.string().nullable().optional(),
  httpStatus: z.number().nullable().optional(),
  axis: z
    .looseObject({ lower: z.number().nullable(), upper: z.number().nullable(), rigid: z.boolean(), base: z.union([z.literal(1000), z.literal(1024)]) })
    .optional(),
});

export const metricsReading = defineReadingKind({
  type: 'metrics',
  description: 'Numbers over time, one sample per series (HTTP probe timings, munin fields, pushed metrics); each becomes a history point.',
  schema: z.looseObject({ type: z.literal('metrics'), at: z.number(), samples: z.array(metricSample), carry: z.unknown().optional() }),
});
