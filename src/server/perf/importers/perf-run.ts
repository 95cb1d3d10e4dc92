import { perfEventSchema, type PerfEvent } from '../../../shared/pushed-events/perf.js';
import { PerfImportError } from './import-error.js';

/** What the caller says about the run a load tool's output came from (the `revision` query, the CLI flags). */
export interface ImportRun {
  revision: string;
  /** What the metrics are named after ("checkout p95 latency"); each format has a default. */
  name?: string;
  /** When the test ran (epoch ms); default: the time the tool wrote, else when the events arrive. */
  at?: number;
  commits?: { id: string; author?: string; message?: string }[];
  /** The run's results are the new normal (an intended change): see the perf event's `newBaseline`. */
  newBaseline?: boolean;
}

/** One metric an importer read, before it becomes an event for the run's revision. */
export interface PerfMeasure {
  metric: string;
  value: number;
  unit: string;
  higherIsBetter: boolean;
  layers?: Record<string, number>;
}

// the bounds of the events' `at`: a tool's clock outside them is left out rather than refusing the file
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(3000, 0, 1);

/**
 * The `perf` events of one imported run: each measure for the run's revision, checked by the same
 * schema a posted event is (text made plain and bounded). A revision or commit the schema refuses is
 * an error naming that field.
 */
export function perfEventsOf(measures: readonly PerfMeasure[], run: ImportRun, toolAt: number | null): PerfEvent[] {
  const toolTime = toolAt !== null && Number.isInteger(toolAt) && toolAt >= EARLIEST && toolAt < LATEST ? toolAt : undefined;
  const at = run.at ?? toolTime;
  return measures.map((measure) => {
    const parsed = perfEventSchema.safeParse({
      kind: 'perf',
      revision: run.revision,
      ...(at !== undefined && { at }),
      ...measure,
      ...(run.commits && { commits: run.commits }),
      ...(run.newBaseline && { newBaseline: true }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PerfImportError(issue.message, null, issue.path.join('.') || null);
    }
    return parsed.data;
  });
}
