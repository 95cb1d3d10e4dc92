import type { ExpectedArrival } from '../store/source-health.js';
import { cronIntervalMs } from './cron-schedule.js';
import { parseDurationMs } from './duration.js';
import type { SourceConfig } from './schema.js';

/**
 * How often a configured source's data is due, for staleness: a polled source's schedule interval,
 * a pushed source's `expectEvery` (none: never stale by age). Validation gave every polled source a
 * schedule and no pushed one.
 */
export function expectedArrival(source: SourceConfig): ExpectedArrival {
  if (source.schedule !== undefined) return { arrives: 'polled', intervalMs: cronIntervalMs(source.schedule) };
  if (source.expectEvery === undefined) return { arrives: 'pushed', intervalMs: null };
  const intervalMs = parseDurationMs(source.expectEvery);
  if (intervalMs === null) throw new Error(`source of type ${source.type}: expectEvery ${JSON.stringify(source.expectEvery)} is not a duration`);
  return { arrives: 'pushed', intervalMs };
}
