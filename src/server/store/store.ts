import type { MonitoringReading } from '../readings/monitoring.js';
import type { Reading } from '../readings/reading-kind.js';
import { BoundedSeries, type HistoryPoint } from './history.js';
import { type ExpectedArrival, judgeHealth, NEVER_POLLED, type PollRecord, type SourceHealth } from './source-health.js';
import {
  DEFAULT_STATE_CHANGE_RETENTION_MS,
  MAX_STATE_CHANGES_PER_SOURCE,
  NO_STATE_CHANGES,
  type StateChange,
  type StateChangeHistory,
  StateChangeLog,
  stateChangesBetween,
} from './state-changes.js';
import type { LiveStore } from './store-ports.js';

/** How often a source's data is due (for staleness), and how long its series history is kept. */
export type StoredSourceSpec = ExpectedArrival & {
  /** How long series history is kept. */
  historyMs: number;
};

/** The persisted form of the store: what a restart shows at once (marked stale). */
export interface StoreState {
  version: 1;
  savedAt: number;
  sources: Record<string, SavedSource>;
}

export interface SavedSource {
  poll: PollRecord;
  reading: Reading | null;
  history: Record<string, HistoryPoint[]>;
}

interface Entry {
  spec: StoredSourceSpec;
  /** A poll was recorded since this process started (restored data never replaces its results). */
  polled: boolean;
  poll: PollRecord;
  reading: Reading | null;
  series: Map<string, BoundedSeries>;
  /** Monitoring sources only: their checks' state changes, created with the first monitoring reading (or a restore). */
  stateChanges: StateChangeLog | null;
}

/** How long and how many state changes are kept in memory. */
export interface StateChangeLimits {
  /** Default 30 days. */
  retentionMs?: number;
  /** Per source, default MAX_STATE_CHANGES_PER_SOURCE. */
  maxPerSource?: number;
}

const MAX_POINTS_PER_SERIES = 50_000;

/**
 * Last reading and poll health per source, plus bounded history per series, in memory: the live view
 * tiles read. What is kept on disk is another port's (SourceRepository); `exportState` writes the
 * legacy store.json shape, which tests and benchmarks use to make one.
 */
export class MemoryStore implements LiveStore {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(sourceId: string) => void>();
  private restoring = false;
  private readonly stateChangeRetentionMs: number;
  private readonly maxStateChanges: number;

  constructor(specs: Record<string, StoredSourceSpec>, stateChangeLimits: StateChangeLimits = {}) {
    for (const [id, spec] of Object.entries(specs)) {
      this.entries.set(id, { spec, polled: false, poll: { ...NEVER_POLLED }, reading: null, series: new Map(), stateChanges: null });
    }
    this.stateChangeRetentionMs = stateChangeLimits.retentionMs ?? DEFAULT_STATE_CHANGE_RETENTION_MS;
    this.maxStateChanges = stateChangeLimits.maxPerSource ?? MAX_STATE_CHANGES_PER_SOURCE;
  }

  /**
   * Records a successful poll; returns the state changes it brought (monitoring readings: each check
   * whose state differs from the previous reading's, which may be one restored from disk), so a
   * durable store can keep them too.
   */
  recordSuccess(sourceId: string, reading: Reading): readonly StateChange[] {
    const entry = this.entry(sourceId);
    const previous = entry.reading;
    const changes = reading.type === 'monitoring' ? this.recordStateChanges(sourceId, entry, previous, reading) : [];
    entry.polled = true;
    entry.reading = reading;
    entry.poll = {
      ...entry.poll,
      state: 'ok',
      lastSuccessAt: reading.at,
      lastAttemptAt: reading.at,
      consecutiveFailures: 0,
      restored: false,
    };
    if (reading.type === 'metrics') {
      for (const sample of reading.samples) this.series(entry, sample.series).append([reading.at, sample.value]);
      // series that vanished (a removed disk, a container's veth) age out instead of piling up
      if (entry.series.size > reading.samples.length) this.expireSeries(entry, reading.at);
    }
    this.notify(sourceId);
    return changes;
  }

  recordFailure(sourceId: string, message: string, at: number): void {
    const entry = this.entry(sourceId);
    entry.polled = true;
    entry.poll = {
      ...entry.poll,
      state: 'error',
      lastAttemptAt: at,
      lastError: message,
      lastErrorAt: at,
      consecutiveFailures: entry.poll.consecutiveFailures + 1,
    };
    this.notify(sourceId);
  }

  reading(sourceId: string): Reading | null {
    return this.entries.get(sourceId)?.reading ?? null;
  }

  health(sourceId: string, now: number): SourceHealth {
    const entry = this.entry(sourceId);
    return judgeHealth(entry.poll, entry.spec, now, this.restoring);
  }

  history(sourceId: string, series: string): readonly HistoryPoint[] {
    return this.entries.get(sourceId)?.series.get(series)?.values() ?? [];
  }

  stateChanges(sourceId: string, since: number): StateChangeHistory {
    return this.entries.get(sourceId)?.stateChanges?.since(since) ?? NO_STATE_CHANGES;
  }

  /**
   * Called after every recorded poll, with the source id (not for a restore: what it loads reaches
   * displays through the change of staleness reason, which live updates re-judge every second).
   * Returns an unsubscribe function.
   */
  subscribe(listener: (sourceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  exportState(now: number): StoreState {
    const sources: StoreState['sources'] = {};
    for (const [id, entry] of this.entries) {
      this.expireSeries(entry, now);
      const history: Record<string, HistoryPoint[]> = {};
      for (const [name, series] of entry.series) history[name] = [...series.values()];
      sources[id] = { poll: entry.poll, reading: entry.reading, history };
    }
    return { version: 1, savedAt: now, sources };
  }

  /**
   * Start-up: the saved state is loading while the server already serves and polls. Until endRestore,
   * sources not polled yet say so (instead of "waiting for the first poll").
   */
  beginRestore(): void {
    this.restoring = true;
  }

  /** The restore is over: sources not polled yet say they were restored, or that they wait for a poll. */
  endRestore(): void {
    this.restoring = false;
  }

  /**
   * Loads a kept source; history older than the source's limit at `now` is left behind. May be called
   * more than once per source, each time with the same poll record and reading and more of its series,
   * so a big history loads in slices. A source polled since the start keeps what the poll brought
   * (newer than anything kept) and gains the kept history before it; one whose polls only failed so far
   * shows the kept reading, stale with that error. Sources no longer configured are dropped; what is
   * restored is marked so until a poll succeeds.
   */
  importSource(sourceId: string, saved: SavedSource, now: number): void {
    const entry = this.entries.get(sourceId);
    if (!entry) return;
    if (!entry.polled) {
      entry.reading = saved.reading;
      entry.poll = { ...NEVER_POLLED, ...saved.poll, restored: saved.reading !== null, state: saved.reading ? 'ok' : 'pending' };
    } else if (entry.reading === null && saved.reading !== null) {
      // the polls since the start all failed: the last known data beats a blank tile; the error stays the reason
      entry.reading = saved.reading;
      entry.poll = { ...entry.poll, lastSuccessAt: saved.poll.lastSuccessAt };
    }
    for (const [name, points] of Object.entries(saved.history)) {
      const series = this.series(entry, name);
      const live = series.values();
      const firstLive = live[0]?.[0];
      series.load(firstLive === undefined ? points : [...points.filter(([t]) => t < firstLive), ...live], now);
    }
    this.expireSeries(entry, now);
  }

  /** Loads a monitoring source's kept state changes (restore); changes recorded since the start stay. */
  importStateChanges(sourceId: string, kept: StateChangeHistory, now: number): void {
    const entry = this.entries.get(sourceId);
    if (!entry || (kept.knownSince === null && kept.changes.length === 0)) return;
    this.stateChangeLog(entry).load(kept, now);
  }

  /** importSource for every source in `state`. */
  importState(state: StoreState, now: number): void {
    for (const [id, saved] of Object.entries(state.sources)) this.importSource(id, saved, now);
  }

  private entry(sourceId: string): Entry {
    const entry = this.entries.get(sourceId);
    if (!entry) throw new Error(`unknown source "${sourceId}"`);
    return entry;
  }

  private recordStateChanges(sourceId: string, entry: Entry, previous: Reading | null, reading: MonitoringReading): StateChange[] {
    const log = this.stateChangeLog(entry);
    if (previous?.type !== 'monitoring') {
      // the first reading known: tracking starts here, there is nothing to compare with
      log.record([], reading.at, reading.at);
      return [];
    }
    const changes = stateChangesBetween(sourceId, previous, reading);
    log.record(changes, previous.at, reading.at);
    return changes;
  }

  private stateChangeLog(entry: Entry): StateChangeLog {
    entry.stateChanges ??= new StateChangeLog(this.stateChangeRetentionMs, this.maxStateChanges);
    return entry.stateChanges;
  }

  private series(entry: Entry, name: string): BoundedSeries {
    let series = entry.series.get(name);
    if (!series) {
      const { spec } = entry;
      // pushes may come at any rate (expectEvery is the longest gap, not the step): the cap alone bounds them
      const maxPoints = spec.arrives === 'pushed' ? MAX_POINTS_PER_SERIES : Math.min(MAX_POINTS_PER_SERIES, Math.ceil(spec.historyMs / spec.intervalMs) + 10);
      series = new BoundedSeries(maxPoints, entry.spec.historyMs);
      entry.series.set(name, series);
    }
    return series;
  }

  private expireSeries(entry: Entry, now: number): void {
    for (const [name, series] of entry.series) {
      series.expire(now);
      if (series.size === 0) entry.series.delete(name);
    }
  }

  private notify(sourceId: string): void {
    for (const listener of this.listeners) listener(sourceId);
  }
}
