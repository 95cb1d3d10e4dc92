import { z } from 'zod';
import type { LatencyData, LatencySeries } from '../../shared/views/latency.js';
import type { MetricSample } from '../readings/metrics.js';
import type { HistoryPoint } from '../store/history.js';
import { bucketWidth, downsample } from './downsample.js';
import { failedSeriesReason } from './failed-series.js';
import { globListOption, globMatcher } from './glob.js';
import { worstStatus } from './status-rank.js';
import { typicalStep, withGapBreaks } from './series-gaps.js';
import { seriesStatus, type TileLimits } from './series-status.js';
import { thresholdOption } from './threshold-option.js';
import { defineTileKind } from './tile-kind.js';
import { deployMarks, deployMarksOption, deployMarksSource } from './deploy-marks.js';
import { lastWindow, windowStats } from './window-stats.js';
import { noSeriesReason } from './no-series-reason.js';

const MAX_SPARK_POINTS = 300;

/**
 * Current value(s) large with a sparkline of the window. Thresholds come from the source (munin's
 * warning/critical) unless the tile sets its own limits.
 */
export const latencyTile = defineTileKind({
  widget: 'latency',
  description: 'Current value(s) large with unit, a sparkline of the window, thresholds and min/avg/p95.',
  consumes: 'metrics',
  options: z
    .object({
      series: globListOption.describe('Series names or globs (e.g. "checkout", "web*/http_loadtime/*"); default all'),
      warning: thresholdOption
        .optional()
        .describe('Warning above this value, or outside a munin range such as "10:" or "5:10" (overrides the source)'),
      critical: thresholdOption
        .optional()
        .describe('Critical above this value, or outside a munin range (overrides the source)'),
      windowMinutes: z.number().positive().max(24 * 60).default(15).describe('Sparkline and statistics window'),
      maxSeries: z.number().int().min(1).max(12).default(6),
      deploys: deployMarksOption,
    })
    .strict(),
  related: (options) => deployMarksSource(options.deploys),
  project({ options, reading, history, related }) {
    const windowMs = options.windowMinutes * 60_000;
    if (!reading) {
      return { status: 'unknown', data: { unit: '', windowMs, series: [], deployMarks: [] } satisfies LatencyData };
    }
    const wanted = globMatcher(options.series);
    const samples = reading.samples.filter((s) => wanted(s.series)).slice(0, options.maxSeries);
    // the window ends at the reading, not at the clock, so the view changes only when data does
    const series = samples.map((sample) => project(sample, options, history(sample.series), reading.at, windowMs));
    const marks = deployMarks(options.deploys, related, reading.at - windowMs, reading.at);
    const data: LatencyData = { unit: series[0]?.unit ?? '', windowMs, series, deployMarks: marks };
    if (series.length === 0) {
      return { status: 'unknown', data, reason: noSeriesReason(options.series, reading.samples.length) };
    }
    return { status: worstStatus(series.map((s) => s.status)), data, reason: failedSeriesReason(samples) };
  },
});

function project(sample: MetricSample, limits: TileLimits, history: readonly HistoryPoint[], end: number, windowMs: number): LatencySeries {
  const points = lastWindow(history, end, windowMs);
  return {
    key: sample.series,
    label: sample.label,
    unit: sample.unit,
    current: sample.value,
    ...seriesStatus(sample, limits),
    httpStatus: sample.httpStatus ?? null,
    ...windowStats(points),
    // a long window of frequent polls would flood the socket: statistics use every point, the
    // sparkline gets one per bucket, the bucket's max, so a spike stays visible
    points:
      points.length > MAX_SPARK_POINTS
        ? downsample(points, end - windowMs, bucketWidth(windowMs, MAX_SPARK_POINTS), 'max')
        : withGapBreaks(points, typicalStep(history)),
  };
}
