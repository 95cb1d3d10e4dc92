/**
 * Child process of the crash-safety test: opens a SqliteStore on the directory given, says where it
 * resumes (`ready N`), then records polls (and one event each) as fast as the store commits them,
 * saying `committed N` only once poll N and its event are durable. The test SIGKILLs it at random.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../../../src/server/logger.js';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import { SqliteStore } from '../../../src/server/store/sqlite-store.js';
import { CRASH_SERIES, CRASH_STEP_MS, CRASH_T0 } from './sqlite-crash-polls.js';

/** Says nothing: only the Logger interface, whichever logger the server uses. */
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };


const pollAt = (i: number) => CRASH_T0 + i * CRASH_STEP_MS;
const reading = (i: number): MetricsReading => ({
  type: 'metrics',
  at: pollAt(i),
  samples: Array.from({ length: CRASH_SERIES }, (_, s) => ({ series: `node${s % 10}/plugin/field${s}`, value: i * 1_000 + s, unit: '', label: `field${s}` })),
});

async function main(dataDir: string): Promise<void> {
  let clock = CRASH_T0;
  // the loop emptying while something is awaited is a lost wake-up in the store: say where, not exit 0 silently
  let waitingOn = 'the restore';
  process.on('beforeExit', () => {
    process.stderr.write(`the event loop emptied while waiting on ${waitingOn}: ${JSON.stringify(store.persistence())}\n`);
    process.exitCode = 3;
  });
  const store = new SqliteStore({ dataDir, sources: { feed: { intervalMs: CRASH_STEP_MS, historyMs: 24 * 3_600_000 } }, now: () => clock, logger: quiet });
  await store.restore();
  const last = store.reading('feed');
  let i = last ? (last.at - CRASH_T0) / CRASH_STEP_MS + 1 : 0;
  process.stdout.write(`ready ${i}\n`);
  for (;;) {
    clock = pollAt(i);
    store.recordSuccess('feed', reading(i));
    waitingOn = `the append of poll ${i}`;
    await store.append([{ source: 'feed', kind: 'poll', at: clock, body: { i }, key: `poll-${i}` }]);
    waitingOn = `the turn after poll ${i}`;
    await nextTurn(); // the poll's group commit ran in the turn it was recorded in
    const { pendingPolls, saving, lastError } = store.persistence();
    if (pendingPolls !== 0 || !saving) throw new Error(`poll ${i} not committed: ${lastError}`);
    process.stdout.write(`committed ${i}\n`); // stdout to a pipe is synchronous: said means done
    i++;
  }
}

// only ever run as a script (the test bundles it and runs `node writer.mjs DIR`): the constants the
// test shares live apart, so no "am I the main module" check (it fails when a path is a symlink)
main(process.argv[2] ?? '.').catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
