import type { Status } from '../../shared/status.js';
import { findDrift, type Drift } from './drift.js';
import { attributeLayers, type LayerChange } from './layer-attribution.js';
import { MAD_TO_STANDARD_DEVIATION } from './order-statistics.js';
import { SortedWindow } from './sorted-window.js';

/** How a metric's results are judged (a perf source's options). */
export interface JudgingSettings {
  /** N: the baseline is the median of the previous N results that were not red. */
  baselineRuns: number;
  /** A result is red only when it is worse than the baseline by more than this percentage… */
  tolerancePercent: number;
  /** …and by more than this many standard deviations of the baseline's noise (k·MAD, MAD scaled to σ). */
  madK: number;
  /** How many of the latest results a slow drift is looked for over. */
  driftRuns: number;
}

/** One result of one metric, on the revision axis. */
export interface PerfPoint {
  /** The revision's place in arrival order: the x axis. */
  ordinal: number;
  value: number;
  /** Time per instrumentation layer (ms). */
  layers?: Readonly<Record<string, number>> | null;
}

/**
 * `learning`: fewer than N results before it, no baseline yet. `regressed`: red (worse than the band).
 * `outlier`: red once, and the next result was not (marked; it never holds the metric red).
 * `improved`: better than the band. `ok`: within it.
 */
export type Verdict = 'learning' | 'ok' | 'improved' | 'regressed' | 'outlier';

export interface JudgedPoint {
  ordinal: number;
  value: number;
  verdict: Verdict;
  /** The median of the results it was judged against; null while learning. */
  baseline: number | null;
  /** The band of normal values around the baseline (± the larger of tolerance and k·MAD); null while learning. */
  low: number | null;
  high: number | null;
  /** Signed change against the baseline in percent; null while learning or when the baseline is 0. */
  changePercent: number | null;
}

/** The red run that reaches the latest result: what holds the metric red. */
export interface Regression {
  /** "The" regression: the first red result of the run. */
  ordinal: number;
  value: number;
  baseline: number;
  changePercent: number | null;
  /** Red results in a row up to the latest, counting the first. */
  runLength: number;
  /** Its layers against their baseline medians, most gained first (empty without layers). */
  layers: LayerChange[];
}

export interface SeriesJudgement {
  /** critical: a regression holds; warning: a drift; ok: judged and fine; unknown: still learning. */
  status: Status;
  points: JudgedPoint[];
  regression: Regression | null;
  /** Reported only while no regression holds. */
  drift: Drift | null;
}

/**
 * Judges one metric's results, oldest first. Each result is compared with the median of the N results
 * before it that were not red: red results stay out of later baselines, so a regression holds until the
 * metric recovers instead of becoming the new normal after N/2 revisions. A result is red when it is
 * worse than that median by more than `tolerancePercent` AND by more than `madK` standard deviations of
 * the window's noise (MAD-based), so a noisy metric needs a larger move than a steady one; with no
 * noise at all (MAD = 0) the tolerance alone decides.
 */
export function judgeSeries(points: readonly PerfPoint[], higherIsBetter: boolean, settings: JudgingSettings): SeriesJudgement {
  const judged: JudgedPoint[] = [];
  // the results later ones are judged against: every one that was not red, oldest first
  const baselinePool: PerfPoint[] = [];
  // the values of the last N of them, kept sorted
  const window = new SortedWindow(settings.baselineRuns);
  let redRun: number[] = [];
  let firstRedLayers: LayerChange[] = [];
  const addToBaseline = (point: PerfPoint) => {
    baselinePool.push(point);
    window.add(point.value);
  };
  for (const point of points) {
    // a shorter window would judge a noisy metric by the few results that happened to come first
    if (window.length < settings.baselineRuns) {
      judged.push({ ordinal: point.ordinal, value: point.value, verdict: 'learning', baseline: null, low: null, high: null, changePercent: null });
      addToBaseline(point);
      continue;
    }
    const baseline = window.median();
    const noise = MAD_TO_STANDARD_DEVIATION * window.medianAbsoluteDeviation(baseline);
    const margin = Math.max((settings.tolerancePercent / 100) * Math.abs(baseline), settings.madK * noise);
    const low = baseline - margin;
    const high = baseline + margin;
    const worse = higherIsBetter ? point.value < low : point.value > high;
    const better = higherIsBetter ? point.value > high : point.value < low;
    const changePercent = baseline === 0 ? null : ((point.value - baseline) / Math.abs(baseline)) * 100;
    if (worse) {
      if (redRun.length === 0) firstRedLayers = attributeLayers(point.layers, baselinePool.slice(-settings.baselineRuns).map((p) => p.layers), settings.tolerancePercent);
      redRun.push(judged.length);
      judged.push({ ordinal: point.ordinal, value: point.value, verdict: 'regressed', baseline, low, high, changePercent });
      continue;
    }
    // one red result and then a normal one again: an outlier, not a regression
    if (redRun.length === 1) judged[redRun[0]!]!.verdict = 'outlier';
    redRun = [];
    judged.push({ ordinal: point.ordinal, value: point.value, verdict: better ? 'improved' : 'ok', baseline, low, high, changePercent });
    addToBaseline(point);
  }

  const first = redRun.length > 0 ? judged[redRun[0]!]! : null;
  const regression: Regression | null =
    first === null
      ? null
      : { ordinal: first.ordinal, value: first.value, baseline: first.baseline!, changePercent: first.changePercent, runLength: redRun.length, layers: firstRedLayers };
  const drift = regression === null ? findDrift(notRed(judged).slice(-settings.driftRuns), higherIsBetter, settings) : null;
  const status: Status = regression ? 'critical' : drift ? 'warning' : judged.some((p) => p.verdict !== 'learning') ? 'ok' : 'unknown';
  return { status, points: judged, regression, drift };
}

function notRed(points: readonly JudgedPoint[]): JudgedPoint[] {
  return points.filter((p) => p.verdict !== 'regressed' && p.verdict !== 'outlier');
}
