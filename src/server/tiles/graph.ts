import { z } from 'zod';
import type { GraphData, GraphSeries } from '../../shared/views/graph.js';
import type { MetricSample } from '../readings/metrics.js';
import { bucketWidth, downsample } from './downsample.js';
import { failedSeriesReason } from './failed-series.js';
import { globListOption, globMatcher } from './glob.js';
import { worstStatus } from './status-rank.js';
import { seriesStatus } from './series-status.js';
import { thresholdOption } from './threshold-option.js';
import { defineTileKind } from './tile-kind.js';
import { deployMarks, deployMarksOption, deployMarksSource } from './deploy-marks.js';
import { noSeriesReason } from './no-series-reason.js';

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
      yMin: z.number().optional().describe("Fixed bottom of the vertical axis; default the source's limit (munin graph_args), else fits the data"),
      yMax: z.number().optional().describe("Fixed top of the vertical axis; default the source's limit (munin graph_args), else fits the data"),
      aggregate: z.enum(['avg', 'max', 'min']).default('avg').describe('How a time bucket becomes one point; "max" keeps spikes'),
      maxPoints: z.number().int().min(20).max(1000).default(300).describe('At most this many points per series'),
      maxSeries: z.number().int().min(1).max(24).default(8),
      warning: thresholdOption.optional().describe('Number = upper bound, or a munin range ("10:", "5:10"); overrides the source'),
      critical: thresholdOption.optional().describe('Number = upper bound, or a munin range; overrides the source'),
      deploys: deployMarksOption,
    })
    .strict()
    .refine((o) => o.yMin === undefined || o.yMax === undefined || o.yMin < o.yMax, 'yMin must be below yMax'),
  related: (options) => deployMarksSource(options.deploys),
  project({ options, reading, history, related }) {
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
    if (!reading) {
      return { status: 'unknown', data: { ...frame, to: null, unit: '', base: 1000, series: [], deployMarks: [] } satisfies GraphData };
    }
    const wanted = globMatcher(options.series);
    const from = reading.at - windowMs;
    const samples = reading.samples.filter((s) => wanted(s.series)).slice(0, options.maxSeries);
    const series = samples.map(
      (sample): GraphSeries => ({
        key: sample.series,
        label: sample.label,
        group: sample.group ?? null,
        unit: sample.unit,
        current: sample.value,
        ...seriesStatus(sample, options),
        points: downsample(history(sample.series), from, bucketMs, options.aggregate),
      }),
    );
    const units = new Set(series.map((s) => s.unit));
    const range = axisRange(options.yMin ?? null, options.yMax ?? null, samples, series, options.stacked);
    const base = samples.length > 0 && samples.every((s) => s.axis?.base === 1024) ? 1024 : 1000;
    const marks = deployMarks(options.deploys, related, from, reading.at);
    const data: GraphData = { ...frame, ...range, to: reading.at, unit: units.size === 1 ? [...units][0]! : '', base, series, deployMarks: marks };
    if (series.length === 0) {
      return { status: 'unknown', data, reason: noSeriesReason(options.series, reading.samples.length) };
    }
    return { status: worstStatus(series.map((s) => s.status)), data, reason: failedSeriesReason(samples) };
  },
});

/**
 * The vertical range: the tile's yMin/yMax, else the limits the source gives its series (munin
 * `graph_args`), when every charted series has one (the lowest lower and highest upper limit count).
 * As in munin, limits are the least range shown: data beyond them widens the chart, unless every series
 * is `--rigid`, which makes them hard limits. A limit the chart would show anyway (a lower limit of 0
 * under positive data, an upper limit the data passes) is left out, so the widget fits that end itself.
 */
function axisRange(yMin: number | null, yMax: number | null, samples: readonly MetricSample[], series: readonly GraphSeries[], stacked: boolean): { yMin: number | null; yMax: number | null } {
  const axes = samples.map((s) => s.axis);
  if (axes.length === 0 || (yMin !== null && yMax !== null)) return { yMin, yMax };
  const lowers = axes.map((a) => a?.lower ?? null);
  const uppers = axes.map((a) => a?.upper ?? null);
  const lower = lowers.every((v) => v !== null) ? Math.min(...(lowers as number[])) : null;
  const upper = uppers.every((v) => v !== null) ? Math.max(...(uppers as number[])) : null;
  const rigid = axes.every((a) => a?.rigid === true);
  const extent = plottedExtent(series, stacked);
  // what the widget shows without a yMin: from 0, or lower for data below 0
  const fittedLow = Math.min(0, extent?.lo ?? 0);
  let low: number | null = null;
  if (yMin === null && lower !== null && (rigid ? lower !== fittedLow : lower < fittedLow)) low = lower;
  let high: number | null = null;
  if (yMax === null && upper !== null && (rigid || extent === null || upper > extent.hi)) high = upper;
  const bottom = yMin ?? low;
  const top = yMax ?? high;
  // a source limit that contradicts the tile's own gives way; of two contradicting source limits, the lower stays
  if (bottom !== null && top !== null && bottom >= top) {
    if (high !== null) high = null;
    else low = null;
  }
  return { yMin: yMin ?? low, yMax: yMax ?? high };
}

/** The lowest and highest plotted value, as the widget scales them (stacked: the running sums). */
function plottedExtent(series: readonly GraphSeries[], stacked: boolean): { lo: number; hi: number } | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  if (!stacked) {
    for (const s of series) for (const [, v] of s.points) if (v !== null) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  } else {
    const rows = new Map<number, (number | null)[]>();
    series.forEach((s, i) => {
      for (const [t, v] of s.points) {
        let row = rows.get(t);
        if (!row) rows.set(t, (row = series.map(() => null)));
        row[i] = v;
      }
    });
    for (const row of rows.values()) {
      if (row.every((v) => v === null)) continue;
      let sum = 0;
      for (const v of row) {
        lo = Math.min(lo, sum);
        sum += v ?? 0;
        hi = Math.max(hi, sum);
      }
    }
  }
  return Number.isFinite(lo) ? { lo, hi } : null;
}
