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

/** The time between two consecutive runs, used to judge staleness ("older than 2 intervals"). */
export function cronIntervalMs(expression: string): number {
  const task = cron.createTask(expression, () => undefined);
  try {
    const [first, second, third] = task.getNextRuns(3);
    if (!first || !second) return 60_000;
    // for irregular schedules take the longer gap, so staleness never fires between two on-time runs
    const gap1 = second.getTime() - first.getTime();
    const gap2 = third ? third.getTime() - second.getTime() : gap1;
    return Math.max(gap1, gap2);
  } finally {
    void task.destroy();
  }
}
