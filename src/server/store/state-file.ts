import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Reading } from '../readings/reading-kind.js';
import { siblingModule, startWorker } from '../worker-thread.js';
import type { HistoryPoint } from './history.js';
import type { PollRecord } from './source-health.js';
import type { StateFileMessage, StateFileWorkerData } from './state-file-worker.js';
import { stateJsonPieces } from './state-json.js';
import type { SavedSource, StoreState } from './store.js';

const FILE_NAME = 'store.json';
/** Where a state file that cannot be used is moved, so the next save does not destroy the evidence. */
const REJECTED_NAME = `${FILE_NAME}.rejected`;
/** Our temp files: `store.json.<pid>.<n>.tmp`. Nothing else in the directory is touched. */
const TEMP_NAME = /^store\.json\.\d+\.\d+\.tmp$/;
const FLUSH_CHARS = 1 << 20;
// longest stretch of serializing before yielding to the event loop
const SLICE_MS = 8;

type WorkerOutcome = Extract<ReadOutcome, { outcome: 'restored' }> | { outcome: 'failed'; problem: string; invalid: boolean };

export type ReadOutcome =
  | { outcome: 'none' }
  | { outcome: 'restored'; savedAt: number; sources: number }
  | { outcome: 'failed'; problem: string };

/**
 * Persists the store to DIR/store.json atomically: write a temp file, fsync, rename, so a crash
 * mid-write leaves the previous file intact rather than a half-written one. A save that fails removes
 * its temp file at once (after a disk-full episode, leftovers would keep the disk full), and the
 * leftovers of saves a killed process never finished are removed at start.
 */
export class StateFile {
  readonly file: string;
  private writing: Promise<void> = Promise.resolve();
  private writes = 0;

  constructor(readonly dir: string) {
    this.file = path.join(dir, FILE_NAME);
  }

  /** Writes are queued: a periodic save and the one at shutdown never interleave. */
  write(state: StoreState): Promise<void> {
    const next = this.writing.catch(() => undefined).then(() => this.writeNow(state));
    this.writing = next;
    return next;
  }

  private async writeNow(state: StoreState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.${++this.writes}.tmp`;
    try {
      const handle = await open(temp, 'w');
      try {
        let buffered = '';
        let sliceStarted = performance.now();
        for (const piece of stateJsonPieces(state)) {
          buffered += piece;
          if (buffered.length >= FLUSH_CHARS) {
            await handle.write(buffered);
            buffered = '';
          }
          if (performance.now() - sliceStarted > SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve)); // let socket delivery and polls run
            sliceStarted = performance.now();
          }
        }
        await handle.write(buffered);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Removes the temp files of saves that never finished (a kill mid-write). Call before the first
   * save: every such file is then a leftover. Returns the names removed and their total size.
   */
  async removeLeftovers(): Promise<{ removed: string[]; bytes: number }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return { removed: [], bytes: 0 }; // no directory yet: nothing left over
    }
    const removed: string[] = [];
    let bytes = 0;
    for (const name of names.filter((n) => TEMP_NAME.test(n))) {
      const file = path.join(this.dir, name);
      try {
        const info = await stat(file);
        if (!info.isFile()) continue;
        await rm(file, { force: true });
        removed.push(name);
        bytes += info.size;
      } catch {
        // gone meanwhile, or not ours to remove: leave it
      }
    }
    return { removed, bytes };
  }

  /**
   * Hands the saved state to `onPart`, a source and some of its series at a time (the same source may
   * come several times, with the same poll record and reading and more series). Reading, parsing and
   * checking happen in a worker thread, and what it sends is unpacked in slices, so a big file never
   * stalls displays. A missing file is no problem; a corrupt or wrong-shaped one is reported with its
   * JSON path, moved aside to store.json.rejected, and nothing of it is handed over.
   */
  async read(onPart: (sourceId: string, part: SavedSource) => void, signal?: AbortSignal): Promise<ReadOutcome> {
    try {
      await stat(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { outcome: 'none' };
      return { outcome: 'failed', problem: `cannot read ${this.file}: ${(err as Error).message}; starting empty` };
    }
    const result = await this.readInWorker(onPart, signal);
    if (result.outcome === 'restored') return result;
    if (!result.invalid) return { outcome: 'failed', problem: `${result.problem}; starting empty` };
    const rejected = path.join(this.dir, REJECTED_NAME);
    try {
      await rename(this.file, rejected);
      return { outcome: 'failed', problem: `${result.problem}; starting empty (the file was moved to ${rejected})` };
    } catch (err) {
      return { outcome: 'failed', problem: `${result.problem}; starting empty (could not move it aside: ${(err as Error).message})` };
    }
  }

  private readInWorker(onPart: (sourceId: string, part: SavedSource) => void, signal: AbortSignal | undefined): Promise<WorkerOutcome> {
    return new Promise((resolve) => {
      const worker = startStateFileWorker({ file: this.file });
      // a port hands over every message already queued in one go: unpacking them there would hold
      // the event loop for the whole file, so they are queued and unpacked a slice at a time
      const queue: StateFileMessage[] = [];
      let next = 0;
      let draining = false;
      let settled = false;
      let ended: string | null = null;
      let current: { id: string; poll: PollRecord; reading: Reading | null } | null = null;
      const finish = (outcome: WorkerOutcome) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', stop);
        void worker.terminate();
        resolve(outcome);
      };
      const stop = () => finish({ outcome: 'failed', problem: `stopped before ${this.file} was loaded`, invalid: false });
      const handle = (message: StateFileMessage) => {
        switch (message.kind) {
          case 'problem':
            return finish({ outcome: 'failed', problem: message.message, invalid: message.problem === 'invalid' });
          case 'source':
            current = { id: message.id, poll: message.poll, reading: message.reading };
            return onPart(current.id, { poll: current.poll, reading: current.reading, history: {} });
          case 'points':
            if (current?.id !== message.id) return;
            return onPart(current.id, { poll: current.poll, reading: current.reading, history: unpackPoints(message) });
          case 'done':
            return finish({ outcome: 'restored', savedAt: message.savedAt, sources: message.sources });
        }
      };
      const drain = async () => {
        if (draining) return;
        draining = true;
        try {
          let sliceStarted = performance.now();
          while (next < queue.length && !settled) {
            handle(queue[next++]!);
            if (performance.now() - sliceStarted > SLICE_MS) {
              await new Promise((resolve) => setImmediate(resolve));
              sliceStarted = performance.now();
            }
          }
          if (ended !== null) finish({ outcome: 'failed', problem: ended, invalid: false });
        } catch (err) {
          finish({ outcome: 'failed', problem: `cannot load ${this.file}: ${(err as Error).message}`, invalid: false });
        } finally {
          draining = false;
        }
      };
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop);
      worker.on('message', (message: StateFileMessage) => {
        queue.push(message);
        void drain();
      });
      // what the worker sent before it stopped is still handled; only then does its end count
      const end = (why: string) => {
        ended ??= why;
        setImmediate(() => void drain());
      };
      worker.on('error', (err) => end(`cannot read ${this.file}: ${err.message}`));
      worker.on('exit', (code) => end(`cannot read ${this.file}: the reader stopped (exit code ${code})`));
    });
  }
}

function unpackPoints(message: Extract<StateFileMessage, { kind: 'points' }>): Record<string, HistoryPoint[]> {
  const history: Record<string, HistoryPoint[]> = {};
  const { pairs } = message;
  let at = 0;
  message.series.forEach((name, i) => {
    const count = message.counts[i]!;
    const points = new Array<HistoryPoint>(count);
    for (let k = 0; k < count; k++, at += 2) {
      const value = pairs[at + 1]!;
      points[k] = [pairs[at]!, Number.isNaN(value) ? null : value];
    }
    history[name] = points;
  });
  return history;
}

const workerUrl = siblingModule(import.meta.url, 'state-file-worker');

/** Starts the reader thread (see worker-thread.ts for how it runs from TypeScript sources). */
function startStateFileWorker(data: StateFileWorkerData): Worker {
  return startWorker(workerUrl, data);
}
