import { z } from 'zod';
import type { Status } from '../../shared/status.js';
import type { TrendData, TrendDrift, TrendRegression } from '../../shared/views/trend.js';
import { describeLayers } from '../perf/layer-attribution.js';
import type { BuildsReading } from '../readings/builds.js';
import type { PerfReading, PerfSeries } from '../readings/perf.js';
import { globListOption, globRank } from './glob.js';
import { defineTileKind, type RelatedReading } from './tile-kind.js';
import { revisionCommits } from './trend/revision-commits.js';
import { judgeMetric, trendSeriesView, type JudgedMetric } from './trend/trend-series.js';

const options = z
  .object({
    metrics: globListOption.describe('Metrics shown (names or globs, e.g. ["checkout p95 latency", "* requests/s"]), one panel each in this order; default all in the order they first arrived'),
    maxMetrics: z.number().int().min(1).max(6).default(3).describe('Panels at most; the metrics past them are still judged and named in the headline'),
    revisions: z.number().int().min(5).max(200).default(30).describe('Revisions on the x axis, the latest'),
    layers: z.boolean().default(true).describe('Draw the instrumentation layers (cpu, db, …) of metrics timed in ms as thin lines in their panel'),
    commitsFrom: z
      .array(z.string().min(1))
      .max(10)
      .default([])
      .describe('CI sources (jenkins, buildbot, cctray) asked for a revision\'s commits when its perf results name none: a build whose changes include the revision'),
  })
  .strict();

export type TrendOptions = z.infer<typeof options>;

/** What the tile reads besides its options: the perf source's reading and each CI source's. */
export interface TrendInput {
  reading: PerfReading | null;
  ci: (sourceId: string) => RelatedReading<BuildsReading>;
}

/**
 * Performance per revision: one panel per metric on a shared axis of revisions in the order they
 * arrived, each result green or red as the regression rules judged it, with the baseline band and
 * the metric's layers. While a regression holds the tile is critical and its headline names the first
 * bad revision, its commits (from the perf results, else from a CI source) and the layer that moved.
 */
export const trendTile = defineTileKind({
  widget: 'trend',
  description: 'Performance per revision (perf source): a line per metric and layer on a revision axis, red on a regression with the first bad revision, its commits and the layer that moved.',
  consumes: 'perf',
  options,
  related: (options) => options.commitsFrom.map((source, i) => ({ source, reads: 'builds' as const, path: ['commitsFrom', i] })),
  project({ options, reading, related }) {
    return projectTrend({ reading, ci: (sourceId) => related(sourceId, 'builds') }, options);
  },
});

export function projectTrend(input: TrendInput, options: TrendOptions): { status: Status; data: TrendData; reason?: string } {
  const { reading } = input;
  if (reading === null || reading.series.length === 0) {
    return { status: 'unknown', data: { headline: 'waiting', regression: null, drift: null, revisions: [], series: [], moreSeries: 0 } };
  }
  const selected = selectedSeries(reading.series, options.metrics);
  if (selected.length === 0) {
    const data: TrendData = { headline: 'waiting', regression: null, drift: null, revisions: [], series: [], moreSeries: 0 };
    return { status: 'unknown', data, reason: `no metric matches ${options.metrics!.join(', ')} (${reading.series.length} reported: ${reading.series.slice(0, 5).map((s) => s.metric).join(', ')}${reading.series.length > 5 ? ', …' : ''})` };
  }
  const judged = selected.map((series) => judgeMetric(series, reading.judging));
  const names = new Map(reading.revisions.map((r) => [r.ordinal, r.revision]));
  const revisionName = (ordinal: number) => names.get(ordinal) ?? `#${ordinal}`;
  const window = reading.revisions.slice(-options.revisions);
  const fromOrdinal = window[0]?.ordinal ?? 0;

  const series = judged
    .slice(0, options.maxMetrics)
    .map((metric) => trendSeriesView(metric, fromOrdinal, revisionName, { layers: options.layers, baselineRuns: reading.judging.baselineRuns }));
  const staleCi = options.commitsFrom.filter((id) => input.ci(id).stale);
  const regression = regressionOf(judged, reading, revisionName, options.commitsFrom.map((source) => ({ source, reading: input.ci(source).reading })));
  const drift = regression ? null : driftOf(judged, revisionName);
  const statuses = judged.map((m) => m.judgement.status);
  const headline = regression ? 'regression' : drift ? 'drift' : statuses.some((s) => s === 'ok') ? 'steady' : 'learning';
  const status: Status = regression ? 'critical' : drift ? 'warning' : headline === 'steady' ? 'ok' : 'unknown';
  const data: TrendData = {
    headline,
    regression,
    drift,
    revisions: window.map(({ ordinal, revision }) => ({ ordinal, revision })),
    series,
    moreSeries: judged.length - series.length,
  };
  // commits missing because the CI source went quiet is worth a word; a stale perf source the frame says itself
  const missingCommits = regression !== null && regression.commitsFrom === null && staleCi.length > 0;
  return missingCommits ? { status, data, reason: `CI ${staleCi.join(', ')} not current: the regression's commits may be missing` } : { status, data };
}

/** The metrics the tile's patterns select, in the order of the first pattern each matches, then arrival. */
function selectedSeries(all: readonly PerfSeries[], patterns: readonly string[] | undefined): PerfSeries[] {
  if (!patterns) return [...all];
  const rank = globRank(patterns);
  return all
    .map((series, index) => ({ series, index, rank: rank(series.metric) }))
    .filter((s) => s.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((s) => s.series);
}

/** The regression whose first bad revision came first (the panel order breaks a tie), with the others named. */
function regressionOf(
  judged: readonly JudgedMetric[],
  reading: PerfReading,
  revisionName: (ordinal: number) => string,
  ci: Parameters<typeof revisionCommits>[2],
): TrendRegression | null {
  const regressed = judged.filter((m) => m.judgement.regression !== null);
  if (regressed.length === 0) return null;
  const first = regressed.reduce((a, b) => (b.judgement.regression!.ordinal < a.judgement.regression!.ordinal ? b : a));
  const found = first.judgement.regression!;
  const revision = reading.revisions.find((r) => r.ordinal === found.ordinal);
  const commits = revisionCommits(revision?.revision ?? '', revision?.commits ?? [], ci);
  const moved = found.layers.find((l) => l.moved === 'up' || l.moved === 'new');
  return {
    metric: first.series.metric,
    unit: first.series.unit,
    revision: revisionName(found.ordinal),
    ordinal: found.ordinal,
    value: found.value,
    baseline: found.baseline,
    changePercent: found.changePercent,
    runLength: found.runLength,
    layers: found.layers.length ? describeLayers(found.layers) : null,
    movedLayer: moved?.layer ?? null,
    commits: commits.commits,
    moreCommits: commits.more,
    commitsFrom: commits.from,
    alsoRegressed: regressed.filter((m) => m !== first).map((m) => m.series.metric),
  };
}

function driftOf(judged: readonly JudgedMetric[], revisionName: (ordinal: number) => string): TrendDrift | null {
  const drifting = judged.find((m) => m.judgement.drift !== null);
  if (!drifting) return null;
  const drift = drifting.judgement.drift!;
  return { metric: drifting.series.metric, fromRevision: revisionName(drift.fromOrdinal), toRevision: revisionName(drift.toOrdinal), changePercent: drift.changePercent };
}
