import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import type { Reading } from '../readings/reading-kind.js';
import { readingSchema } from '../readings/registry.js';
import type { HistoryPoint } from './history.js';
import type { PollRecord } from './source-health.js';
import { Checkpointer } from './sqlite-checkpointer.js';
import { openStoreDatabase } from './sqlite-connection.js';
import { readStoredEvents, storedEvent } from './sqlite-event-rows.js';
import { POINTS_PER_INSERT, prepareStatements, type EventRow, type PollRow, type Statements } from './sqlite-statements.js';
import { WalSync, type SyncFile } from './sqlite-wal-sync.js';
import { checkState, MAX_STATE_CHANGES_PER_SOURCE, type StateChange, type StateChangeHistory } from './state-changes.js';
import type {
  AppendedEvent,
  EventLog,
  EventQuery,
  KeptSource,
  NewEvent,
  PersistenceHealth,
  PollChange,
  SourceRepository,
  StoredEvent,
} from './store-ports.js';

export interface SqliteRepositoryOptions {
  /** The database file, e.g. DATA/radiator.db. */
  file: string;
  now: () => number;
  logger: Logger;
  /** While writes fail, queued polls are kept for a retry up to this many history points; older ones are dropped. */
  maxPendingPoints?: number;
  /** How long a write waits for another connection's lock before it counts as failed. */
  busyTimeoutMs?: number;
  /** While writes fail, how often they are retried when no new poll comes to trigger it. */
  retryEveryMs?: number;
  /** How the WAL is flushed to the disk before appended events are answered (fdatasync; tests watch it). */
  syncFile?: SyncFile;
  /** Groups of appends start at least this far apart (default MIN_GROUP_GAP_MS). */
  minGroupGapMs?: number;
}

interface PendingAppend {
  events: readonly NewEvent[];
  resolve: (appended: AppendedEvent[]) => void;
  reject: (err: Error) => void;
}

/** Rows deleted per statement by retention, so one step never holds the event loop for long. */
const DELETE_CHUNK = 1_000;
/** While writes fail, at most this many polls wait for the retry (failed polls carry no points but add up over days). */
const MAX_PENDING_POLLS = 10_000;
/** Events committed whose sync failed, remembered until a retry is answered (beyond this, the oldest are forgotten). */
const MAX_UNANSWERED_EVENTS = 100_000;
/** History rows read per step at start-up, for the same reason. */
const LOAD_PAGE = 5_000;
/** Poll commits between two checkpoints in the worker (a few hundred WAL pages). */
const COMMITS_PER_CHECKPOINT = 10;
/**
 * And at most this often (real time): pushes commit hundreds of groups a second, mostly rewriting
 * the same few pages, which a checkpoint a second copies once instead of once per ten commits.
 */
const MIN_CHECKPOINT_GAP_MS = 1_000;
/**
 * A group of appends starts at most this often: when the disk syncs in half a millisecond, groups
 * of one or two events would each cost a transaction, their WAL pages and a sync; a few milliseconds
 * more make groups of ten at 2,000 events a second. An append after a quiet spell goes at once.
 */
export const MIN_GROUP_GAP_MS = 4;
/** WAL pages after which the writing connection checkpoints itself (only if the worker cannot). */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;
/** Series handed over per part at start-up. */
const SERIES_PER_PART = 100;

/**
 * The SQLite durable copy (DATA/radiator.db): last reading, poll record and history per source, and
 * the append-only event log. Polls queue their additions; the queue is committed in one transaction
 * on the next turn of the event loop (a group commit: the polls of one turn share it), so the fan-out
 * to displays never waits on the disk. A failed write keeps the queue for a retry and reports itself
 * in `persistence()`; nothing here throws at a caller that records a poll.
 */
export class SqliteRepository implements SourceRepository, EventLog {
  readonly file: string;
  readonly location: string;
  private db: Database.Database | null = null;
  private checkpointer: Checkpointer | null = null;
  private commitsSinceCheckpoint = 0;
  private checkpointRequestedAt = Number.NEGATIVE_INFINITY;
  private statements: Statements | null = null;
  private pending: PollChange[] = [];
  private pendingPoints = 0;
  private appends: PendingAppend[] = [];
  private readonly walSync: WalSync;
  /** The sync the last group of appends waits for; appends (and polls) that come meanwhile gather for the next group. */
  private syncing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private groupStartedAt = Number.NEGATIVE_INFINITY;
  private groupTimer: NodeJS.Timeout | null = null;
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly health: Omit<PersistenceHealth, 'pendingPolls'> = { saving: true, lastError: null, lastErrorAt: null, lastSavedAt: null, consecutiveFailures: 0 };
  private droppedPoints = 0;
  private readonly sourceIds = new Map<string, number>();
  private readonly seriesIds = new Map<number, Map<string, number>>();
  /** Ids cached during the running transaction: forgotten if it rolls back, since those rows are gone. */
  private createdInTransaction: (() => void)[] = [];
  /** Newest point written per series id: later points only (as in memory), and what retention may forget. */
  private readonly seriesLastAt = new Map<number, number>();
  /**
   * Ids of events that were committed but refused, since the WAL sync after their commit failed: the
   * sender was told they are not stored and retries with the same key. That retry finds the row, yet
   * nobody was ever answered for it, so it counts as new (and its source folds it), not as a repeat.
   */
  private readonly unanswered = new Set<number>();
  private readonly eventQueries = new Map<string, Database.Statement<(string | number)[], EventRow>>();
  private readonly maxPendingPoints: number;
  private readonly busyTimeoutMs: number;
  private readonly retryEveryMs: number;

  constructor(private readonly options: SqliteRepositoryOptions) {
    this.file = options.file;
    this.location = options.file;
    this.maxPendingPoints = options.maxPendingPoints ?? 1_000_000;
    this.busyTimeoutMs = options.busyTimeoutMs ?? 20;
    this.retryEveryMs = options.retryEveryMs ?? 5_000;
    this.walSync = new WalSync(`${options.file}-wal`, options.syncFile);
  }

  persistence(): PersistenceHealth {
    return { ...this.health, pendingPolls: this.pending.length };
  }

  async load(name: string, cutoff: number, onPart: (part: KeptSource) => void): Promise<boolean> {
    const st = this.open();
    if (!st) return false;
    try {
      const sourceId = st.sourceId.get(name)?.id;
      if (sourceId === undefined) return false;
      this.sourceIds.set(name, sourceId);
      const poll = st.poll.get(sourceId);
      const reading = st.reading.get(sourceId);
      const names = new Map<number, string>();
      const ids = this.seriesIds.get(sourceId) ?? new Map<string, number>();
      this.seriesIds.set(sourceId, ids);
      for (const s of st.seriesOfSource.all(sourceId)) {
        names.set(s.id, s.name);
        ids.set(s.name, s.id);
        // no point since the cutoff unless one is read below: retention may forget the series
        if (!this.seriesLastAt.has(s.id)) this.seriesLastAt.set(s.id, Number.NEGATIVE_INFINITY);
      }
      // rows come in time order; per series they are gathered as plain number columns (8 bytes a value,
      // no object per point) and turned into points only when handed over, a few series at a time
      const columns = new Map<number, { at: number[]; value: number[] }>();
      let after: [at: number, rowid: number] = [cutoff, -1];
      for (;;) {
        const page = st.pointsAfter.all(sourceId, after[0], after[1], LOAD_PAGE);
        for (const [, seriesId, at, value] of page) {
          if (!names.has(seriesId)) continue;
          let column = columns.get(seriesId);
          if (!column) columns.set(seriesId, (column = { at: [], value: [] }));
          column.at.push(at);
          column.value.push(value ?? Number.NaN); // SQLite keeps no NaN, so NaN can stand for null here
          if (at > (this.seriesLastAt.get(seriesId) ?? Number.NEGATIVE_INFINITY)) this.seriesLastAt.set(seriesId, at);
        }
        const last = page[page.length - 1];
        if (!last || page.length < LOAD_PAGE) break;
        after = [last[2], last[0]];
        await nextTurn(); // polls and socket delivery go on while a big history loads
        if (this.closed) return false;
      }
      const kept = { poll: poll ? pollRecord(poll) : neverPolled(), reading: reading ? parseReading(reading.body) : null };
      let history: Record<string, HistoryPoint[]> = {};
      let inPart = 0;
      const seriesCount = columns.size;
      for (const [seriesId, column] of columns) {
        history[names.get(seriesId)!] = column.at.map((at, k): HistoryPoint => [at, Number.isNaN(column.value[k]!) ? null : column.value[k]!]);
        columns.delete(seriesId);
        if (++inPart < SERIES_PER_PART) continue;
        onPart({ ...kept, history });
        history = {};
        inPart = 0;
        await nextTurn();
        if (this.closed) return false;
      }
      // the last few series, or the poll record and reading alone for a source without history
      if (inPart > 0 || seriesCount === 0) onPart({ ...kept, history });
      return true;
    } catch (err) {
      this.failed(err);
      return false;
    }
  }

  async holds(sourceId: string): Promise<boolean> {
    const st = this.open();
    return st ? st.sourceId.get(sourceId) !== undefined : false;
  }

  async importSources(sources: Readonly<Record<string, KeptSource>>): Promise<void> {
    const st = this.open();
    if (!st || !this.db) throw new Error(this.health.lastError ?? `cannot open ${this.file}`);
    const lastAt = new Map<number, number>();
    try {
      this.db.transaction(() => {
        const points = new PointBatch(st);
        for (const [name, source] of Object.entries(sources)) {
          const sourceId = this.sourceRowId(st, name);
          if (source.reading) st.upsertReading.run(sourceId, source.reading.at, JSON.stringify(source.reading));
          writePoll(st, sourceId, source.poll);
          if (source.poll.lastSuccessAt !== null) st.fillLastSuccess.run(source.poll.lastSuccessAt, sourceId);
          for (const [series, history] of Object.entries(source.history)) {
            const seriesId = this.seriesRowId(st, sourceId, series);
            // imported history is older than what polls of this process may have written already: no order guard
            for (const [at, value] of history) {
              points.add(sourceId, seriesId, at, value);
              if (at > (lastAt.get(seriesId) ?? this.seriesLastAt.get(seriesId) ?? Number.NEGATIVE_INFINITY)) lastAt.set(seriesId, at);
            }
          }
        }
        points.finish();
      }).immediate();
    } catch (err) {
      this.failed(err);
      throw err;
    }
    for (const [id, at] of lastAt) this.seriesLastAt.set(id, at);
    this.saved();
  }

  enqueue(change: PollChange): void {
    if (this.closed) return;
    this.pending.push(change);
    this.pendingPoints += pointCount(change);
    this.scheduleFlush();
  }

  async flush(): Promise<void> {
    await this.syncing;
    this.flushNow(true);
  }

  append(events: readonly NewEvent[]): Promise<AppendedEvent[]> {
    const problem = events.map(eventProblem).find((p) => p !== null);
    if (problem) return Promise.reject(new Error(problem));
    if (this.closed) return Promise.reject(new Error(`the store ${this.file} is closed`));
    return new Promise((resolve, reject) => {
      this.appends.push({ events, resolve, reject });
      this.scheduleFlush();
    });
  }

  async events(query: EventQuery): Promise<StoredEvent[]> {
    const st = this.open();
    if (!st || !this.db) throw new Error(this.health.lastError ?? `cannot open ${this.file}`);
    return readStoredEvents(this.db, this.eventQueries, query);
  }

  async loadStateChanges(name: string, since: number): Promise<StateChangeHistory | null> {
    const st = this.open();
    if (!st) return null;
    const sourceId = st.sourceId.get(name)?.id;
    const known = sourceId === undefined ? undefined : st.stateChangesKnownSince.get(sourceId);
    if (sourceId === undefined || known === undefined) return null;
    let knownSince = Math.max(known.known_since, since);
    let changes: StateChange[] = [];
    let after: [at: number, rowid: number] = [since, -1];
    for (;;) {
      const page = st.stateChangesAfter.all(sourceId, after[0], after[1], LOAD_PAGE);
      for (const [, host, service, from, to, at] of page) {
        changes.push({ source: name, host, service, from: checkState(from), to: checkState(to), at });
      }
      // memory keeps the newest only; what it cannot hold is no longer known
      if (changes.length > 2 * MAX_STATE_CHANGES_PER_SOURCE) {
        const dropped = changes.length - MAX_STATE_CHANGES_PER_SOURCE;
        knownSince = Math.max(knownSince, changes[dropped - 1]!.at);
        changes = changes.slice(dropped);
      }
      const last = page[page.length - 1];
      if (!last || page.length < LOAD_PAGE) break;
      after = [last[5], last[0]];
      await nextTurn();
      if (this.closed) return null;
    }
    return { knownSince, changes };
  }

  async expire(cutoffs: Readonly<Record<string, number>>): Promise<void> {
    const st = this.open();
    if (!st) return;
    try {
      for (const { id, name } of st.allSources.all()) {
        const cutoff = cutoffs[name];
        if (cutoff === undefined) await this.forgetSource(st, id, name);
        else await this.forgetBefore(st, id, cutoff);
        if (this.closed) return;
      }
      this.checkpointer?.request(); // the deletes' pages, off the event loop too
    } catch (err) {
      if (!this.closed) this.failed(err);
    }
  }

  async expireStateChanges(before: number): Promise<void> {
    const st = this.open();
    if (!st) return;
    try {
      for (const { id } of st.allSources.all()) {
        while (st.deleteOldStateChanges.run(id, before, DELETE_CHUNK).changes === DELETE_CHUNK) {
          await nextTurn();
          if (this.closed) return;
        }
        st.forgetStateChangesBefore.run(before, id);
      }
    } catch (err) {
      if (!this.closed) this.failed(err);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    await this.syncing; // then what gathered meanwhile is committed, and answered once its own sync is done
    this.flushNow(true);
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.groupTimer) clearTimeout(this.groupTimer);
    for (const append of this.appends.splice(0)) append.reject(new Error(`the store ${this.file} is closed`));
    await this.walSync.close();
    // the checkpointer's connection first: the last connection to close checkpoints and removes the WAL
    await this.checkpointer?.close();
    this.checkpointer = null;
    this.db?.close();
    this.db = null;
    this.statements = null;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // the polls and appends of this turn share one commit, after the fan-out that recorded them
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushNow();
    });
  }

  /** `now`: without waiting for the group gap (flush, close). */
  private flushNow(now = false): void {
    if (this.closed) return;
    if (this.appends.length > 0) {
      // the group commit: while a group's sync runs, what comes gathers, and is committed in one
      // transaction when it ends (so a slow disk makes bigger groups, not more transactions), and
      // groups start at least MIN_GROUP_GAP_MS apart; polls recorded meanwhile go with the group
      if (this.syncing) return;
      const wait = this.groupStartedAt + (this.options.minGroupGapMs ?? MIN_GROUP_GAP_MS) - performance.now();
      if (wait > 0 && !now) {
        this.groupTimer ??= setTimeout(() => {
          this.groupTimer = null;
          this.flushNow();
        }, wait);
        return;
      }
      this.groupStartedAt = performance.now();
      this.commitAppends();
    }
    if (this.pending.length > 0) this.commitPolls();
  }

  private commitPolls(): void {
    const st = this.open();
    if (!st || !this.db) {
      this.keepForRetry();
      return;
    }
    const changes = this.pending;
    const lastAt = new Map<number, number>();
    try {
      this.db.transaction(() => {
        // a reading and a poll record replace the previous ones: only the last of each source is written
        const lastReading = new Map<string, Reading>();
        const lastPoll = new Map<string, PollRecord>();
        const points = new PointBatch(st);
        for (const change of changes) {
          lastPoll.set(change.sourceId, change.poll);
          if (change.stateChanges) this.writeStateChanges(st, this.sourceRowId(st, change.sourceId), change.stateChanges);
          if (!change.reading) continue;
          lastReading.set(change.sourceId, change.reading);
          if (change.reading.type !== 'metrics') continue;
          const sourceId = this.sourceRowId(st, change.sourceId);
          for (const sample of change.reading.samples) {
            this.addPoint(points, sourceId, this.seriesRowId(st, sourceId, sample.series), change.reading.at, sample.value, lastAt);
          }
        }
        points.finish();
        for (const [name, reading] of lastReading) {
          const body = readingJson(reading);
          if (body === null) this.options.logger.error(`cannot save the reading of "${name}": it is not JSON-serializable`);
          else st.upsertReading.run(this.sourceRowId(st, name), reading.at, body);
        }
        for (const [name, poll] of lastPoll) writePoll(st, this.sourceRowId(st, name), poll);
      }).immediate();
    } catch (err) {
      this.failed(err);
      this.keepForRetry();
      return;
    }
    for (const [id, at] of lastAt) this.seriesLastAt.set(id, at);
    this.pending = [];
    this.pendingPoints = 0;
    this.saved();
    if (++this.commitsSinceCheckpoint < COMMITS_PER_CHECKPOINT || performance.now() - this.checkpointRequestedAt < MIN_CHECKPOINT_GAP_MS) return;
    if (this.checkpointer?.request()) {
      this.commitsSinceCheckpoint = 0;
      this.checkpointRequestedAt = performance.now();
    }
  }

  private commitAppends(): void {
    const batch = this.appends.splice(0);
    const st = this.open();
    if (!st || !this.db) {
      const reason = new Error(`events not stored: ${this.health.lastError ?? `cannot open ${this.file}`}`);
      for (const append of batch) append.reject(reason);
      return;
    }
    const receivedAt = this.options.now();
    let results: AppendedEvent[][];
    try {
      const claimed = new Set<number>();
      results = this.db.transaction(() => batch.map((append) => append.events.map((event) => this.insertEvent(st, event, receivedAt, claimed)))).immediate();
      for (const id of claimed) this.unanswered.delete(id);
    } catch (err) {
      this.failed(err);
      const reason = new Error(`events not stored: ${(err as Error).message}`);
      for (const append of batch) append.reject(reason);
      return;
    }
    this.saved();
    // an accepted event must survive power loss, not only the process: answered once the WAL is on the disk
    const group = this.walSync.durable().then(
      () => batch.forEach((append, i) => append.resolve(results[i]!)),
      (err: Error) => {
        this.failed(err);
        for (const { event, duplicate } of results.flat()) if (!duplicate) this.rememberUnanswered(event.id);
        // committed but maybe not on the disk: the sender retries with the same keys, which count once
        const reason = new Error(`events not stored durably: cannot sync ${this.file}-wal to the disk (${err.message})`);
        for (const append of batch) append.reject(reason);
      },
    );
    this.syncing = group;
    void group.finally(() => {
      if (this.syncing === group) this.syncing = null;
      if (this.appends.length > 0 || this.pending.length > 0) this.scheduleFlush();
    });
  }

  /** `claimed`: the unanswered events this transaction answers, each once. */
  private insertEvent(st: Statements, event: NewEvent, receivedAt: number, claimed: Set<number>): AppendedEvent {
    const key = event.key ?? null;
    const result = st.insertEvent.run(event.source, event.kind, event.at, receivedAt, JSON.stringify(event.body), key);
    if (result.changes === 1) return { event: storedEvent(st.eventById.get(Number(result.lastInsertRowid))!), duplicate: false };
    // only the (source, key) uniqueness can make the insert do nothing, so a key is there
    const stored = storedEvent(st.eventByKey.get(event.source, key!)!);
    // answered now for the first time (forgotten once committed; if this sync fails too, remembered again)
    const firstAnswer = this.unanswered.has(stored.id) && !claimed.has(stored.id);
    if (firstAnswer) claimed.add(stored.id);
    return { event: stored, duplicate: !firstAnswer };
  }

  private rememberUnanswered(id: number): void {
    this.unanswered.add(id);
    if (this.unanswered.size > MAX_UNANSWERED_EVENTS) this.unanswered.delete(this.unanswered.values().next().value!);
  }

  private writeStateChanges(st: Statements, sourceId: number, kept: NonNullable<PollChange['stateChanges']>): void {
    st.upsertStateChangesKnownSince.run(sourceId, kept.knownSince);
    for (const c of kept.changes) st.insertStateChange.run(sourceId, c.host, c.service, c.from, c.to, c.at);
  }

  private addPoint(points: PointBatch, sourceId: number, seriesId: number, at: number, value: number | null, lastAt: Map<number, number>): void {
    const newest = lastAt.get(seriesId) ?? this.seriesLastAt.get(seriesId) ?? Number.NEGATIVE_INFINITY;
    if (at < newest) return; // out of order (clock stepped back): memory ignores it too
    points.add(sourceId, seriesId, at, value);
    lastAt.set(seriesId, at);
  }

  private sourceRowId(st: Statements, name: string): number {
    let id = this.sourceIds.get(name);
    if (id === undefined) {
      id = st.sourceId.get(name)?.id ?? Number(st.insertSource.run(name).lastInsertRowid);
      this.sourceIds.set(name, id);
      this.createdInTransaction.push(() => this.sourceIds.delete(name));
    }
    return id;
  }

  private seriesRowId(st: Statements, sourceId: number, name: string): number {
    let ids = this.seriesIds.get(sourceId);
    if (!ids) this.seriesIds.set(sourceId, (ids = new Map()));
    let id = ids.get(name);
    if (id === undefined) {
      id = st.seriesId.get(sourceId, name)?.id ?? Number(st.insertSeries.run(sourceId, name).lastInsertRowid);
      ids.set(name, id);
      const cached = ids;
      this.createdInTransaction.push(() => cached.delete(name));
    }
    return id;
  }

  private async forgetBefore(st: Statements, sourceId: number, cutoff: number): Promise<void> {
    while (st.deleteOldPoints.run(sourceId, cutoff, DELETE_CHUNK).changes === DELETE_CHUNK) {
      await nextTurn();
      if (this.closed) return;
    }
    // series whose newest point is gone stopped reporting (a removed disk, a container's veth)
    const ids = this.seriesIds.get(sourceId);
    for (const [name, id] of ids ?? []) {
      if ((this.seriesLastAt.get(id) ?? Number.POSITIVE_INFINITY) >= cutoff) continue;
      st.deleteSeries.run(id);
      ids!.delete(name);
      this.seriesLastAt.delete(id);
    }
  }

  /** A source no longer configured: its rows go, as the state file dropped it on the next save. */
  private async forgetSource(st: Statements, sourceId: number, name: string): Promise<void> {
    for (const chunk of [st.deleteSourcePoints, st.deleteSourceStateChanges]) {
      while (chunk.run(sourceId, DELETE_CHUNK).changes === DELETE_CHUNK) {
        await nextTurn();
        if (this.closed) return;
      }
    }
    this.db!.transaction(() => {
      for (const statement of st.deleteSourceRows) statement.run(sourceId);
    })();
    for (const id of this.seriesIds.get(sourceId)?.values() ?? []) this.seriesLastAt.delete(id);
    this.seriesIds.delete(sourceId);
    this.sourceIds.delete(name);
  }

  /** The prepared statements of an open database, opening it first if needed; null (reported) when it cannot be opened. */
  private open(): Statements | null {
    if (this.statements) return this.statements;
    if (this.closed) return null;
    try {
      const { db, schema } = openStoreDatabase(this.file, this.busyTimeoutMs);
      this.db = db;
      this.statements = prepareStatements(db);
      // checkpoints run in a worker; the writer's own stays only as a backstop should the worker be gone
      db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      this.checkpointer = new Checkpointer(this.file);
      if (schema.from !== schema.to) this.options.logger.info(`${this.file}: schema version ${schema.from} → ${schema.to}`);
      return this.statements;
    } catch (err) {
      this.failed(err);
      return null;
    }
  }

  private keepForRetry(): void {
    // bounded: the oldest polls go first; their readings and records are superseded by later ones anyway
    while ((this.pendingPoints > this.maxPendingPoints || this.pending.length > MAX_PENDING_POLLS) && this.pending.length > 1) {
      const dropped = this.pending.shift()!;
      const points = pointCount(dropped);
      this.pendingPoints -= points;
      this.droppedPoints += points;
    }
    if (!this.retryTimer && !this.closed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.flushNow();
      }, this.retryEveryMs);
      this.retryTimer.unref();
    }
  }

  private failed(err: unknown): void {
    const message = `cannot save state to ${this.file}: ${err instanceof Error ? err.message : String(err)}`;
    if (this.health.saving || message !== this.health.lastError) {
      this.options.logger.error(`${message}; the board keeps serving from memory and retries`);
    }
    Object.assign(this.health, { saving: false, lastError: message, lastErrorAt: this.options.now(), consecutiveFailures: this.health.consecutiveFailures + 1 });
    for (const forget of this.createdInTransaction.splice(0)) forget();
  }

  private saved(): void {
    this.createdInTransaction = [];
    if (!this.health.saving) {
      const lost = this.droppedPoints > 0 ? ` (${this.droppedPoints} history points recorded meanwhile were dropped)` : '';
      this.options.logger.info(`saving state to ${this.file} again${lost}`);
      this.droppedPoints = 0;
    }
    this.health.saving = true;
    this.health.consecutiveFailures = 0;
    this.health.lastSavedAt = this.options.now();
  }
}

/** History points of one transaction, inserted POINTS_PER_INSERT rows per statement. */
class PointBatch {
  private readonly params: (number | null)[] = [];

  constructor(private readonly st: Statements) {}

  add(sourceId: number, seriesId: number, at: number, value: number | null): void {
    this.params.push(sourceId, seriesId, at, value);
    if (this.params.length === 4 * POINTS_PER_INSERT) {
      this.st.insertPoints.run(...this.params);
      this.params.length = 0;
    }
  }

  finish(): void {
    const p = this.params;
    for (let i = 0; i < p.length; i += 4) this.st.insertPoint.run(p[i]!, p[i + 1]!, p[i + 2]!, p[i + 3] ?? null);
    p.length = 0;
  }
}

function pointCount(change: PollChange): number {
  return change.reading?.type === 'metrics' ? change.reading.samples.length : 0;
}

function writePoll(st: Statements, sourceId: number, poll: PollRecord): void {
  st.upsertPoll.run(sourceId, poll.state, poll.lastSuccessAt, poll.lastAttemptAt, poll.lastError, poll.lastErrorAt, poll.consecutiveFailures);
}

function pollRecord(row: PollRow): PollRecord {
  const state = row.state === 'ok' || row.state === 'error' ? row.state : 'pending';
  return {
    state,
    lastSuccessAt: row.last_success_at,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: row.consecutive_failures,
    restored: false,
  };
}

function neverPolled(): PollRecord {
  return { state: 'pending', lastSuccessAt: null, lastAttemptAt: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, restored: false };
}

function readingJson(reading: Reading): string | null {
  try {
    return JSON.stringify(reading);
  } catch {
    return null;
  }
}

function parseReading(body: string): Reading | null {
  // written by this store from a Reading, maybe by another version: a row its kind's schema (or
  // JSON.parse) refuses is shown as no reading
  try {
    const parsed = readingSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function eventProblem(event: NewEvent, index: number): string | null {
  const where = `event ${index}`;
  if (typeof event.source !== 'string' || event.source === '') return `${where}: source must be a non-empty string`;
  if (typeof event.kind !== 'string' || event.kind === '') return `${where}: kind must be a non-empty string`;
  if (!Number.isFinite(event.at)) return `${where}: at must be a finite number (epoch ms)`;
  if (event.key !== undefined && event.key !== null && (typeof event.key !== 'string' || event.key === '')) return `${where}: key must be a non-empty string or null`;
  try {
    if (JSON.stringify(event.body) === undefined) return `${where}: body must be JSON`;
  } catch {
    return `${where}: body must be JSON`;
  }
  return null;
}
