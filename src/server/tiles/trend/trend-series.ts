import type { TrendLayerLine, TrendSeries } from '../../../shared/views/trend.js';
import { median } from '../../perf/order-statistics.js';
import { judgeSeries, type JudgingSettings, type SeriesJudgement } from '../../perf/regression.js';
import type { PerfSeries } from '../../readings/perf.js';

/** Layer lines drawn per metric at most: more would hide the metric's own line. */
export const MAX_LAYER_LINES = 4;

/** A metric with every result it has judged (not only the window's: a regression may have begun before it). */
export interface JudgedMetric {
  series: PerfSeries;
  judgement: SeriesJudgement;
}

/** The metric's judgement as the fold kept it; judged here for a reading restored from disk, which has none. */
export function judgeMetric(series: PerfSeries, judging: JudgingSettings): JudgedMetric {
  return { series, judgement: series.judgement ?? judgeSeries(series.results, series.higherIsBetter, judging) };
}

/**
 * One metric's panel: its judged results from `fromOrdinal` on, what the wall says about it, and
 * (for a metric timed in ms, when asked) its layers as lines of their own, the ones taking most time first.
 */
export function trendSeriesView(
  { series, judgement }: JudgedMetric,
  fromOrdinal: number,
  revisionName: (ordinal: number) => string,
  options: { layers: boolean; baselineRuns: number },
): TrendSeries {
  const points = judgement.points
    .filter((p) => p.ordinal >= fromOrdinal)
    .map(({ ordinal, value, verdict, baseline, low, high }) => ({ ordinal, value, verdict, baseline, low, high }));
  const results = series.results.filter((r) => r.ordinal >= fromOrdinal);
  return {
    metric: series.metric,
    unit: series.unit,
    higherIsBetter: series.higherIsBetter,
    status: judgement.status,
    current: results.length ? results[results.length - 1]!.value : null,
    detail: detailOf(judgement, revisionName, options.baselineRuns),
    points,
    layers: options.layers && series.unit === 'ms' ? layerLines(results) : [],
  };
}

function detailOf(judgement: SeriesJudgement, revisionName: (ordinal: number) => string, baselineRuns: number): string {
  const { regression, drift, points } = judgement;
  if (regression) {
    const change = regression.changePercent === null ? 'worse' : signedPercent(regression.changePercent);
    return `${change} since ${revisionName(regression.ordinal)}`;
  }
  if (drift) return `drifting ${signedPercent(drift.changePercent)} over ${revisionName(drift.fromOrdinal)}–${revisionName(drift.toOrdinal)}`;
  const last = points[points.length - 1];
  let restart = points.length - 1;
  while (restart >= 0 && points[restart]!.verdict === 'learning') restart--;
  // the sender said the metric's normal changed there, and the new baseline is still being learned
  const rebaselined = restart >= 0 && points[restart]!.verdict === 'rebaselined' ? points[restart]! : null;
  if (rebaselined) return `new baseline since ${revisionName(rebaselined.ordinal)}: ${points.length - restart} of ${baselineRuns} results`;
  if (!last || last.verdict === 'learning') return `learning: ${points.length} of ${baselineRuns} results`;
  if (last.changePercent === null) return 'at baseline';
  return `${signedPercent(last.changePercent)} vs baseline${last.verdict === 'improved' ? ', better' : ''}`;
}

/** "+48 %", "−3.5 %" (a real minus), "±0 %". */
export function signedPercent(percent: number): string {
  const amount = Math.abs(percent) >= 10 ? Math.round(Math.abs(percent)) : Math.round(Math.abs(percent) * 10) / 10;
  if (amount === 0) return '±0 %';
  return `${percent > 0 ? '+' : '−'}${amount} %`;
}

function layerLines(results: PerfSeries['results']): TrendLayerLine[] {
  const byLayer = new Map<string, [number, number][]>();
  for (const result of results) {
    for (const [layer, value] of Object.entries(result.layers ?? {})) {
      const line = byLayer.get(layer) ?? [];
      line.push([result.ordinal, value]);
      byLayer.set(layer, line);
    }
  }
  const typical = (points: [number, number][]) => median(points.map((p) => p[1]));
  // the layers taking most time are drawn; in name order, so a layer keeps its colour as the others move
  return [...byLayer]
    .sort(([a, pa], [b, pb]) => typical(pb) - typical(pa) || a.localeCompare(b))
    .slice(0, MAX_LAYER_LINES)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([layer, points]) => ({ layer, points }));
}
