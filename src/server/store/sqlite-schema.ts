import type Database from 'better-sqlite3';

/**
 * The database's schema as an ordered list of migrations. `PRAGMA user_version` holds how many have
 * run; opening a database runs the missing ones, each in its own transaction, so an upgrade
 * interrupted by a crash resumes where it stopped. Never edit a shipped migration: add one.
 */
export interface Migration {
  /** What it changes, for the log and for whoever reads the database. */
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'sources, their last reading and poll record, series history, events',
    up(db) {
      db.exec(`
        CREATE TABLE sources (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE
        );
        -- the last reading per source, as JSON (readings are open: new kinds need no migration)
        CREATE TABLE readings (
          source_id INTEGER PRIMARY KEY REFERENCES sources(id),
          at INTEGER NOT NULL,
          body TEXT NOT NULL
        );
        CREATE TABLE polls (
          source_id INTEGER PRIMARY KEY REFERENCES sources(id),
          state TEXT NOT NULL,
          last_success_at INTEGER,
          last_attempt_at INTEGER,
          last_error TEXT,
          last_error_at INTEGER,
          consecutive_failures INTEGER NOT NULL
        );
        CREATE TABLE series (
          id INTEGER PRIMARY KEY,
          source_id INTEGER NOT NULL REFERENCES sources(id),
          name TEXT NOT NULL,
          UNIQUE (source_id, name)
        );
        -- appended in time order: a poll writes a few pages at the end of the table and of the index,
        -- not one page per series; retention deletes a range at the start of each source's index range
        CREATE TABLE history_points (
          source_id INTEGER NOT NULL,
          series_id INTEGER NOT NULL,
          at INTEGER NOT NULL,
          value REAL
        );
        CREATE INDEX history_points_by_source_time ON history_points (source_id, at);
        CREATE TABLE events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          source TEXT NOT NULL,
          kind TEXT NOT NULL,
          at INTEGER NOT NULL,
          received_at INTEGER NOT NULL,
          body TEXT NOT NULL,
          idempotency_key TEXT,
          UNIQUE (source, idempotency_key)
        );
        CREATE INDEX events_by_source_time ON events (source, at);
        CREATE INDEX events_by_time ON events (at);
      `);
    },
  },
  {
    description: 'state changes of monitoring checks, and since when each source\'s are known',
    up(db) {
      db.exec(`
        -- appended in time order like history points; retention deletes from the start of each source's range
        CREATE TABLE state_changes (
          source_id INTEGER NOT NULL,
          host TEXT NOT NULL,
          service TEXT,
          from_state TEXT NOT NULL,
          to_state TEXT NOT NULL,
          at INTEGER NOT NULL
        );
        CREATE INDEX state_changes_by_source_time ON state_changes (source_id, at);
        CREATE TABLE state_change_sources (
          source_id INTEGER PRIMARY KEY REFERENCES sources(id),
          known_since INTEGER NOT NULL
        );
      `);
    },
  },
];

/**
 * Brings the database to the newest schema. A database written by a newer Radiator (more migrations
 * than this one knows) is refused rather than guessed at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = Number(db.pragma('user_version', { simple: true }));
  if (from > migrations.length) {
    throw new Error(
      `${db.name} has schema version ${from}, newer than this Radiator knows (${migrations.length}); ` +
        'run the newer version, or move the file away to start empty',
    );
  }
  for (let version = from; version < migrations.length; version++) {
    const migration = migrations[version]!;
    db.transaction(() => {
      migration.up(db);
      // user_version cannot take a bound parameter; version is our own integer
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return { from, to: migrations.length };
}
