import type { Logger } from '../logger.js';
import type { Reading } from '../sources/reading.js';
import type { HistoryPoint } from './history.js';
import type { PollRecord, SourceHealth } from './source-health.js';
import type { StoredSourceSpec, StoreState } from './store.js';
import type { AppendedEvent, EventLog, EventQuery, KeptSource, LiveStore, NewEvent, PersistenceHealth, SourceRepository, StoredEvent } from './store-ports.js';

/** The in-memory view tiles read (MemoryStore). */
export interface RestorableView extends LiveStore {
  /** Loads kept sources, marked restored (stale) until a fresh poll; history older than each window is left behind. */
  importState(state: StoreState, now: number): void;
}

/** Where legacy state comes from on first start: the JSON state file DATA/store.json of earlier versions. */
export interface LegacyState {
  readonly file: string;
  /** The saved sources; null when there is no file. A corrupt or wrong-shaped file rejects, naming the problem. */
  read(): Promise<Record<string, KeptSource> | null>;
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
}

export type RestoreOutcome = 'restored' | 'none' | 'failed';

/**
 * A store whose tiles read memory and whose durable copy is a repository: every recorded poll updates
 * the in-memory view (synchronously, for the fan-out) and is queued for the repository's next group
 * commit. At start, `restore()` loads what the repository kept (importing a legacy store.json once).
 * SQLite today (SqliteStore); a Redis-backed repository makes the scale-out variant.
 */
export class PersistentStore implements LiveStore, EventLog {
  private readonly view: RestorableView;
  private readonly repository: SourceRepository & EventLog;
  private retentionTimer: NodeJS.Timeout | null = null;
  private restoring: Promise<RestoreOutcome> | null = null;
  private expiring: Promise<void> | null = null;
  private closed = false;
  /** Sources polled while the restore runs: their fresh data is not replaced by older kept data. */
  private readonly polledDuringRestore = new Set<string>();

  constructor(private readonly options: PersistentStoreOptions) {
    this.view = options.view;
    this.repository = options.repository;
  }

  recordSuccess(sourceId: string, reading: Reading): void {
    try {
      this.view.recordSuccess(sourceId, reading);
    } finally {
      // kept even when a listener of the view threw: the view has changed
      this.keep(sourceId, reading);
    }
  }

  recordFailure(sourceId: string, message: string, at: number): void {
    try {
      this.view.recordFailure(sourceId, message, at);
    } finally {
      this.keep(sourceId, null);
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

  /** Deletes kept history older than each source's window (runs on a schedule once restored). */
  expireHistory(): Promise<void> {
    this.expiring ??= this.repository.expire(this.cutoffs()).finally(() => (this.expiring = null));
    return this.expiring;
  }

  /** Stops the schedule and writes what is queued; a restore or retention pass still running stops at its next step. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.repository.close();
    await this.restoring;
    await this.expiring;
  }

  private keep(sourceId: string, reading: Reading | null): void {
    // health() throws for an unknown source, like the view did: nothing is queued for it
    const h = this.view.health(sourceId, 0);
    this.polledDuringRestore.add(sourceId);
    const poll: PollRecord = {
      state: h.state,
      lastSuccessAt: h.lastSuccessAt,
      lastAttemptAt: h.lastAttemptAt,
      lastError: h.lastError,
      lastErrorAt: h.lastErrorAt,
      consecutiveFailures: h.consecutiveFailures,
      restored: h.restored,
    };
    this.repository.enqueue({ sourceId, poll, reading });
  }

  private cutoffs(): Record<string, number> {
    const now = this.options.now();
    return Object.fromEntries(Object.entries(this.options.sources).map(([id, spec]) => [id, now - spec.historyMs]));
  }

  private async runRestore(): Promise<RestoreOutcome> {
    const { logger, now, legacy } = this.options;
    this.polledDuringRestore.clear();
    let outcome: RestoreOutcome = 'none';
    try {
      const fromLegacy = legacy ? await this.importLegacy(legacy) : {};
      for (const [id, cutoff] of Object.entries(this.cutoffs())) {
        if (this.closed) break;
        const kept = (await this.repository.load(id, cutoff)) ?? fromLegacy[id];
        if (!kept) continue;
        outcome = 'restored';
        // a poll that came in while loading is newer than anything kept
        if (this.polledDuringRestore.has(id)) continue;
        this.view.importState({ version: 1, savedAt: now(), sources: { [id]: kept } }, now());
      }
      if (outcome === 'restored') logger.info('restored the last known state (shown stale until fresh polls arrive)');
    } catch (err) {
      outcome = 'failed';
      logger.error(`cannot restore the last known state: ${(err as Error).message}; starting empty`);
    }
    if (!this.closed) {
      this.retentionTimer = setInterval(() => void this.expireHistory(), this.options.retentionEveryMs ?? 60_000);
      this.retentionTimer.unref();
    }
    return outcome;
  }

  /**
   * The legacy state file, imported into the repository for the sources it does not hold yet (the
   * repository's data is newer), then retired. Returns what it read, so the view can show it even
   * when the repository cannot be written. A file that cannot be used is reported and skipped.
   */
  private async importLegacy(legacy: LegacyState): Promise<Record<string, KeptSource>> {
    const { logger } = this.options;
    let saved: Record<string, KeptSource> | null;
    try {
      saved = await legacy.read();
    } catch (err) {
      logger.warn(`${(err as Error).message}; not imported into the database`);
      return {};
    }
    if (!saved) return {};
    const fresh: Record<string, KeptSource> = {};
    for (const [id, source] of Object.entries(saved)) {
      if (id in this.options.sources && !(await this.repository.holds(id))) fresh[id] = source;
    }
    try {
      await this.repository.importSources(fresh);
      const retiredAs = await legacy.retire();
      const n = Object.keys(fresh).length;
      logger.info(`imported ${n} source${n === 1 ? '' : 's'} from ${legacy.file} into the database; the file is now ${retiredAs}`);
    } catch (err) {
      logger.error(`cannot import ${legacy.file} into the database: ${(err as Error).message}; it stays and is imported on the next start`);
    }
    return saved;
  }
}
