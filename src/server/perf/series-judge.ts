import type { Status } from '../../shared/status.js';
import { findDrift } from './drift.js';
import { attributeLayers } from './layer-attribution.js';
import { MAD_TO_STANDARD_DEVIATION } from './order-statistics.js';
import type { JudgedPoint, JudgingSettings, PerfPoint, Regression, SeriesJudgement, Verdict } from './regression.js';
import { SortedWindow } from './sorted-window.js';

/** Results that go into later baselines: every one that was not red. */
const inBaseline = (verdict: Verdict) => verdict === 'learning' || verdict === 'ok' || verdict === 'improved' || verdict === 'rebaselined';
/** An outlier was a regressed result until the next one came back normal. */
const isRed = (verdict: Verdict) => verdict === 'regressed' || verdict === 'outlier';

/** A metric's results as they were judged before (the same settings), for judging them again after a fold. */
export interface EarlierJudgement {
  points: readonly PerfPoint[];
  judgement: SeriesJudgement;
}

/**
 * The judgement of `points`, oldest first, exactly as judging them from the first (judgeSeries), but
 * reusing `earlier` — the judgement of the metric's results before a fold, which shares the unchanged
 * result objects: a result's verdict depends only on the results before it, so the unchanged results at
 * the front keep theirs; and when the fold dropped the oldest results, the results after them are judged
 * again only until the judge is in the same state (the same baseline window, no red run) as it was at
 * that result before, from where the earlier verdicts hold again. A fold that adds a revision and drops
 * the oldest thus judges about N results per metric instead of all of them.
 */
export function judgeAfter(earlier: EarlierJudgement | null, points: readonly PerfPoint[], higherIsBetter: boolean, settings: JudgingSettings): SeriesJudgement {
  if (earlier && earlier.points.length === points.length && earlier.points.every((p, i) => p === points[i])) return earlier.judgement;
  const judge = new SeriesJudge(points, higherIsBetter, settings);
  const shift = earlier ? shiftOf(earlier.points, points) : null;
  // earlier point i + shift is this point i, unchanged
  const unchanged = (i: number) => earlier !== null && shift !== null && i + shift < earlier.points.length && earlier.points[i + shift] === points[i];
  const adoptUnchanged = () => {
    let end = judge.judged.length;
    while (end < points.length && unchanged(end)) end++;
    if (end > judge.judged.length) judge.adopt(earlier!.judgement.points.slice(judge.judged.length + shift!, end + shift!));
  };
  if (shift === 0) adoptUnchanged();
  while (judge.judged.length < points.length) {
    judge.next();
    const last = judge.judged.length - 1;
    // while learning, the earlier judge (N results further on) cannot have been where this one is
    const mayMatch = shift !== null && shift > 0 && last + 1 >= settings.baselineRuns && unchanged(last) && unchanged(last + 1);
    if (mayMatch && judge.sameStateAs(earlier!.judgement.points, shift, unchanged)) adoptUnchanged();
  }
  return judge.judgement();
}

/** How many results were dropped from the front since `earlier`, when its remaining ones start this series unchanged; null otherwise. */
function shiftOf(earlier: readonly PerfPoint[], points: readonly PerfPoint[]): number | null {
  if (points.length === 0) return null;
  const shift = earlier.indexOf(points[0]!);
  return shift >= 0 ? shift : null;
}

/**
 * Judges one metric's results one at a time (see judgeSeries for the rules). Its state is the baseline
 * window (the last N results that were not red) and the red run reaching the latest result; both can be
 * read back from verdicts, so it can take over verdicts judged before and go on from them.
 */
export class SeriesJudge {
  readonly judged: JudgedPoint[] = [];
  private window: SortedWindow;
  /** Indices of the results in the baseline window, oldest first. */
  private baseline: number[] = [];
  /** Indices of the red results in a row up to the latest. */
  private redRun: number[] = [];

  constructor(
    private readonly points: readonly PerfPoint[],
    private readonly higherIsBetter: boolean,
    private readonly settings: JudgingSettings,
  ) {
    this.window = new SortedWindow(settings.baselineRuns);
  }

  /** Takes `judged` as the verdicts of the next results, as they are. */
  adopt(judged: readonly JudgedPoint[]): void {
    for (const point of judged) this.judged.push(point);
    this.restoreState();
  }

  /** Judges the next result. */
  next(): void {
    const index = this.judged.length;
    const point = this.points[index]!;
    const { settings } = this;
    if (point.newBaseline) {
      // the normal it was judged against is over: what came before says nothing about what comes after
      this.redRun = [];
      this.baseline = [];
      this.window = new SortedWindow(settings.baselineRuns);
      this.judged.push({ ordinal: point.ordinal, value: point.value, verdict: 'rebaselined', baseline: null, low: null, high: null, changePercent: null });
      this.addToBaseline(index);
      return;
    }
    // a shorter window would judge a noisy metric by the few results that happened to come first
    if (this.window.length < settings.baselineRuns) {
      this.judged.push({ ordinal: point.ordinal, value: point.value, verdict: 'learning', baseline: null, low: null, high: null, changePercent: null });
      this.addToBaseline(index);
      return;
    }
    const baseline = this.window.median();
    const noise = MAD_TO_STANDARD_DEVIATION * this.window.medianAbsoluteDeviation(baseline);
    const margin = Math.max((settings.tolerancePercent / 100) * Math.abs(baseline), settings.madK * noise);
    const low = baseline - margin;
    const high = baseline + margin;
    const worse = this.higherIsBetter ? point.value < low : point.value > high;
    const better = this.higherIsBetter ? point.value > high : point.value < low;
    const changePercent = baseline === 0 ? null : ((point.value - baseline) / Math.abs(baseline)) * 100;
    if (worse) {
      this.redRun.push(index);
      this.judged.push({ ordinal: point.ordinal, value: point.value, verdict: 'regressed', baseline, low, high, changePercent });
      return;
    }
    // one red result and then a normal one again: an outlier, not a regression (a new object: verdicts may be shared with an earlier judgement)
    if (this.redRun.length === 1) this.judged[this.redRun[0]!] = { ...this.judged[this.redRun[0]!]!, verdict: 'outlier' };
    this.redRun = [];
    this.judged.push({ ordinal: point.ordinal, value: point.value, verdict: better ? 'improved' : 'ok', baseline, low, high, changePercent });
    this.addToBaseline(index);
  }

  /**
   * Whether the judge is where `earlier` (verdicts of the same results from `shift` results before the
   * first of these) was after the same result: no red run, and the same unchanged results in the window.
   */
  sameStateAs(earlier: readonly JudgedPoint[], shift: number, unchanged: (index: number) => boolean): boolean {
    if (this.redRun.length > 0) return false;
    const last = this.judged.length - 1 + shift;
    if (last >= earlier.length || isRed(earlier[last]!.verdict)) return false;
    const earlierBaseline = baselineBefore(earlier, last + 1, this.settings.baselineRuns);
    return earlierBaseline.length === this.baseline.length && this.baseline.every((index, k) => earlierBaseline[k] === index + shift && unchanged(index));
  }

  /** The metric's judgement from the verdicts so far. */
  judgement(): SeriesJudgement {
    const { judged, settings } = this;
    let runStart = judged.length;
    while (runStart > 0 && judged[runStart - 1]!.verdict === 'regressed') runStart--;
    const first = runStart < judged.length ? judged[runStart]! : null;
    const regression: Regression | null =
      first === null
        ? null
        : {
            ordinal: first.ordinal,
            value: first.value,
            baseline: first.baseline!,
            changePercent: first.changePercent,
            runLength: judged.length - runStart,
            layers: attributeLayers(
              this.points[runStart]!.layers,
              baselineBefore(judged, runStart, settings.baselineRuns).map((i) => this.points[i]!.layers),
              settings.tolerancePercent,
            ),
          };
    const drift = regression === null ? findDrift(latestNotRed(judged, settings.driftRuns), this.higherIsBetter, settings) : null;
    // learning again after a new baseline is not learning from nothing: the metric was judged fine
    const judgedAny = judged.some((p) => p.verdict !== 'learning');
    const status: Status = regression ? 'critical' : drift ? 'warning' : judgedAny ? 'ok' : 'unknown';
    return { status, points: judged, regression, drift };
  }

  private addToBaseline(index: number): void {
    this.baseline.push(index);
    if (this.baseline.length > this.settings.baselineRuns) this.baseline.shift();
    this.window.add(this.points[index]!.value);
  }

  /** The state after the last verdict, read back from the verdicts (a red run's outlier back to regressed: the next result decides). */
  private restoreState(): void {
    const { judged } = this;
    this.redRun = [];
    for (let i = judged.length - 1; i >= 0 && isRed(judged[i]!.verdict); i--) {
      this.redRun.unshift(i);
      if (judged[i]!.verdict !== 'regressed') judged[i] = { ...judged[i]!, verdict: 'regressed' };
    }
    this.baseline = baselineBefore(judged, judged.length, this.settings.baselineRuns);
    this.window = new SortedWindow(this.settings.baselineRuns);
    for (const index of this.baseline) this.window.add(this.points[index]!.value);
  }
}

/** Indices of the last `size` results before `end` that went into the baseline, oldest first. */
function baselineBefore(judged: readonly JudgedPoint[], end: number, size: number): number[] {
  const indices: number[] = [];
  for (let i = end - 1; i >= 0 && indices.length < size; i--) {
    if (inBaseline(judged[i]!.verdict)) indices.push(i);
    if (judged[i]!.verdict === 'rebaselined') break; // nothing before a new baseline counts
  }
  return indices.reverse();
}

/** The last `count` results that were not red, oldest first: what a drift is looked for over. */
function latestNotRed(judged: readonly JudgedPoint[], count: number): JudgedPoint[] {
  const found: JudgedPoint[] = [];
  for (let i = judged.length - 1; i >= 0 && found.length < count; i--) {
    if (!isRed(judged[i]!.verdict)) found.push(judged[i]!);
    if (judged[i]!.verdict === 'rebaselined') break; // an accepted step is not a drift
  }
  return found.reverse();
}
