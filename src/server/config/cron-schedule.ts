import cron from 'node-cron';

/** Checks a 6-field cron expression (with seconds); returns what is wrong, or null. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    return `a 6-field cron expression with seconds ("sec min hour day month weekday", e.g. "*/15 * * * * *"), got ${fields.length} field(s)`;
  }
  const result = cron.validateDetailed(expression);
  if (!result.valid) {
    return `a valid cron expression: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`;
  }
  return null;
}

/**
 * The time between two consecutive runs, used to judge staleness ("older than 2 intervals"). For
 * irregular schedules ("every hour from 9 to 17", weekdays only) it is the longest gap among the
 * next runs, so data never turns stale overnight between two on-time runs, whatever the start time.
 */
export function cronIntervalMs(expression: string): number {
  const task = cron.createTask(expression, () => undefined);
  try {
    const runs = task.getNextRuns(RUNS_SAMPLED).map((d) => d.getTime());
    if (runs.length < 2) return 60_000;
    let longest = 0;
    for (let i = 1; i < runs.length; i++) longest = Math.max(longest, runs[i]! - runs[i - 1]!);
    return longest;
  } finally {
    void task.destroy();
  }
}

// enough to span a weekend for hourly weekday schedules, cheap for every-second ones
const RUNS_SAMPLED = 200;
