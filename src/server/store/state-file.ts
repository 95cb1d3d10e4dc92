import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { stateJsonPieces } from './state-json.js';
import type { StoreState } from './store.js';

const FILE_NAME = 'store.json';
const FLUSH_CHARS = 1 << 20;
// longest stretch of serializing before yielding to the event loop
const SLICE_MS = 8;

/**
 * Persists the store to DIR/store.json atomically: write a temp file, fsync, rename, so a crash
 * mid-write leaves the previous file intact rather than a half-written one.
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
  }

  /** The saved state, or null when there is none; a corrupt file is reported, not fatal. */
  async read(): Promise<{ state: StoreState | null; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: null, problem: null };
      return { state: null, problem: `cannot read ${this.file}: ${(err as Error).message}` };
    }
    try {
      const state = JSON.parse(text) as StoreState;
      if (state?.version !== 1 || typeof state.sources !== 'object') {
        return { state: null, problem: `${this.file} is not a Radiator state file (version ${String(state?.version)}); starting empty` };
      }
      return { state, problem: null };
    } catch (err) {
      return { state: null, problem: `${this.file} is corrupt (${(err as Error).message}); starting empty` };
    }
  }
}
