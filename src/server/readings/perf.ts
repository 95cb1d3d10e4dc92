import { z } from 'zod';
import type { JudgingSettings, SeriesJudgement } from '../perf/regression.js';
import { defineReadingKind } from './reading-kind.js';

/** A commit a revision brought in, as the perf event named it. */
export interface PerfCommit {
  id: string;
  author: string | null;
  message: string | null;
}

/** A revision tested, on the x axis every metric shares. */
export interface PerfRevision {
  revision: string;
  /** Its place in the order revisions first arrived (0, 1, 2, … per source); a re-run keeps it. */
  ordinal: number;
  /** Epoch ms of its latest result. */
  at: number;
  /** What it brought in (the last event that named any); empty when no event did. */
  commits: PerfCommit[];
}

/** One metric's result for one revision; a re-run of the revision replaces it. */
export interface PerfResult {
  ordinal: number;
  value: number;
  /** Epoch ms the test ran (the sender's `at`, else when the result arrived). */
  at: number;
  /** Time per instrumentation layer (ms), e.g. {"cpu": 120, "db": 340}; null when not measured. */
  layers: Record<string, number> | null;
  /** Sent as the new normal (an intended change): judging starts over from it. */
  newBaseline?: true;
}

export interface PerfSeries {
  metric: string;
  unit: string;
  higherIsBetter: boolean;
  /** Ascending by ordinal, at most one per revision. */
  results: PerfResult[];
  /**
   * The results judged with the reading's `judging` (points in the order of `results`), kept by the
   * fold so tiles project without judging again. Derived, not content: not enumerable (see
   * withJudgement), so it is neither saved nor compared; a reading restored from disk has none and
   * is judged again on its next fold, or by the tile until then.
   */
  readonly judgement?: SeriesJudgement;
}

/**
 * `series` carrying its judgement as a property that JSON, spreads and equality do not see: the
 * verdicts follow from the results and settings, so a saved reading stays its results alone, and
 * verdicts read back from a file (which could say anything) are never trusted.
 */
export function withJudgement(series: PerfSeries, judgement: SeriesJudgement): PerfSeries {
  const { metric, unit, higherIsBetter, results } = series;
  return Object.defineProperty({ metric, unit, higherIsBetter, results }, 'judgement', { value: judgement, enumerable: false });
}

/**
 * The results a `perf` source keeps: a bounded window of the latest revisions (the event log holds
 * them all), each metric's results on that revision axis, and how they are judged (the source's options,
 * so a tile judges them the way the source was configured to).
 */
export interface PerfReading {
  type: 'perf';
  /** Epoch ms of the last push. */
  at: number;
  judging: JudgingSettings;
  /** Ascending by ordinal. */
  revisions: PerfRevision[];
  /** The ordinal the next new revision gets. */
  nextOrdinal: number;
  /** In the order the metrics first arrived. */
  series: PerfSeries[];
}

declare module './reading-kind.js' {
  interface ReadingTypes {
    perf: PerfReading;
  }
}

const ordinal = z.number().int().min(0);

export const perfReading = defineReadingKind({
  type: 'perf',
  description: 'Performance test results per revision (ordinal = arrival order) and metric: value, unit, direction, time per layer, commits; a bounded window.',
  schema: z.looseObject({
    type: z.literal('perf'),
    at: z.number(),
    judging: z.looseObject({
      baselineRuns: z.number().int().min(1),
      tolerancePercent: z.number().min(0),
      madK: z.number().min(0),
      driftRuns: z.number().int().min(1),
    }),
    revisions: z.array(
      z.looseObject({
        revision: z.string(),
        ordinal,
        at: z.number(),
        commits: z.array(z.looseObject({ id: z.string(), author: z.string().nullable(), message: z.string().nullable() })),
      }),
    ),
    nextOrdinal: ordinal,
    series: z.array(
      z.looseObject({
        metric: z.string(),
        unit: z.string(),
        higherIsBetter: z.boolean(),
        results: z.array(
          z.looseObject({ ordinal, value: z.number(), at: z.number(), layers: z.record(z.string(), z.number()).nullable(), newBaseline: z.literal(true).optional() }),
        ),
      })
      // verdicts read back could say anything: the results are judged again instead
      .transform(({ judgement: _ignored, ...series }) => series),
    ),
  }),
});
