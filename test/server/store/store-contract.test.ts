import type { Logger } from '../../../src/server/logger.js';
import { MemoryEventLog } from '../../../src/server/store/memory-event-log.js';
import { SqliteStore } from '../../../src/server/store/sqlite-store.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import { defineStoreContract } from './store-contract.js';

/** Says nothing: only the Logger interface, whichever logger the server uses. */
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

defineStoreContract({
  name: 'MemoryStore',
  persistent: false,
  async open(specs, _dir, now) {
    const store = new MemoryStore(specs);
    return { store, events: new MemoryEventLog(now), settle: async () => {}, expire: async () => {}, close: async () => {} };
  },
});

defineStoreContract({
  name: 'SqliteStore',
  persistent: true,
  async open(specs, dir, now) {
    const store = new SqliteStore({ dataDir: dir, sources: specs, now, logger: quiet });
    await store.restore();
    return { store, events: store, settle: () => store.flush(), expire: () => store.expireHistory(), close: () => store.close() };
  },
});
