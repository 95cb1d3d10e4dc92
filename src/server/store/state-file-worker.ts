import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { Reading } from '../readings/reading-kind.js';
import type { PollRecord } from './source-health.js';
import { parseStoreState } from './state-schema.js';

/**
 * Reads, parses and checks the state file off the main thread: JSON.parse of a 40 MB history holds a
 * thread for about a second, and checking every point takes longer. The main thread, which is already
 * serving displays, gets the result a source and a few thousand points at a time.
 */

/** What the worker says, in order: one `problem`, or per source `source` and its `points`; then `done`. */
export type StateFileMessage =
  | { kind: 'problem'; problem: 'unreadable' | 'invalid'; message: string }
  | { kind: 'source'; id: string; poll: PollRecord; reading: Reading | null }
  | {
      kind: 'points';
      id: string;
      series: string[];
      /** Points per series, in order. */
      counts: number[];
      /** t, value pairs of every series in turn; NaN for a null value (JSON has no NaN, so nothing is lost). */
      pairs: Float64Array;
    }
  | { kind: 'done'; savedAt: number; sources: number };

export interface StateFileWorkerData {
  file: string;
}

/** Points per `points` message: small enough that unpacking one never stalls the main thread. */
const POINTS_PER_MESSAGE = 20_000;

async function run(port: NonNullable<typeof parentPort>, { file }: StateFileWorkerData): Promise<void> {
  const post = (message: StateFileMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return post({ kind: 'problem', problem: 'unreadable', message: `cannot read ${file}: ${(err as Error).message}` });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return post({ kind: 'problem', problem: 'invalid', message: `${file} is not valid JSON (${(err as Error).message})` });
  }
  text = '';
  const parsed = parseStoreState(raw);
  raw = null;
  if (!parsed.ok) return post({ kind: 'problem', problem: 'invalid', message: `${file}: ${parsed.problem}` });

  const { state } = parsed;
  for (const [id, saved] of Object.entries(state.sources)) {
    post({ kind: 'source', id, poll: saved.poll, reading: saved.reading });
    let series: string[] = [];
    let counts: number[] = [];
    let batch: number[] = [];
    const flush = () => {
      if (!series.length) return;
      const pairs = Float64Array.from(batch);
      post({ kind: 'points', id, series, counts, pairs }, [pairs.buffer]);
      series = [];
      counts = [];
      batch = [];
    };
    for (const [name, points] of Object.entries(saved.history)) {
      series.push(name);
      counts.push(points.length);
      for (const [t, value] of points) batch.push(t, value ?? Number.NaN);
      if (batch.length >= 2 * POINTS_PER_MESSAGE) flush();
    }
    flush();
  }
  post({ kind: 'done', savedAt: state.savedAt, sources: Object.keys(state.sources).length });
}

if (parentPort) void run(parentPort, workerData as StateFileWorkerData);
