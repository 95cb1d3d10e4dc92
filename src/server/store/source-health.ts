/** What the server knows about one source's polling, independent of what it measured. */
export interface SourceHealth {
  state: 'pending' | 'ok' | 'error';
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  /** Data came from disk at start-up and no poll has succeeded since. */
  restored: boolean;
  stale: boolean;
  staleReason: string | null;
}

export type PollRecord = Omit<SourceHealth, 'stale' | 'staleReason'>;

export const NEVER_POLLED: PollRecord = {
  state: 'pending',
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  lastErrorAt: null,
  consecutiveFailures: 0,
  restored: false,
};

/**
 * How often a source's data is due: a polled source's by its schedule's interval, a pushed source's
 * by its `expectEvery`, or never (null: a pushed source without one is never stale by age).
 */
export type ExpectedArrival = { arrives?: 'polled'; intervalMs: number } | { arrives: 'pushed'; intervalMs: number | null };

/**
 * Stale = the data shown is not current: never fetched (or the saved state still loading), restored
 * from disk and not refreshed yet, the last poll failed, or the last success is older than two
 * intervals (of the schedule, or of a pushed source's `expectEvery`).
 */
export function judgeHealth(record: PollRecord, expected: ExpectedArrival, now: number, restoring = false): SourceHealth {
  const reason = staleReason(record, expected, now, restoring);
  return { ...record, stale: reason !== null, staleReason: reason };
}

/** Shown at start-up while the saved state is still loading (partly loaded, too) and this source has not been polled. */
export const RESTORING_REASON = 'restoring the last known state from disk…';

function staleReason(r: PollRecord, expected: ExpectedArrival, now: number, restoring: boolean): string | null {
  const pushed = expected.arrives === 'pushed';
  if (r.state === 'error') return r.lastError ?? 'the last poll failed';
  if (r.lastSuccessAt === null) return restoring ? RESTORING_REASON : pushed ? 'waiting for the first push' : 'waiting for the first poll';
  // a pushed source's restored reading is as current as before the restart: every push it holds was
  // committed before it was acknowledged, and one refused while the server was down is the sender's to
  // retry; only its age (expectEvery) can make it stale. A polled source's upstream moved on meanwhile.
  if (r.restored && !pushed) return restoring ? RESTORING_REASON : 'restored from disk after a restart; waiting for the first poll';
  const { intervalMs } = expected;
  if (intervalMs !== null && now - r.lastSuccessAt > 2 * intervalMs) {
    // no running age in the text: it would change the view every second; the tile shows the age itself
    const due = pushed ? `pushed, expected every ${formatSeconds(intervalMs)}` : `polled every ${formatSeconds(intervalMs)}`;
    return `no fresh data for over ${formatSeconds(2 * intervalMs)} (${due})`;
  }
  return null;
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
