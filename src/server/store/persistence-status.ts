/** What /healthz says about keeping state across restarts: an ops engineer reads it, so it says why. */
export interface PersistenceStatus {
  /** Where state is kept (the database file); null when state is kept in memory only. */
  file: string | null;
  /** False when changes are not reaching the disk (saves fail, or there is no data directory). */
  saving: boolean;
  /** Why not saving, in words; null while saving works. */
  reason: string | null;
  /** The saved state at start-up: still `loading`, `restored`, `none` saved, or `failed` (see restoreProblem). */
  restore: 'loading' | 'restored' | 'none' | 'failed';
  restoreProblem: string | null;
  lastSavedAt: string | null;
  /** The latest failed save's error; kept after saving works again, like a source's lastError. */
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
}
