import type { Logger } from '../logger.js';
import type { StateFile } from './state-file.js';
import type { Store } from './store.js';

/** What /healthz says about keeping state across restarts: an ops engineer reads it, so it says why. */
export interface PersistenceStatus {
  /** The state file; null when state is kept in memory only. */
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

export interface PersistenceDeps {
  now: () => number;
  logger: Logger;
  /** How often the store is written when it changed. */
  saveEveryMs: number;
}

/**
 * Keeps the store across restarts: loads the saved state in the background while the server already
 * serves (tiles say the state is loading), then saves every few seconds when something changed. A
 * failing save keeps the wall running and is retried; it is logged once per episode and shown on
 * /healthz until a save works again.
 */
export class StatePersistence {
  private restoreState: PersistenceStatus['restore'];
  private restoreProblem: string | null = null;
  private restoring: Promise<void> | null = null;
  private readonly stopRestore = new AbortController();
  private saving: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastSavedAt: number | null = null;
  private lastError: string | null = null;
  private lastErrorAt: number | null = null;
  private failingSince: number | null = null;
  private consecutiveFailures = 0;

  constructor(
    private readonly store: Store,
    private readonly file: StateFile | null,
    private readonly deps: PersistenceDeps,
  ) {
    this.restoreState = file ? 'loading' : 'none';
  }

  /** Starts loading the saved state (once); resolves when it is loaded or failed, never rejects. */
  restore(): Promise<void> {
    this.restoring ??= this.runRestore();
    return this.restoring;
  }

  private async runRestore(): Promise<void> {
    const { file, store } = this;
    const { logger, now } = this.deps;
    if (!file) return;
    store.beginRestore();
    try {
      const { removed, bytes } = await file.removeLeftovers();
      if (removed.length) {
        logger.info(`removed ${removed.length} temp file${removed.length === 1 ? '' : 's'} (${megabytes(bytes)}) left in ${file.dir} by saves that never finished`);
      }
      const outcome = await file.read((id, part) => store.importSource(id, part, now()), this.stopRestore.signal);
      if (outcome.outcome === 'restored') {
        this.restoreState = 'restored';
        logger.info(`restored the last known state of ${outcome.sources} source${outcome.sources === 1 ? '' : 's'} from ${file.file}, saved ${iso(outcome.savedAt)} (shown stale until fresh polls arrive)`);
      } else if (outcome.outcome === 'none') {
        this.restoreState = 'none';
      } else {
        this.fail(outcome.problem);
      }
    } catch (err) {
      this.fail(`cannot restore ${file.file}: ${(err as Error).message}; starting empty`);
    } finally {
      store.endRestore();
      if (!this.stopped) {
        this.timer = setInterval(() => void this.save(), this.deps.saveEveryMs);
        this.timer.unref();
      }
    }
  }

  private fail(problem: string): void {
    this.restoreState = 'failed';
    this.restoreProblem = problem;
    this.deps.logger.warn(problem);
  }

  /** Writes the store if it changed; a save already running is not doubled. */
  async save(): Promise<void> {
    if (this.saving) return this.saving;
    this.saving = this.saveNow().finally(() => (this.saving = null));
    return this.saving;
  }

  private async saveNow(): Promise<void> {
    const { file, store } = this;
    const { logger, now } = this.deps;
    // a half-loaded store written now would replace the full history on disk
    if (!file || !store.dirty || this.restoreState === 'loading') return;
    try {
      await file.write(store.exportState(now()));
      if (this.consecutiveFailures) {
        logger.info(`saving state to ${file.file} works again, after ${this.consecutiveFailures} failed attempt${this.consecutiveFailures === 1 ? '' : 's'} since ${iso(this.failingSince!)}`);
      }
      this.lastSavedAt = now();
      this.consecutiveFailures = 0;
      this.failingSince = null;
    } catch (err) {
      store.markUnsaved();
      this.lastError = (err as Error).message;
      this.lastErrorAt = now();
      if (this.consecutiveFailures++ === 0) {
        this.failingSince = this.lastErrorAt;
        logger.error(
          `cannot save state to ${file.file}: ${this.lastError}; the wall keeps running, but a restart would lose what changed since ${this.since()}. ` +
            `Retrying every ${Math.round(this.deps.saveEveryMs / 1000)} s; "persistence" on /healthz shows it until a save works`,
        );
      }
    }
  }

  /** Stops saving, after a last save; a restore still loading is abandoned and nothing is written over the file. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.restoreState === 'loading') {
      if (!this.restoring) return; // never started serving: nothing to keep
      this.stopRestore.abort();
      await this.restoring;
      this.deps.logger.warn(`stopped while ${this.file?.file} was still loading: not saving, so the file keeps the last saved state`);
      return;
    }
    await this.saving;
    await this.save();
  }

  status(): PersistenceStatus {
    const reason = !this.file
      ? 'no data directory: state is kept in memory only and lost on restart'
      : this.consecutiveFailures
        ? `the last ${this.consecutiveFailures === 1 ? 'save' : `${this.consecutiveFailures} saves`} failed (since ${iso(this.failingSince!)}): ${this.lastError}; a restart would lose what changed since ${this.since()}`
        : null;
    return {
      file: this.file?.file ?? null,
      saving: reason === null,
      reason,
      restore: this.restoreState,
      restoreProblem: this.restoreProblem,
      lastSavedAt: this.lastSavedAt === null ? null : iso(this.lastSavedAt),
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt === null ? null : iso(this.lastErrorAt),
      consecutiveFailures: this.consecutiveFailures,
    };
  }

  private since(): string {
    return this.lastSavedAt === null ? 'the start' : `the last good save at ${iso(this.lastSavedAt)}`;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
