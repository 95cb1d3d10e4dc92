import type { PerfEvent } from '../../shared/pushed-events/perf.js';
import { withJudgement, type PerfReading, type PerfResult, type PerfRevision, type PerfSeries } from '../readings/perf.js';
import type { JudgingSettings } from './regression.js';
import { judgeAfter } from './series-judge.js';

export interface ResultsWindowLimits {
  /** Revisions kept (the latest by ordinal); each metric keeps its results for these only. */
  keepRevisions: number;
  /** Metrics kept; a new one beyond it drops the one whose latest result is oldest. */
  maxMetrics: number;
}

/**
 * The perf reading after `events` (oldest first): a revision seen for the first time gets the next
 * ordinal, so the x axis is the order revisions arrived, not their timestamps; a re-run of a revision
 * keeps its ordinal and replaces its result. A metric whose unit or direction changes starts over (its
 * old results are not comparable). Bounded by `limits`; pure. Each metric's results are judged here,
 * once per fold and only from where they changed (series-judge.ts), so tiles only read the verdicts.
 */
export function addResults(previous: PerfReading | null, events: readonly PerfEvent[], limits: ResultsWindowLimits, judging: JudgingSettings, now: number): PerfReading {
  const revisions = new Map<string, PerfRevision>((previous?.revisions ?? []).map((r) => [r.revision, r]));
  const series = new Map<string, PerfSeries>((previous?.series ?? []).map((s) => [s.metric, s]));
  let nextOrdinal = previous?.nextOrdinal ?? 0;

  for (const event of events) {
    const at = event.at ?? now;
    const known = revisions.get(event.revision);
    const ordinal = known?.ordinal ?? nextOrdinal++;
    const commits = event.commits?.length ? event.commits.map((c) => ({ id: c.id, author: c.author ?? null, message: c.message ?? null })) : (known?.commits ?? []);
    revisions.set(event.revision, { revision: event.revision, ordinal, at: Math.max(at, known?.at ?? at), commits });

    const unit = event.unit ?? '';
    const kept = series.get(event.metric);
    const comparable = kept !== undefined && kept.unit === unit && kept.higherIsBetter === event.higherIsBetter;
    const result: PerfResult = { ordinal, value: event.value, at, layers: event.layers ? { ...event.layers } : null, ...(event.newBaseline && { newBaseline: true }) };
    const results = !comparable ? [result] : isLatest(kept.results, ordinal) ? [...kept.results, result] : [...kept.results.filter((r) => r.ordinal !== ordinal), result].sort((a, b) => a.ordinal - b.ordinal);
    // a re-sent metric moves to the end of the map only when it is new, so the series keep their first-arrival order
    series.set(event.metric, { metric: event.metric, unit, higherIsBetter: event.higherIsBetter, results });
  }

  const keptRevisions = [...revisions.values()].sort((a, b) => a.ordinal - b.ordinal).slice(-limits.keepRevisions);
  const oldestKept = keptRevisions[0]?.ordinal ?? nextOrdinal;
  const windowed = [...series.values()]
    .map((s) => (s.results[0] === undefined || s.results[0].ordinal >= oldestKept ? s : { ...s, results: s.results.filter((r) => r.ordinal >= oldestKept) }))
    .filter((s) => s.results.length > 0);
  // verdicts judged with other settings (the source's options changed) say nothing
  const beforeFold = new Map(previous !== null && sameSettings(previous.judging, judging) ? previous.series.map((s) => [s.metric, s]) : []);
  const judged = latestMetrics(windowed, limits.maxMetrics).map((s): PerfSeries => {
    const before = beforeFold.get(s.metric);
    const earlier = before?.judgement ? { points: before.results, judgement: before.judgement } : null;
    return withJudgement(s, judgeAfter(earlier, s.results, s.higherIsBetter, judging));
  });
  return { type: 'perf', at: now, judging, revisions: keptRevisions, nextOrdinal, series: judged };
}

/** Whether a result for `ordinal` comes after all of `results` (the usual case: a new revision). */
function isLatest(results: readonly PerfResult[], ordinal: number): boolean {
  return results.length === 0 || results[results.length - 1]!.ordinal < ordinal;
}

function sameSettings(a: JudgingSettings, b: JudgingSettings): boolean {
  return a.baselineRuns === b.baselineRuns && a.tolerancePercent === b.tolerancePercent && a.madK === b.madK && a.driftRuns === b.driftRuns;
}

/** The `max` metrics with the most recent results (the earlier-arrived on a tie), in their first-arrival order. */
function latestMetrics(series: PerfSeries[], max: number): PerfSeries[] {
  if (series.length <= max) return series;
  const latestOrdinal = (s: PerfSeries) => s.results[s.results.length - 1]!.ordinal;
  const keep = new Set(
    series
      .map((s, index) => ({ s, index }))
      .sort((a, b) => latestOrdinal(b.s) - latestOrdinal(a.s) || a.index - b.index)
      .slice(0, max)
      .map(({ s }) => s),
  );
  return series.filter((s) => keep.has(s));
}
