import type { MetricSample } from '../readings/metrics.js';

const LISTED = 3;

/**
 * The tile-level reason when some series carry an upstream error ("checkout: HTTP 503"): the
 * series show their own detail, but the tile's `reason` must say it too for whoever reads the API.
 */
export function failedSeriesReason(samples: readonly MetricSample[]): string | null {
  const failed = samples.filter((s) => s.error);
  if (failed.length === 0) return null;
  const listed = failed.slice(0, LISTED).map((s) => `${s.label}: ${s.error}`);
  if (failed.length > LISTED) listed.push(`${failed.length - LISTED} more failing`);
  return listed.join('; ');
}
