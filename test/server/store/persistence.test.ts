import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describePersistenceContract, type PersistenceBackend } from './persistence-contract.js';

/**
 * The default store: SQLite in DATA/radiator.db, with the saved state of earlier versions planted as
 * DATA/store.json (imported once), held up and broken with real files.
 */
export const sqliteWithImportedStateFile: PersistenceBackend = {
  name: 'SQLite, importing store.json',
  deps: (dir) => ({ dataDir: dir }),
  plantSavedState(dir, state) {
    writeFileSync(path.join(dir, 'store.json'), JSON.stringify(state));
  },
  holdRestore(dir) {
    // a named pipe: reading it waits until the test writes the saved state into it
    const fifo = path.join(dir, 'store.json');
    execFileSync('mkfifo', [fifo]);
    return {
      release: (state) => writeFile(fifo, JSON.stringify(state)),
      abandon() {
        try {
          closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)); // a reader still waiting sees the end
        } catch {
          // nobody is reading any more (ENXIO), or the pipe was moved aside: nothing to unblock
        }
      },
    };
  },
  breakSaving(dir) {
    // tests run as root, so permissions do not stop a write: a directory where the database goes does
    const target = path.join(dir, 'radiator.db');
    mkdirSync(path.join(target, 'in-the-way'), { recursive: true });
    return { repair: () => rmSync(target, { recursive: true }), reason: /unable to open|directory/i };
  },
};

describePersistenceContract(sqliteWithImportedStateFile);
