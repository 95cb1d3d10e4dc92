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
 * Stale = the data shown is not current: never fetched, restored from disk and not refreshed yet,
 * the last poll failed, or the last success is older than two schedule intervals.
 */
export function judgeHealth(record: PollRecord, intervalMs: number, now: number): SourceHealth {
  const reason = staleReason(record, intervalMs, now);
  return { ...record, stale: reason !== null, staleReason: reason };
}

function staleReason(r: PollRecord, intervalMs: number, now: number): string | null {
  if (r.state === 'error') return r.lastError ?? 'the last poll failed';
  if (r.lastSuccessAt === null) return 'waiting for the first poll';
  if (r.restored) return 'restored from disk after a restart; waiting for the first poll';
  const age = now - r.lastSuccessAt;
  if (age > 2 * intervalMs) {
    return `no fresh data for ${Math.round(age / 1000)} s (polled every ${Math.round(intervalMs / 1000)} s)`;
  }
  return null;
}
