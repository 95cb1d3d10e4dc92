import type { Reading } from '../readings/reading-kind.js';
import type { HistoryPoint } from './history.js';
import type { PollRecord, SourceHealth } from './source-health.js';
import type { PersistenceStatus } from './persistence-status.js';
import type { StateChange, StateChangeHistory } from './state-changes.js';

/**
 * What the scheduler records and what tiles, live updates and /healthz read. Synchronous and in
 * memory on purpose: a poll's fan-out to every board never waits on a disk. MemoryStore and
 * SqliteStore both implement it; a Redis-backed store for several instances would too.
 */
export interface LiveStore {
  recordSuccess(sourceId: string, reading: Reading): void;
  recordFailure(sourceId: string, message: string, at: number): void;
  reading(sourceId: string): Reading | null;
  health(sourceId: string, now: number): SourceHealth;
  history(sourceId: string, series: string): readonly HistoryPoint[];
  /**
   * A monitoring source's check state changes at or after `since` (epoch ms), oldest first, and since
   * when they are known: each recorded reading is compared with the one before it (after a restart,
   * the restored one). Kept 30 days by default, across restarts by a durable store.
   */
  stateChanges(sourceId: string, since: number): StateChangeHistory;
  /** Called after every recorded poll, with the source id. Returns an unsubscribe function. */
  subscribe(listener: (sourceId: string) => void): () => void;
}

/** What one recorded poll adds to what is kept: the poll record, and after a success the new reading. */
export interface PollChange {
  sourceId: string;
  poll: PollRecord;
  /** The new last reading; its metric samples become history points. null after a failed poll. */
  reading: Reading | null;
  /** Monitoring readings: the state changes it brought, and since when its source's changes are known. */
  stateChanges?: { knownSince: number; changes: readonly StateChange[] };
}

/** One source as kept: what a restart shows at once (marked restored and stale until a fresh poll). */
export interface KeptSource {
  poll: PollRecord;
  reading: Reading | null;
  /** Per series, points in time order. */
  history: Record<string, HistoryPoint[]>;
}

/** Whether what the store records reaches the durable copy; /healthz shows it. */
export interface PersistenceHealth {
  /** False from a failed write until the next write that succeeds (or while the database cannot be opened). */
  saving: boolean;
  lastError: string | null;
  lastErrorAt: number | null;
  lastSavedAt: number | null;
  /** Failed writes since the last one that succeeded. */
  consecutiveFailures: number;
  /** Recorded polls not yet written (waiting for the next group commit, or kept for a retry after a failure). */
  pendingPolls: number;
}

/**
 * The durable copy of what polls recorded (SQLite here; Redis for the scale-out variant). Writes are
 * queued and committed in groups off the fan-out's path; a write that fails keeps the queue (bounded)
 * for the next attempt and shows in `persistence`, and never throws at the caller.
 */
export interface SourceRepository {
  /** Where state is kept (a file, a URL without credentials), for /healthz and the log. */
  readonly location: string;
  /**
   * Hands what is kept for a source to `onPart`, history no older than `cutoff` (epoch ms), a few
   * series at a time (each part with the same poll record and reading); resolves false when nothing
   * is kept. Read in steps that yield to the event loop, so a big history never stalls the displays.
   */
  load(sourceId: string, cutoff: number, onPart: (part: KeptSource) => void): Promise<boolean>;
  /** A source's kept state changes at or after `since`, read in steps that yield; null when none are kept. */
  loadStateChanges(sourceId: string, since: number): Promise<StateChangeHistory | null>;
  /** True when the repository holds anything about this source (a legacy import must not overwrite it). */
  holds(sourceId: string): Promise<boolean>;
  /** Writes whole sources at once (one transaction), e.g. the legacy store.json on first start. */
  importSources(sources: Readonly<Record<string, KeptSource>>): Promise<void>;
  /** Queues one poll's additions for the next group commit. */
  enqueue(change: PollChange): void;
  /** Commits what is queued now; resolves when it is durable or has failed (see `persistence`). */
  flush(): Promise<void>;
  /**
   * Forgets history older than each configured source's cutoff, and everything about sources that
   * are no longer configured. Done in small steps so it never holds the event loop for long.
   */
  expire(cutoffs: Readonly<Record<string, number>>): Promise<void>;
  /** Forgets state changes older than `before` (epoch ms), in small steps like `expire`. */
  expireStateChanges(before: number): Promise<void>;
  persistence(): PersistenceHealth;
  close(): Promise<void>;
}

/** An event to append: pushed by a client (deploys, metrics, notes) or derived (state changes). */
export interface NewEvent {
  source: string;
  kind: string;
  /** When it happened, epoch ms (as the sender says). */
  at: number;
  /** The event's JSON payload, validated by its kind's schema before it gets here. */
  body: unknown;
  /** A retried append with the same key for the same source is stored once. */
  key?: string | null;
}

export interface StoredEvent {
  /** Increasing in append order. */
  id: number;
  source: string;
  kind: string;
  at: number;
  body: unknown;
  key: string | null;
  /** When the store accepted it, epoch ms. */
  receivedAt: number;
}

export interface AppendedEvent {
  event: StoredEvent;
  /** True when the key had been appended before: `event` is the one stored then. */
  duplicate: boolean;
}

export interface EventQuery {
  source?: string;
  kind?: string;
  /** Events that happened at or after this time (epoch ms). */
  since?: number;
  /** Events appended after this id (for paging and tailing). */
  afterId?: number;
  /** At most this many, oldest first; 1,000 when not given. */
  limit?: number;
}

/**
 * The append-only event log. `append` resolves only once the events are durably committed (a push
 * API answers 202 then, never before), and rejects when they could not be stored.
 */
export interface EventLog {
  append(events: readonly NewEvent[]): Promise<AppendedEvent[]>;
  events(query: EventQuery): Promise<StoredEvent[]>;
}

/**
 * The store a server runs on (createServer's `store` dep): what tiles read, the event log, and its
 * life cycle. SqliteStore with a data directory, InMemoryServerStore without; a Redis-backed store
 * for several instances implements the same.
 */
export interface ServerStore extends LiveStore, EventLog {
  /** Loads what was kept; the server already serves meanwhile. Never rejects. */
  restore(): Promise<unknown>;
  /** What /healthz says under `persistence`. */
  persistenceStatus(): PersistenceStatus;
  /** Writes what is queued and releases files; the server calls it last. */
  close(): Promise<void>;
}
