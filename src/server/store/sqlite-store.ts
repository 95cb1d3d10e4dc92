import path from 'node:path';
import type { Logger } from '../logger.js';
import { legacyStateFile } from './legacy-state-file.js';
import { PersistentStore } from './persistent-store.js';
import { SqliteRepository } from './sqlite-repository.js';
import type { SyncFile } from './sqlite-wal-sync.js';
import { MemoryStore, type StoredSourceSpec } from './store.js';

export const DATABASE_FILE = 'radiator.db';

export interface SqliteStoreOptions {
  /** The data directory (`--data`): the database is DATA/radiator.db; a DATA/store.json is imported once. */
  dataDir: string;
  sources: Record<string, StoredSourceSpec>;
  now: () => number;
  logger: Logger;
  /** How often history older than each source's window is deleted (default 60 s). */
  retentionEveryMs?: number;
  /** While writes fail, how often they are retried when no poll triggers it (default 5 s). */
  retryEveryMs?: number;
  /** While writes fail, how many history points are kept for the retry (default 1,000,000). */
  maxPendingPoints?: number;
  /** How long a write waits for another connection's lock (default 20 ms). */
  busyTimeoutMs?: number;
  /** How long monitoring sources' state changes are kept (default 30 days). */
  stateChangeRetentionMs?: number;
  /** How the WAL is flushed to the disk before appended events are answered (default fdatasync). */
  syncFile?: SyncFile;
  /** Groups of appends start at least this far apart (default 4 ms). */
  minGroupGapMs?: number;
}

/**
 * The store on SQLite: tiles read the in-memory view; DATA/radiator.db (WAL) is the durable copy that
 * each poll's additions are committed to in one transaction, off the fan-out's path; history retention
 * is a DELETE on a schedule; events are appended with a durable commit. Call `restore()` once at start
 * (it may run while the server already serves), and `close()` at shutdown.
 */
export class SqliteStore extends PersistentStore {
  readonly file: string;

  constructor(options: SqliteStoreOptions) {
    const file = path.join(options.dataDir, DATABASE_FILE);
    const repository = new SqliteRepository({
      file,
      now: options.now,
      logger: options.logger,
      ...(options.retryEveryMs !== undefined && { retryEveryMs: options.retryEveryMs }),
      ...(options.maxPendingPoints !== undefined && { maxPendingPoints: options.maxPendingPoints }),
      ...(options.busyTimeoutMs !== undefined && { busyTimeoutMs: options.busyTimeoutMs }),
      ...(options.syncFile !== undefined && { syncFile: options.syncFile }),
      ...(options.minGroupGapMs !== undefined && { minGroupGapMs: options.minGroupGapMs }),
    });
    super({
      sources: options.sources,
      view: new MemoryStore(options.sources, { ...(options.stateChangeRetentionMs !== undefined && { retentionMs: options.stateChangeRetentionMs }) }),
      repository,
      now: options.now,
      logger: options.logger,
      legacy: legacyStateFile(options.dataDir),
      ...(options.retentionEveryMs !== undefined && { retentionEveryMs: options.retentionEveryMs }),
      ...(options.stateChangeRetentionMs !== undefined && { stateChangeRetentionMs: options.stateChangeRetentionMs }),
    });
    this.file = file;
  }
}

