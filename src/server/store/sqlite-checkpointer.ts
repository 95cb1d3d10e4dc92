import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs WAL checkpoints (copying committed pages from radiator.db-wal into radiator.db, with an
 * fsync) on a second connection in a worker thread. Left to the writing connection, SQLite does it
 * inside whichever commit crosses the threshold, holding the event loop for tens of milliseconds
 * every few minutes; a PASSIVE checkpoint elsewhere never blocks the writer.
 *
 * The worker is plain CommonJS evaluated from a string: it needs nothing of the server, and a worker
 * thread would not inherit the TypeScript loader the server may run under.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
parentPort.on('message', () => {
  try {
    db ??= new Database(workerData.file, { fileMustExist: true });
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage(null);
  } catch (err) {
    parentPort.postMessage(String(err && err.message));
  }
});
`;

export class Checkpointer {
  private worker: Worker | null;
  private running = false;
  /** The last checkpoint's error, if it failed (the writer's own health says whether commits work). */
  lastError: string | null = null;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    this.worker.unref(); // never what keeps the process alive
    this.worker.on('message', (error: string | null) => {
      this.running = false;
      this.lastError = error;
    });
    this.worker.on('error', (err) => {
      this.lastError = err.message;
      this.worker = null;
    });
  }

  /** True when a checkpoint was started; false while one runs or when the worker is gone. */
  request(): boolean {
    if (!this.worker || this.running) return false;
    this.running = true;
    this.worker.postMessage('checkpoint');
    return true;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
