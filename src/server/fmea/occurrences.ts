import type { EvidenceRules, ModeEvidence, ReportedOccurrence, SignalEpisode } from './evidence.js';

/** What is happening now: the earliest ongoing episode of a bound signal, else the earliest ongoing report. */
export type HappeningNow = { signal: string; state: string; since: number } | { reportedBy: string; since: number };

/** One failure mode's evidence over a window, counted. */
export interface OccurrenceCount {
  /** Epoch ms; the window ends now. */
  windowStart: number;
  /**
   * Occurrences in the window: episodes and reports that overlap in time are one occurrence (two
   * checks going critical in the same outage, a person marking what a check already shows).
   */
  occurrences: number;
  /** Occurrences that were reported but that no bound signal showed, not even within the grace: detection missed them. */
  missed: number;
  /** Episodes in the window per signal and state, most first (ties by name): what the explanation names. */
  bySignal: { signal: string; state: string; episodes: number }[];
  /** Reports in the window per reporter whose occurrence no signal showed, most first. */
  missedBy: { by: string; reports: number }[];
  /** The signals' history reaches back over the whole window, so a quiet window is evidence too. */
  coversWindow: boolean;
  happeningNow: HappeningNow | null;
}

interface Interval {
  start: number;
  end: number;
  episode: boolean;
  missed: boolean;
}

/**
 * Counts a mode's occurrences in the window of `windowMs` ending `now`. A report is "seen" when an
 * episode of a bound signal overlaps it, allowing the signals `detectionGraceMs` after the report
 * began to show it; a report still within its grace is not judged yet (counted, never missed).
 */
export function countOccurrences(evidence: ModeEvidence, now: number, windowMs: number, rules: EvidenceRules): OccurrenceCount {
  const windowStart = now - windowMs;
  const inWindow = <T extends { start: number; end: number | null }>(span: T) => span.start <= now && (span.end ?? now) >= windowStart;
  const episodes = evidence.episodes.filter(inWindow);
  const reports = evidence.reports.filter(inWindow);

  const intervals: Interval[] = episodes.map((e) => ({ start: e.start, end: e.end ?? now, episode: true, missed: false }));
  const missedReports: ReportedOccurrence[] = [];
  for (const report of reports) {
    const span = reportSpan(report, now, rules.detectionGraceMs);
    const seen = episodes.some((e) => e.start <= span.end && (e.end ?? now) >= span.start);
    const judged = now >= report.start + rules.detectionGraceMs;
    if (!seen && judged) missedReports.push(report);
    intervals.push({ ...span, episode: false, missed: !seen && judged });
  }

  let occurrences = 0;
  let missed = 0;
  let current: Interval | null = null;
  const closeCluster = (cluster: Interval) => {
    occurrences += 1;
    if (cluster.missed && !cluster.episode) missed += 1;
  };
  for (const interval of intervals.sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (current && interval.start <= current.end) {
      current = { start: current.start, end: Math.max(current.end, interval.end), episode: current.episode || interval.episode, missed: current.missed || interval.missed };
    } else {
      if (current) closeCluster(current);
      current = { ...interval };
    }
  }
  if (current) closeCluster(current);

  return {
    windowStart,
    occurrences,
    missed,
    bySignal: tally(episodes, (e) => `${e.signal}\u0000${e.state}`).map(([key, count]) => {
      const [signal = '', state = ''] = key.split('\u0000');
      return { signal, state, episodes: count };
    }),
    missedBy: tally(missedReports, (r) => r.by).map(([by, reports]) => ({ by, reports })),
    coversWindow: evidence.signalsKnownSince !== null && evidence.signalsKnownSince <= windowStart,
    happeningNow: happeningNow(episodes, reports),
  };
}

/** The time in which a bound signal showing the failure counts as having seen this report. */
function reportSpan(report: ReportedOccurrence, now: number, graceMs: number): { start: number; end: number } {
  return { start: report.start, end: Math.max(report.end ?? now, Math.min(report.start + graceMs, now)) };
}

function happeningNow(episodes: readonly SignalEpisode[], reports: readonly ReportedOccurrence[]): HappeningNow | null {
  const earliest = <T extends { start: number; end: number | null }>(spans: readonly T[]) =>
    spans.filter((s) => s.end === null).sort((a, b) => a.start - b.start)[0];
  const episode = earliest(episodes);
  if (episode) return { signal: episode.signal, state: episode.state, since: episode.start };
  const report = earliest(reports);
  return report ? { reportedBy: report.by, since: report.start } : null;
}

/** Counts per key, most first, ties by key, so explanations read the same on every poll. */
function tally<T>(items: readonly T[], keyOf: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
}
