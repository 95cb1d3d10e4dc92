import { MemoryEventLog } from './memory-event-log.js';
import type { PersistenceStatus } from './persistence-status.js';
import { MemoryStore, type StoredSourceSpec } from './store.js';
import type { AppendedEvent, EventQuery, NewEvent, ServerStore, StoredEvent } from './store-ports.js';

const NOT_KEPT: PersistenceStatus = {
  file: null,
  saving: false,
  reason: 'no data directory: state is kept in memory only and lost on restart',
  restore: 'none',
  restoreProblem: null,
  lastSavedAt: null,
  lastError: null,
  lastErrorAt: null,
  consecutiveFailures: 0,
};

/** A server's store without a data directory: everything in memory, nothing survives a restart. */
export class InMemoryServerStore extends MemoryStore implements ServerStore {
  private readonly log: MemoryEventLog;

  constructor(specs: Record<string, StoredSourceSpec>, now: () => number) {
    super(specs);
    this.log = new MemoryEventLog(now);
  }

  append(events: readonly NewEvent[]): Promise<AppendedEvent[]> {
    return this.log.append(events);
  }

  events(query: EventQuery): Promise<StoredEvent[]> {
    return this.log.events(query);
  }

  async restore(): Promise<'none'> {
    return 'none';
  }

  persistenceStatus(): PersistenceStatus {
    return NOT_KEPT;
  }

  async close(): Promise<void> {}
}
