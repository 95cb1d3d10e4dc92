import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './sqlite-schema.js';

export interface OpenedDatabase {
  db: Database.Database;
  /** Schema version before and after opening (they differ when migrations ran). */
  schema: { from: number; to: number };
}

/**
 * Opens (creating it and its directory if needed) the store's database in WAL mode and brings its
 * schema up to date. WAL with synchronous=NORMAL: a commit is one append to the log, no fsync, and
 * survives the process being killed (only an OS crash or power loss can take back the last commits);
 * readers never block the writer. Event appends are answered only after an fdatasync of the WAL
 * (sqlite-wal-sync.ts), off the event loop.
 */
export function openStoreDatabase(file: string, busyTimeoutMs: number): OpenedDatabase {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create the data directory ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (err) {
    // SQLite says only "unable to open database file"; the usual cause is the directory
    throw new Error(`${(err as Error).message}${unwritable(dir)}`);
  }
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`cannot switch ${file} to WAL mode (it stays in ${String(mode)} mode)`);
    db.pragma('synchronous = NORMAL');
    // the log is truncated back to this size after a checkpoint instead of staying at its largest
    db.pragma('journal_size_limit = 16777216');
    const schema = migrate(db);
    return { db, schema };
  } catch (err) {
    db.close();
    throw err;
  }
}

function unwritable(dir: string): string {
  try {
    accessSync(dir, constants.W_OK);
    return '';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EROFS' ? ` (${dir} is on a read-only file system)` : ` (${dir} is not writable: ${code ?? (err as Error).message})`;
  }
}
