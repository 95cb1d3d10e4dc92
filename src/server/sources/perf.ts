import { z } from 'zod';
import { perfEventSchema } from '../../shared/pushed-events/perf.js';
import { addResults } from '../perf/results-window.js';
import type { PerfReading } from '../readings/perf.js';
import { definePushedSourceKind } from './source-kind.js';

/**
 * Results of a continuous performance test, one `perf` event per metric and revision (a CI job posts
 * them, or its load tool's raw output through an importer). The reading keeps the latest revisions in
 * the order they arrived, a re-run replacing a revision's result; how regressions are judged (baseline,
 * tolerance, noise) is configured here and travels with the reading to the tiles.
 */
export const perfSource = definePushedSourceKind({
  kind: 'perf',
  description: 'Performance test results per revision pushed as `perf` events: a trend per metric, judged against a noise-aware baseline.',
  produces: 'perf',
  event: 'perf',
  options: z.object({
    baselineRuns: z.number().int().min(3).max(100).default(10).describe('N: a result is judged against the median of the N results before it that were not red'),
    tolerancePercent: z.number().min(0).max(1_000).default(10).describe('A result is red only when it is worse than the baseline by more than this percentage…'),
    madK: z.number().min(0).max(50).default(3).describe('…and by more than this many standard deviations of the baseline\'s noise (k·MAD)'),
    driftRuns: z.number().int().min(5).max(500).default(20).describe('How many of the latest results a slow drift is looked for over'),
    keepRevisions: z.number().int().min(10).max(2_000).default(200).describe('Revisions kept in the reading (every result stays in the event log)'),
    maxMetrics: z.number().int().min(1).max(200).default(50).describe('Metrics kept; a new one beyond it drops the one whose latest result is oldest'),
  }),
  payload: perfEventSchema,
  receive(options, events, context): PerfReading {
    const { baselineRuns, tolerancePercent, madK, driftRuns, keepRevisions, maxMetrics } = options;
    return addResults(context.previous, events, { keepRevisions, maxMetrics }, { baselineRuns, tolerancePercent, madK, driftRuns }, context.now());
  },
});
