import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seededRandom } from '../../helpers/seeded-random.js';
import { CRASH_SERIES, CRASH_STEP_MS, CRASH_T0 } from './sqlite-crash-polls.js';

const WRITER_SOURCE = fileURLToPath(new URL('./sqlite-crash-writer.ts', import.meta.url));
// bundled once to plain JS: 20 starts through tsx would spend most of the test compiling TypeScript;
// inside node_modules so that its imports (better-sqlite3, zod) resolve as they do for the server
const WRITER = fileURLToPath(new URL(`../../../node_modules/.cache/radiator-tests/sqlite-crash-writer-${process.pid}.mjs`, import.meta.url));
const KILLS = 20;
const dir = mkdtempSync(path.join(tmpdir(), 'radiator-crash-'));

beforeAll(async () => {
  mkdirSync(path.dirname(WRITER), { recursive: true });
  await build({ entryPoints: [WRITER_SOURCE], outfile: WRITER, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(WRITER, { force: true });
});

interface Run {
  resumedAt: number;
  lastCommitted: number;
  signal: NodeJS.Signals | null;
  /** The exit code when it ended on its own (it never should: only the SIGKILL ends it). */
  code: number | null;
  stderr: string;
}

/** Starts the writer, SIGKILLs it once it has said `committed killAfter`, and reports what it said. */
function runWriterUntil(killAfter: (resumedAt: number) => number): Promise<Run> {
  const child = spawn(process.execPath, [WRITER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = { resumedAt: -1, lastCommitted: -1, signal: null, code: null, stderr: '' };
  let target = Number.POSITIVE_INFINITY;
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [word, n] = line.split(' ');
    if (word === 'ready') {
      run.resumedAt = Number(n);
      target = killAfter(run.resumedAt);
    } else if (word === 'committed') {
      run.lastCommitted = Number(n);
      if (run.lastCommitted >= target) child.kill('SIGKILL'); // lands somewhere inside a later poll's write
    }
  });
  return new Promise((resolve) =>
    // 'close', not 'exit': only then has all it wrote to stderr arrived (an error must not read as a silent exit)
    child.on('close', (code, signal) => {
      run.signal = signal;
      run.code = code;
      resolve(run);
    }),
  );
}

it(`survives ${KILLS} SIGKILLs while polls are written: the database opens intact and loses at most the poll in flight`, { timeout: 90_000 }, async () => {
  const next = seededRandom(9);
  let committed = -1; // the highest poll any writer said was committed
  for (let kill = 0; kill < KILLS; kill++) {
    const run = await runWriterUntil((resumedAt) => resumedAt + 1 + Math.floor(next() * 12));
    expect(run.stderr).toBe('');
    expect({ signal: run.signal, code: run.code, lastCommitted: run.lastCommitted }).toMatchObject({ signal: 'SIGKILL', code: null });
    // the restart opened and restored: it resumes after everything said committed, losing none of it
    expect(run.resumedAt).toBeGreaterThan(committed);
    committed = run.lastCommitted;

    const db = new Database(path.join(dir, 'radiator.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const polls = db.prepare('SELECT at, count(*) AS points FROM history_points GROUP BY at ORDER BY at').all() as { at: number; points: number }[];
      // every poll whole or not at all, none missing before the last one kept, and nothing said committed lost
      expect(polls.every((p, i) => p.at === CRASH_T0 + i * CRASH_STEP_MS && p.points === CRASH_SERIES)).toBe(true);
      expect(polls.length - 1).toBeGreaterThanOrEqual(committed);
      const events = db.prepare('SELECT idempotency_key FROM events ORDER BY id').pluck().all();
      expect(events.length - 1).toBeGreaterThanOrEqual(committed);
      expect(events).toEqual(events.map((_, i) => `poll-${i}`));
    } finally {
      db.close();
    }
  }
});
