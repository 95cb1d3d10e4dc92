import type { AppendedEvent, EventLog, EventQuery, NewEvent, StoredEvent } from './store-ports.js';

const DEFAULT_LIMIT = 1_000;

/**
 * The event log in memory only: for a server without a data directory and for tests. Same contract
 * as the SQLite log (append order, idempotency keys per source), lost on restart.
 */
export class MemoryEventLog implements EventLog {
  private readonly stored: StoredEvent[] = [];
  private readonly byKey = new Map<string, StoredEvent>();

  constructor(private readonly now: () => number) {}

  async append(events: readonly NewEvent[]): Promise<AppendedEvent[]> {
    const receivedAt = this.now();
    return events.map((event) => {
      const key = event.key ?? null;
      const keyed = key === null ? null : JSON.stringify([event.source, key]);
      const earlier = keyed === null ? undefined : this.byKey.get(keyed);
      if (earlier) return { event: earlier, duplicate: true };
      // a deep copy, as a database would keep: the caller's object may change after
      const body: unknown = JSON.parse(JSON.stringify(event.body));
      const stored: StoredEvent = { id: this.stored.length + 1, source: event.source, kind: event.kind, at: event.at, body, key, receivedAt };
      this.stored.push(stored);
      if (keyed !== null) this.byKey.set(keyed, stored);
      return { event: stored, duplicate: false };
    });
  }

  async events(query: EventQuery): Promise<StoredEvent[]> {
    const limit = Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT));
    const matching: StoredEvent[] = [];
    for (const event of this.stored) {
      if (query.source !== undefined && event.source !== query.source) continue;
      if (query.kind !== undefined && event.kind !== query.kind) continue;
      if (query.since !== undefined && event.at < query.since) continue;
      if (query.afterId !== undefined && event.id <= query.afterId) continue;
      matching.push(event);
      if (matching.length === limit) break;
    }
    return matching;
  }
}
