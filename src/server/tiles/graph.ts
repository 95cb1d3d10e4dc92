import { z } from 'zod';
import type { GraphData, GraphSeries } from '../../shared/views/graph.js';
import { bucketWidth, downsample } from './downsample.js';
import { failedSeriesReason } from './failed-series.js';
import { globListOption, globMatcher } from './glob.js';
import { worstStatus } from './status-rank.js';
import { effectiveThreshold, thresholdOption } from './threshold-option.js';
import { statusForValue } from './threshold-status.js';
import { defineTileKind } from './tile-kind.js';

/**
 * A multi-series time chart (e.g. the load of every node, a plugin's fields stacked). History is
 * downsampled here, per time bucket, so a day of 5-second data is a few hundred points per series on
 * the socket, not tens of thousands. The window ends at the newest reading, not at "now", so the
 * view only changes when data arrives.
 */
export const graphTile = defineTileKind({
  widget: 'graph',
  description: 'A time chart of several series (lines or stacked areas), downsampled on the server, with thresholds.',
  consumes: 'metrics',
  options: z
    .object({
      series: globListOption.describe('Series names or globs (e.g. "*/load/load", "web1/cpu/*"); default all'),
      windowMinutes: z.number().positive().max(31 * 24 * 60).default(60).describe('Time shown'),
      stacked: z.boolean().default(false).describe('Stack the series as areas (e.g. CPU user/system/iowait)'),
      yMin: z.number().optional().describe('Fixed bottom of the vertical axis; default fits the data'),
      yMax: z.number().optional().describe('Fixed top of the vertical axis; default fits the data'),
      aggregate: z.enum(['avg', 'max', 'min']).default('avg').describe('How a time bucket becomes one point; "max" keeps spikes'),
      maxPoints: z.number().int().min(20).max(1000).default(300).describe('At most this many points per series'),
      maxSeries: z.number().int().min(1).max(24).default(8),
      warning: thresholdOption.optional().describe('Number = upper bound, or a munin range ("10:", "5:10"); overrides the source'),
      critical: thresholdOption.optional().describe('Number = upper bound, or a munin range; overrides the source'),
    })
    .strict()
    .refine((o) => o.yMin === undefined || o.yMax === undefined || o.yMin < o.yMax, 'yMin must be below yMax'),
  project({ options, reading, history }) {
    const windowMs = options.windowMinutes * 60_000;
    const bucketMs = bucketWidth(windowMs, options.maxPoints);
    const frame = {
      windowMs,
      bucketMs,
      aggregate: options.aggregate,
      stacked: options.stacked,
      yMin: options.yMin ?? null,
      yMax: options.yMax ?? null,
    };
    if (!reading || reading.type !== 'metrics') {
      return { status: 'unknown', data: { ...frame, to: null, unit: '', series: [] } satisfies GraphData };
    }
    const wanted = globMatcher(options.series);
    const from = reading.at - windowMs;
    const samples = reading.samples.filter((s) => wanted(s.series)).slice(0, options.maxSeries);
    const series = samples.map((sample): GraphSeries => {
        const warning = effectiveThreshold(options.warning, sample.warning);
        const critical = effectiveThreshold(options.critical, sample.critical);
        const error = sample.error ?? null;
        // a series whose upstream failed is an outage, as on the latency tile
        const status = error ? 'critical' : statusForValue(sample.value, warning, critical);
        return {
          key: sample.series,
          label: sample.label,
          group: sample.group ?? null,
          unit: sample.unit,
          current: sample.value,
          status,
          detail: error ?? (status === 'unknown' ? 'no value' : null),
          warning,
          critical,
          points: downsample(history(sample.series), from, bucketMs, options.aggregate),
        };
      });
    const units = new Set(series.map((s) => s.unit));
    const data: GraphData = { ...frame, to: reading.at, unit: units.size === 1 ? [...units][0]! : '', series };
    if (series.length === 0) {
      return { status: 'unknown', data, reason: `no series matches ${(options.series ?? []).join(', ')}` };
    }
    return { status: worstStatus(series.map((s) => s.status)), data, reason: failedSeriesReason(samples) };
  },
});
