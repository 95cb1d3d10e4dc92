import type { Status } from '../status.js';

/**
 * How the server judged one result against the results before it: `learning` (no baseline yet),
 * `ok` (within the band), `improved` (better than the band), `regressed` (worse: red), `outlier`
 * (red once, then normal again: marked, never holding the tile red), `rebaselined` (sent as the new
 * normal: the baseline starts over from it).
 */
export type TrendVerdict = 'learning' | 'ok' | 'improved' | 'regressed' | 'outlier' | 'rebaselined';

/** A commit a revision brought in. Plain text, bounded. */
export interface TrendCommit {
  id: string;
  author: string | null;
  message: string | null;
}

/** A revision on the x axis: ordinal (the order revisions arrived, not time) and its name. */
export interface TrendRevision {
  ordinal: number;
  revision: string;
}

/** One result on a metric's line. */
export interface TrendPoint {
  ordinal: number;
  value: number;
  verdict: TrendVerdict;
  /** The median it was judged against and the band of normal values around it; null while learning. */
  baseline: number | null;
  low: number | null;
  high: number | null;
}

/** One instrumentation layer of a metric timed in ms, drawn as a thin line in the metric's panel. */
export interface TrendLayerLine {
  layer: string;
  /** [ordinal, ms], ascending. */
  points: [number, number][];
}

/** One metric: its panel on the shared revision axis. */
export interface TrendSeries {
  metric: string;
  unit: string;
  higherIsBetter: boolean;
  /** critical: a regression holds; warning: a slow drift; ok: judged and fine; unknown: still learning. */
  status: Status;
  /** The latest result's value; null when none is in the window. */
  current: number | null;
  /** In words for the wall: "+48 % since r7", "drifting +14 % over r3–r22", "+2 % vs baseline", "learning: 4 of 10". */
  detail: string;
  /** The window's results, ascending by ordinal. */
  points: TrendPoint[];
  /** Its layers (metrics in ms only, tile option `layers`): the 4 taking most time, in name order. */
  layers: TrendLayerLine[];
}

/** The regression the headline names: the earliest first-bad revision among the metrics regressed now. */
export interface TrendRegression {
  metric: string;
  unit: string;
  /** The first bad revision. */
  revision: string;
  ordinal: number;
  value: number;
  baseline: number;
  /** Signed change against the baseline in percent; null when the baseline is 0. */
  changePercent: number | null;
  /** Red results in a row up to the latest, counting the first. */
  runLength: number;
  /** Which layer moved, in words: "db +38 %, cpu flat"; null when the results have no layers. */
  layers: string | null;
  /** The layer that gained the most, when one moved beyond the tolerance; null otherwise. */
  movedLayer: string | null;
  /** What the revision brought in (at most 3 shown), newest first as they were given. */
  commits: TrendCommit[];
  moreCommits: number;
  /** Where the commits come from: `event` (the perf results named them), a CI source's id, or null (nobody said). */
  commitsFrom: string | null;
  /** Other metrics regressed now, by name. */
  alsoRegressed: string[];
}

/** A slow drift the headline names while no regression holds. */
export interface TrendDrift {
  metric: string;
  fromRevision: string;
  toRevision: string;
  changePercent: number;
}

/**
 * `waiting`: no results yet. `learning`: no metric has a baseline yet. `steady`: every judged metric
 * is within its band. `drift`: one creeps the wrong way. `regression`: one is red (`regression` says which).
 */
export type TrendHeadline = 'waiting' | 'learning' | 'steady' | 'drift' | 'regression';

export interface TrendData {
  headline: TrendHeadline;
  regression: TrendRegression | null;
  drift: TrendDrift | null;
  /** The x axis: the latest revisions (tile option `revisions`), ascending by ordinal. */
  revisions: TrendRevision[];
  /** The metrics shown, one panel each, in the tile's `metrics` order (then arrival order). */
  series: TrendSeries[];
  /** Metrics selected but not shown (past `maxMetrics`); the headline still covers them. */
  moreSeries: number;
}
