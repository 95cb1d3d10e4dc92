import type Database from 'better-sqlite3';

type Nullable<T> = T | null;

export interface PollRow {
  state: string;
  last_success_at: Nullable<number>;
  last_attempt_at: Nullable<number>;
  last_error: Nullable<string>;
  last_error_at: Nullable<number>;
  consecutive_failures: number;
}

/** Rows per multi-row history insert: one statement per 250 points is ~2.5× faster than one per point. */
export const POINTS_PER_INSERT = 250;

export interface EventRow {
  id: number;
  source: string;
  kind: string;
  at: number;
  received_at: number;
  body: string;
  idempotency_key: Nullable<string>;
}

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    sourceId: db.prepare<[string], { id: number }>('SELECT id FROM sources WHERE name = ?'),
    insertSource: db.prepare<[string]>('INSERT INTO sources (name) VALUES (?)'),
    allSources: db.prepare<[], { id: number; name: string }>('SELECT id, name FROM sources ORDER BY id'),

    upsertReading: db.prepare<[number, number, string]>(
      // an imported older state never replaces a newer reading
      'INSERT INTO readings (source_id, at, body) VALUES (?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET at = excluded.at, body = excluded.body WHERE excluded.at >= readings.at',
    ),
    reading: db.prepare<[number], { body: string }>('SELECT body FROM readings WHERE source_id = ?'),

    upsertPoll: db.prepare<[number, string, Nullable<number>, Nullable<number>, Nullable<string>, Nullable<number>, number]>(
      `INSERT INTO polls (source_id, state, last_success_at, last_attempt_at, last_error, last_error_at, consecutive_failures)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id) DO UPDATE SET state = excluded.state, last_success_at = excluded.last_success_at,
         last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error,
         last_error_at = excluded.last_error_at, consecutive_failures = excluded.consecutive_failures
       WHERE coalesce(excluded.last_attempt_at, 0) >= coalesce(polls.last_attempt_at, 0)`,
    ),
    // an imported older poll record only tells when the source last succeeded, where nothing newer knows
    fillLastSuccess: db.prepare<[number, number]>('UPDATE polls SET last_success_at = ? WHERE source_id = ? AND last_success_at IS NULL'),
    poll: db.prepare<[number], PollRow>(
      'SELECT state, last_success_at, last_attempt_at, last_error, last_error_at, consecutive_failures FROM polls WHERE source_id = ?',
    ),

    seriesId: db.prepare<[number, string], { id: number }>('SELECT id FROM series WHERE source_id = ? AND name = ?'),
    insertSeries: db.prepare<[number, string]>('INSERT INTO series (source_id, name) VALUES (?, ?)'),
    seriesOfSource: db.prepare<[number], { id: number; name: string }>('SELECT id, name FROM series WHERE source_id = ?'),
    deleteSeries: db.prepare<[number]>('DELETE FROM series WHERE id = ?'),

    insertPoint: db.prepare<[number, number, number, Nullable<number>]>(
      'INSERT INTO history_points (source_id, series_id, at, value) VALUES (?, ?, ?, ?)',
    ),
    // parameters: source_id, series_id, at, value for each of POINTS_PER_INSERT rows
    insertPoints: db.prepare<Nullable<number>[]>(
      `INSERT INTO history_points (source_id, series_id, at, value) VALUES ${Array(POINTS_PER_INSERT).fill('(?, ?, ?, ?)').join(', ')}`,
    ),
    // a page of raw rows [rowid, series_id, at, value] after the key (at, rowid), oldest first; equal
    // times keep append order, and the index (source_id, at, rowid) serves both the range and the order
    pointsAfter: db
      .prepare<[number, number, number, number], [number, number, number, Nullable<number>]>(
        'SELECT rowid, series_id, at, value FROM history_points WHERE source_id = ? AND (at, rowid) > (?, ?) ORDER BY at, rowid LIMIT ?',
      )
      .raw(),
    deleteOldPoints: db.prepare<[number, number, number]>(
      'DELETE FROM history_points WHERE rowid IN (SELECT rowid FROM history_points WHERE source_id = ? AND at < ? LIMIT ?)',
    ),

    insertStateChange: db.prepare<[number, string, Nullable<string>, string, string, number]>(
      'INSERT INTO state_changes (source_id, host, service, from_state, to_state, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    // tracking reaches back to whichever start is older: memory may have forgotten what the database keeps
    upsertStateChangesKnownSince: db.prepare<[number, number]>(
      `INSERT INTO state_change_sources (source_id, known_since) VALUES (?, ?)
       ON CONFLICT (source_id) DO UPDATE SET known_since = min(known_since, excluded.known_since)`,
    ),
    stateChangesKnownSince: db.prepare<[number], { known_since: number }>('SELECT known_since FROM state_change_sources WHERE source_id = ?'),
    // a page of [rowid, host, service, from, to, at] after the key (at, rowid), oldest first
    stateChangesAfter: db
      .prepare<[number, number, number, number], [number, string, Nullable<string>, string, string, number]>(
        'SELECT rowid, host, service, from_state, to_state, at FROM state_changes WHERE source_id = ? AND (at, rowid) > (?, ?) ORDER BY at, rowid LIMIT ?',
      )
      .raw(),
    deleteOldStateChanges: db.prepare<[number, number, number]>(
      'DELETE FROM state_changes WHERE rowid IN (SELECT rowid FROM state_changes WHERE source_id = ? AND at < ? LIMIT ?)',
    ),
    forgetStateChangesBefore: db.prepare<[number, number]>('UPDATE state_change_sources SET known_since = max(known_since, ?) WHERE source_id = ?'),
    deleteSourceStateChanges: db.prepare<[number, number]>(
      'DELETE FROM state_changes WHERE rowid IN (SELECT rowid FROM state_changes WHERE source_id = ? LIMIT ?)',
    ),

    deleteSourcePoints: db.prepare<[number, number]>(
      'DELETE FROM history_points WHERE rowid IN (SELECT rowid FROM history_points WHERE source_id = ? LIMIT ?)',
    ),
    deleteSourceRows: [
      db.prepare<[number]>('DELETE FROM readings WHERE source_id = ?'),
      db.prepare<[number]>('DELETE FROM polls WHERE source_id = ?'),
      db.prepare<[number]>('DELETE FROM series WHERE source_id = ?'),
      db.prepare<[number]>('DELETE FROM state_change_sources WHERE source_id = ?'),
      db.prepare<[number]>('DELETE FROM sources WHERE id = ?'),
    ],

    insertEvent: db.prepare<[string, string, number, number, string, Nullable<string>]>(
      `INSERT INTO events (source, kind, at, received_at, body, idempotency_key) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, idempotency_key) DO NOTHING`,
    ),
    eventById: db.prepare<[number], EventRow>('SELECT * FROM events WHERE id = ?'),
    eventByKey: db.prepare<[string, string], EventRow>('SELECT * FROM events WHERE source = ? AND idempotency_key = ?'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
