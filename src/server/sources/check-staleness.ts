/**
 * Below this a late result is scheduling jitter or a busy check queue, whatever the interval: a 10 s
 * check that is 40 s late is not worth a flag on the wall.
 */
export const MIN_STALE_MS = 120_000;

/**
 * A check result is stale when it is older than three check intervals (and MIN_STALE_MS): the
 * scheduler stopped running it, so its state says little about now. Checks without an interval
 * (passive-only, never scheduled) are never stale by this rule.
 */
export function isCheckStale(lastCheck: number | null, intervalMs: number | null, reference: number): boolean {
  if (lastCheck === null || intervalMs === null || !(intervalMs > 0)) return false;
  return reference - lastCheck > Math.max(3 * intervalMs, MIN_STALE_MS);
}
