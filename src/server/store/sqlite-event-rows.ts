import type Database from 'better-sqlite3';
import type { EventRow } from './sqlite-statements.js';
import type { EventQuery, StoredEvent } from './store-ports.js';

const DEFAULT_LIMIT = 1_000;
const MAX_LIMIT = 10_000;

export function storedEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    source: row.source,
    kind: row.kind,
    at: row.at,
    body: JSON.parse(row.body),
    key: row.idempotency_key,
    receivedAt: row.received_at,
  };
}

/**
 * Events matching the query, oldest appended first. One prepared statement per combination of
 * filters (at most 16), kept in `cache`, so filtering costs no SQL built from input.
 */
export function readStoredEvents(db: Database.Database, cache: Map<string, Database.Statement<(string | number)[], EventRow>>, query: EventQuery): StoredEvent[] {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  if (query.source !== undefined) {
    conditions.push('source = ?');
    params.push(query.source);
  }
  if (query.kind !== undefined) {
    conditions.push('kind = ?');
    params.push(query.kind);
  }
  if (query.since !== undefined) {
    conditions.push('at >= ?');
    params.push(query.since);
  }
  if (query.afterId !== undefined) {
    conditions.push('id > ?');
    params.push(query.afterId);
  }
  params.push(Math.max(1, Math.min(MAX_LIMIT, Math.floor(query.limit ?? DEFAULT_LIMIT))));
  const shape = conditions.join(' AND ');
  let statement = cache.get(shape);
  if (!statement) {
    statement = db.prepare<(string | number)[], EventRow>(`SELECT * FROM events${shape ? ` WHERE ${shape}` : ''} ORDER BY id LIMIT ?`);
    cache.set(shape, statement);
  }
  return statement.all(...params).map(storedEvent);
}

