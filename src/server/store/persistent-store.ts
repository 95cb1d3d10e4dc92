import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import type { Reading } from '../readings/reading-kind.js';
import type { HistoryPoint } from './history.js';
import type { PersistenceStatus } from './persistence-status.js';
import type { PollRecord, SourceHealth } from './source-health.js';
import { DEFAULT_STATE_CHANGE_RETENTION_MS, type StateChange, type StateChangeHistory } from './state-changes.js';
import type { StoredSourceSpec } from './store.js';
import type { AppendedEvent, EventLog, EventQuery, KeptSource, LiveStore, NewEvent, PersistenceHealth, ServerStore, SourceRepository, StoredEvent } from './store-ports.js';

/** The in-memory view tiles read (MemoryStore), with its start-up restore steps. */
export interface RestorableView extends LiveStore {
  /** Records a poll like LiveStore's, and returns the state changes it brought (to be kept durably too). */
  recordSuccess(sourceId: string, reading: Reading): readonly StateChange[];
  /** Until endRestore, sources not polled yet say their kept state is loading. */
  beginRestore(): void;
  /**
   * Loads a kept source, or more series of it (called again with the same poll record and reading);
   * a source polled since the start keeps what its polls brought and gains the history before it.
   */
  importSource(sourceId: string, saved: KeptSource, now: number): void;
  /** Loads a source's kept state changes; those recorded since the start stay. */
  importStateChanges(sourceId: string, kept: StateChangeHistory, now: number): void;
  endRestore(): void;
}

/** Where legacy state comes from on first start: the JSON state file DATA/store.json of earlier versions. */
export interface LegacyState {
  readonly file: string;
  /** The saved sources; null when there is no file. A corrupt or wrong-shaped file rejects, naming the problem. */
  read(signal?: AbortSignal): Promise<Record<string, KeptSource> | null>;
  /** After a successful import: the file is renamed so it is imported once. Returns the new name. */
  retire(): Promise<string>;
}

export interface PersistentStoreOptions {
  sources: Record<string, StoredSourceSpec>;
  view: RestorableView;
  repository: SourceRepository & EventLog;
  now: () => number;
  logger: Logger;
  /** Imported into the repository on the first start that finds it, then retired. */
  legacy?: LegacyState | null;
  /** How often history older than each source's window is deleted from the durable copy. */
  retentionEveryMs?: number;
  /** How long state changes are kept (default 30 days): the view's limit too. */
  stateChangeRetentionMs?: number;
}

export type RestoreOutcome = 'restored' | 'none' | 'failed';

/** Series handed to the view per step of a restore, so a day of 1,500 series never holds the loop for long. */
const SERIES_PER_IMPORT = 100;

/**
 * A store whose tiles read memory and whose durable copy is a repository: every recorded poll updates
 * the in-memory view (synchronously, for the fan-out) and is queued for the repository's next group
 * commit. At start, `restore()` loads what the repository kept (importing a legacy store.json once).
 * SQLite today (SqliteStore); a Redis-backed repository makes the scale-out variant.
 */
export class PersistentStore implements ServerStore {
  private readonly view: RestorableView;
  private readonly repository: SourceRepository & EventLog;
  private retentionTimer: NodeJS.Timeout | null = null;
  private restoring: Promise<RestoreOutcome> | null = null;
  private expiring: Promise<void> | null = null;
  private closed = false;
  /** The legacy file was read but could not be written to the repository: the view gets it straight. */
  private legacyUnwritten = false;
  private restoreState: PersistenceStatus['restore'] = 'loading';
  private restoreProblem: string | null = null;
  private readonly stopRestore = new AbortController();

  constructor(private readonly options: PersistentStoreOptions) {
    this.view = options.view;
    this.repository = options.repository;
  }

  recordSuccess(sourceId: string, reading: Reading): void {
    let changes: readonly StateChange[] = [];
    try {
      changes = this.view.recordSuccess(sourceId, reading);
    } finally {
      // kept even when a listener of the view threw: the view has changed (its state changes, computed
      // before the listeners run, are then known to the view only)
      this.keep(sourceId, reading, changes);
    }
  }

  recordFailure(sourceId: string, message: string, at: number): void {
    try {
      this.view.recordFailure(sourceId, message, at);
    } finally {
      this.keep(sourceId, null, []);
    }
  }

  reading(sourceId: string): Reading | null {
    return this.view.reading(sourceId);
  }

  health(sourceId: string, now: number): SourceHealth {
    return this.view.health(sourceId, now);
  }

  history(sourceId: string, series: string): readonly HistoryPoint[] {
    return this.view.history(sourceId, series);
  }

  stateChanges(sourceId: string, since: number): StateChangeHistory {
    return this.view.stateChanges(sourceId, since);
  }

  subscribe(listener: (sourceId: string) => void): () => void {
    return this.view.subscribe(listener);
  }

  append(events: readonly NewEvent[]): Promise<AppendedEvent[]> {
    return this.repository.append(events);
  }

  events(query: EventQuery): Promise<StoredEvent[]> {
    return this.repository.events(query);
  }

  persistence(): PersistenceHealth {
    return this.repository.persistence();
  }

  /** What /healthz shows under `persistence`: whether state reaches the disk, and why not. */
  persistenceStatus(): PersistenceStatus {
    const health = this.repository.persistence();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const since = health.lastSavedAt === null ? 'the start' : `the last good write at ${iso(health.lastSavedAt)}`;
    return {
      file: this.repository.location,
      saving: health.saving,
      reason: health.saving
        ? null
        : `the last ${health.consecutiveFailures === 1 ? 'write' : `${health.consecutiveFailures} writes`} failed: ${health.lastError}; ` +
          `${health.pendingPolls} polls wait for a retry, and a restart would lose what changed since ${since}`,
      restore: this.restoreState,
      restoreProblem: this.restoreProblem,
      lastSavedAt: iso(health.lastSavedAt),
      lastError: health.lastError,
      lastErrorAt: iso(health.lastErrorAt),
      consecutiveFailures: health.consecutiveFailures,
    };
  }

  /**
   * Loads the kept state into the view (once; later calls share the first). Serving and polling may
   * already run: tiles say the state is loading, and a source polled meanwhile keeps its fresh data.
   * Never rejects: what cannot be loaded is logged and the store starts empty.
   */
  restore(): Promise<RestoreOutcome> {
    this.restoring ??= this.runRestore();
    return this.restoring;
  }

  /** Commits what is queued now (tests, shutdown). */
  flush(): Promise<void> {
    return this.repository.flush();
  }

  /** Deletes kept history older than each source's window, and state changes older than theirs (runs on a schedule once restored). */
  expireHistory(): Promise<void> {
    this.expiring ??= this.repository
      .expire(this.cutoffs())
      .then(() => (this.closed ? undefined : this.repository.expireStateChanges(this.stateChangeCutoff())))
      .finally(() => (this.expiring = null));
    return this.expiring;
  }

  /** Stops the schedule and writes what is queued; a restore or retention pass still running stops at its next step. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.stopRestore.abort();
    await this.repository.close();
    await this.restoring;
    await this.expiring;
  }

  private keep(sourceId: string, reading: Reading | null, changes: readonly StateChange[]): void {
    // health() throws for an unknown source, like the view did: nothing is queued for it
    const h = this.view.health(sourceId, 0);
    const poll: PollRecord = {
      state: h.state,
      lastSuccessAt: h.lastSuccessAt,
      lastAttemptAt: h.lastAttemptAt,
      lastError: h.lastError,
      lastErrorAt: h.lastErrorAt,
      consecutiveFailures: h.consecutiveFailures,
      restored: h.restored,
    };
    const knownSince = reading?.type === 'monitoring' ? this.view.stateChanges(sourceId, Number.POSITIVE_INFINITY).knownSince : null;
    this.repository.enqueue({ sourceId, poll, reading, ...(knownSince !== null && { stateChanges: { knownSince, changes } }) });
  }

  private stateChangeCutoff(): number {
    return this.options.now() - (this.options.stateChangeRetentionMs ?? DEFAULT_STATE_CHANGE_RETENTION_MS);
  }

  private cutoffs(): Record<string, number> {
    const now = this.options.now();
    return Object.fromEntries(Object.entries(this.options.sources).map(([id, spec]) => [id, now - spec.historyMs]));
  }

  private async runRestore(): Promise<RestoreOutcome> {
    const { logger, legacy } = this.options;
    this.view.beginRestore();
    let outcome: RestoreOutcome = 'none';
    try {
      // asked before this process's polls can reach the repository: what it held then is newer than any legacy file
      const heldAtStart = new Set<string>();
      for (const id of Object.keys(this.options.sources)) if (await this.repository.holds(id)) heldAtStart.add(id);
      const fromLegacy = legacy ? await this.importLegacy(legacy, heldAtStart) : {};
      for (const [id, cutoff] of Object.entries(this.cutoffs())) {
        if (this.closed) break;
        const loaded = await this.repository.load(id, cutoff, (part) => this.view.importSource(id, part, this.options.now()));
        const changes = await this.repository.loadStateChanges(id, this.stateChangeCutoff());
        if (changes) this.view.importStateChanges(id, changes, this.options.now());
        // what the repository loaded already holds the legacy import, unless that could not be written
        const legacyOnly = loaded && !this.legacyUnwritten ? undefined : fromLegacy[id];
        if (legacyOnly) await this.importInSlices(id, legacyOnly);
        // restored is what was kept before this start: polls that landed while a slow legacy file was
        // read are in the repository too, and are not a restore
        const keptBefore = heldAtStart.has(id) || fromLegacy[id] !== undefined;
        if (keptBefore && (loaded || legacyOnly)) outcome = 'restored';
      }
      if (outcome === 'restored') logger.info(`restored the last known state from ${this.repository.location} (shown stale until fresh polls arrive)`);
    } catch (err) {
      outcome = 'failed';
      this.restoreProblem = `cannot restore the last known state: ${(err as Error).message}; starting empty`;
      logger.error(this.restoreProblem);
    } finally {
      this.view.endRestore();
    }
    // nothing kept, and a legacy file that could not be used: the restore failed, as the state file's would
    if (outcome === 'none' && this.restoreProblem) outcome = 'failed';
    this.restoreState = outcome;
    if (!this.closed) {
      this.retentionTimer = setInterval(() => void this.expireHistory(), this.options.retentionEveryMs ?? 60_000);
      this.retentionTimer.unref();
    }
    return outcome;
  }

  private async importInSlices(sourceId: string, kept: KeptSource): Promise<void> {
    const series = Object.entries(kept.history);
    let i = 0;
    do {
      const history = Object.fromEntries(series.slice(i, i + SERIES_PER_IMPORT));
      this.view.importSource(sourceId, { poll: kept.poll, reading: kept.reading, history }, this.options.now());
      i += SERIES_PER_IMPORT;
      if (i < series.length) await nextTurn();
    } while (i < series.length && !this.closed);
  }

  /**
   * The legacy state file, imported into the repository for the sources it does not hold yet (the
   * repository's data is newer), then retired. Returns what it read, so the view can show it even
   * when the repository cannot be written. A file that cannot be used is reported and skipped.
   */
  private async importLegacy(legacy: LegacyState, heldAtStart: ReadonlySet<string>): Promise<Record<string, KeptSource>> {
    const { logger } = this.options;
    let saved: Record<string, KeptSource> | null;
    try {
      saved = await legacy.read(this.stopRestore.signal);
    } catch (err) {
      this.restoreProblem = `${(err as Error).message}; not imported into the database`;
      logger.warn(this.restoreProblem);
      return {};
    }
    if (!saved) return {};
    const fresh: Record<string, KeptSource> = {};
    for (const [id, source] of Object.entries(saved)) {
      if (id in this.options.sources && !heldAtStart.has(id)) fresh[id] = source;
    }
    try {
      await this.repository.importSources(fresh);
      const retiredAs = await legacy.retire();
      const n = Object.keys(fresh).length;
      logger.info(`imported ${n} source${n === 1 ? '' : 's'} from ${legacy.file} into the database; the file is now ${retiredAs}`);
    } catch (err) {
      this.legacyUnwritten = true;
      this.restoreProblem = `cannot import ${legacy.file} into the database: ${(err as Error).message}; it stays and is imported on the next start`;
      logger.error(this.restoreProblem);
    }
    return saved;
  }
}
