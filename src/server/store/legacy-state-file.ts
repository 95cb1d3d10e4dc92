import { rename } from 'node:fs/promises';
import type { LegacyState } from './persistent-store.js';
import { StateFile } from './state-file.js';
import type { KeptSource } from './store-ports.js';

const IMPORTED_SUFFIX = '.imported';

/**
 * DATA/store.json of earlier versions, for the one-time import into the database. StateFile reads it
 * (off the main thread, checked against its schema: a corrupt or wrong-shaped file is reported with
 * the JSON paths at fault and moved aside to store.json.rejected); once its contents are in the
 * database it is renamed store.json.imported.
 */
export function legacyStateFile(dataDir: string): LegacyState {
  const stateFile = new StateFile(dataDir);
  return {
    file: stateFile.file,
    async read(signal) {
      await stateFile.removeLeftovers();
      const sources: Record<string, KeptSource> = {};
      const outcome = await stateFile.read((id, part) => {
        // a big source comes in parts: the same poll record and reading, more series each time
        const kept = (sources[id] ??= { poll: part.poll, reading: part.reading, history: {} });
        Object.assign(kept.history, part.history);
      }, signal);
      if (outcome.outcome === 'failed') throw new Error(outcome.problem);
      return outcome.outcome === 'none' ? null : sources;
    },
    async retire() {
      const retired = `${stateFile.file}${IMPORTED_SUFFIX}`;
      await rename(stateFile.file, retired);
      return retired;
    },
  };
}
