import type { Status } from '../../shared/status.js';
import type { Threshold } from '../../shared/threshold.js';
import type { MetricSample } from '../readings/metrics.js';
import { effectiveThreshold, type ThresholdOption } from './threshold-option.js';
import { statusForValue } from './threshold-status.js';

/** A tile's own limits; each one left out falls back to the source's. */
export interface TileLimits {
  warning?: ThresholdOption | undefined;
  critical?: ThresholdOption | undefined;
}

/** How one series is doing, as every metrics tile shows it. */
interface SeriesStatus {
  status: Status;
  /** Why it is not ok, in words; null when fine. */
  detail: string | null;
  /** The limits in effect. */
  warning: Threshold | null;
  critical: Threshold | null;
}

/**
 * Judges one series: the tile's limits override the source's (munin warning/critical); a value
 * outside critical is critical, outside warning a warning, no value unknown. A series that carries
 * an upstream error (a failed probe, a plugin's bad exit, a node that is down) is an outage, so
 * critical with the error as its detail, not a mere unknown.
 */
export function seriesStatus(sample: MetricSample, limits: TileLimits): SeriesStatus {
  const warning = effectiveThreshold(limits.warning, sample.warning);
  const critical = effectiveThreshold(limits.critical, sample.critical);
  const error = sample.error ?? null;
  const status = error ? 'critical' : statusForValue(sample.value, warning, critical);
  return { status, detail: error ?? (status === 'unknown' ? 'no value' : null), warning, critical };
}
