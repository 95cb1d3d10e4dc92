import type { Status } from '../../shared/status.js';
import type { Drift } from './drift.js';
import type { LayerChange } from './layer-attribution.js';
import { judgeAfter } from './series-judge.js';

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
  /** The sender said this result is the new normal (an intended change): judging starts over from it. */
  newBaseline?: boolean;
}

/**
 * `learning`: fewer than N results before it, no baseline yet. `regressed`: red (worse than the band).
 * `outlier`: red once, and the next result was not (marked; it never holds the metric red).
 * `improved`: better than the band. `ok`: within it. `rebaselined`: sent as the new normal (an intended
 * slowdown): not judged, it ends any red run and starts the baseline over, later results learning from it.
 */
export type Verdict = 'learning' | 'ok' | 'improved' | 'regressed' | 'outlier' | 'rebaselined';

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
 * metric recovers instead of becoming the new normal after N/2 revisions — or until a result is sent as
 * the new baseline (`newBaseline`), from which the baseline starts over. A result is red when it is
 * worse than that median by more than `tolerancePercent` AND by more than `madK` standard deviations of
 * the window's noise (MAD-based), so a noisy metric needs a larger move than a steady one; with no
 * noise at all (MAD = 0) the tolerance alone decides.
 */
export function judgeSeries(points: readonly PerfPoint[], higherIsBetter: boolean, settings: JudgingSettings): SeriesJudgement {
  return judgeAfter(null, points, higherIsBetter, settings);
}
