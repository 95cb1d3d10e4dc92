import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../src/server/logger.js';
import type { MetricsReading } from '../src/server/readings/metrics.js';
import { PersistentStore } from '../src/server/store/persistent-store.js';
import { openStoreDatabase } from '../src/server/store/sqlite-connection.js';
import { SqliteRepository } from '../src/server/store/sqlite-repository.js';
import { StateFile } from '../src/server/store/state-file.js';
import { MemoryStore } from '../src/server/store/store.js';
import type { Benchmark } from './benchmark.js';

/** Says nothing: only the Logger interface, whichever logger the server uses. */
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

const SERIES = 1_500;
const POLL_MS = 10_000;
const HISTORY_MS = 24 * 3_600_000;
const POINTS = HISTORY_MS / POLL_MS; // 8,640 per series: 12.96 million in all
/** Polls measured, and how far apart in real time: 40× faster than the real 10 s, so the delay percentiles are pessimistic. */
const MEASURED_POLLS = 40;
const BENCH_POLL_EVERY_MS = 250;

const names = Array.from({ length: SERIES }, (_, i) => `node${Math.floor(i / 150)}/plugin${i % 30}/field${i % 150}`);
const poll = (at: number, p: number): MetricsReading => ({
  type: 'metrics',
  at,
  samples: names.map((series, i) => ({ series, value: Math.round(Math.sin(p / 50 + i) * 1e4) / 100, unit: '', label: series })),
});

const round2 = (n: number) => Number(n.toFixed(2));
const delayMs = (h: IntervalHistogram) => ({ p50: round2(h.percentile(50) / 1e6), p99: round2(h.percentile(99) / 1e6), max: round2(h.max / 1e6) });
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

/**
 * 1,500 series polled every 10 s with 24 h of history (13 million points): what one poll costs the
 * event loop with the SQLite store (the in-memory update, and the group commit of its 1,500 points),
 * the event-loop delay while polls are written, the start-up restore of the whole day and a retention
 * pass; compared in the same run with today's JSON state file, which writes the whole history on
 * every save (every 5 s: once per poll at 10 s).
 */
export const sqliteStoreBenchmark: Benchmark = {
  name: 'sqlite-store',
  async run() {
    const dir = await mkdtemp(path.join(tmpdir(), 'radiator-bench-sqlite-'));
    const file = path.join(dir, 'radiator.db');
    const start = Date.now() - HISTORY_MS;
    let clock = start + (POINTS - 1) * POLL_MS;
    const sources = { munin: { intervalMs: POLL_MS, historyMs: HISTORY_MS } };
    try {
      // a day of history, written by SQLite itself: as the store would have appended it, poll by poll
      const seedStarted = performance.now();
      const { db } = openStoreDatabase(file, 1_000);
      db.transaction(() => {
        db.prepare("INSERT INTO sources (id, name) VALUES (1, 'munin')").run();
        const insertSeries = db.prepare('INSERT INTO series (id, source_id, name) VALUES (?, 1, ?)');
        names.forEach((name, i) => insertSeries.run(i + 1, name));
        db.prepare('INSERT INTO readings (source_id, at, body) VALUES (1, ?, ?)').run(clock, JSON.stringify(poll(clock, POINTS - 1)));
        db.prepare("INSERT INTO polls (source_id, state, last_success_at, last_attempt_at, consecutive_failures) VALUES (1, 'ok', ?, ?, 0)").run(clock, clock);
        db.prepare(
          `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
           INSERT INTO history_points (source_id, series_id, at, value)
           SELECT 1, s.id, ? + k.i * ?, round(sin(k.i / 50.0 + s.id) * 100, 2) FROM k, series s ORDER BY k.i, s.id`,
        ).run(POINTS - 1, start, POLL_MS);
      })();
      db.close();
      const seedMs = performance.now() - seedStarted;

      const view = new MemoryStore(sources);
      const store = new PersistentStore({
        sources,
        view,
        repository: new SqliteRepository({ file, now: () => clock, logger: quiet }),
        now: () => clock,
        logger: quiet,
        retentionEveryMs: 3_600_000,
      });

      // start-up: the day comes back while the loop keeps turning
      let delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const restoreStarted = performance.now();
      await store.restore();
      const restoreMs = performance.now() - restoreStarted;
      delay.disable();
      const restoreDelay = delayMs(delay);
      const restoredPoints = view.history('munin', names[0]!).length;

      // polls: the recording on the fan-out's path, then the group commit on the next turn
      const recordMs: number[] = [];
      const commitMs: number[] = [];
      delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      for (let p = 0; p < MEASURED_POLLS; p++) {
        clock += POLL_MS;
        const reading = poll(clock, POINTS + p);
        const t0 = performance.now();
        store.recordSuccess('munin', reading);
        const t1 = performance.now();
        await store.flush();
        commitMs.push(performance.now() - t1);
        recordMs.push(t1 - t0);
        await sleep(BENCH_POLL_EVERY_MS);
      }
      delay.disable();
      const pollDelay = delayMs(delay);
      const saving = store.persistence().saving;

      // an hour later: retention deletes the hour that left the window, in steps
      clock += 3_600_000;
      delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const expireStarted = performance.now();
      await store.expireHistory();
      const expireMs = performance.now() - expireStarted;
      delay.disable();
      const expireDelay = delayMs(delay);
      await store.close();
      const dbMB = (await stat(file)).size / 1e6;

      // today's JSON state file: the whole history, sliced, on every save
      const stateFile = new StateFile(dir);
      delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const jsonStarted = performance.now();
      await stateFile.write(view.exportState(clock));
      const jsonMs = performance.now() - jsonStarted;
      delay.disable();
      const jsonDelay = delayMs(delay);
      const jsonMB = (await stat(stateFile.file)).size / 1e6;

      const sqlitePerPoll = percentile(recordMs.map((r, i) => r + commitMs[i]!), 50);
      return {
        series: SERIES,
        pointsPerSeries: POINTS,
        seedMs: Math.round(seedMs),
        sqlite: {
          dbMB: round2(dbMB),
          restore: { ms: Math.round(restoreMs), pointsPerSeries: restoredPoints, eventLoopDelayMs: restoreDelay },
          perPoll: {
            recordMs: { p50: round2(percentile(recordMs, 50)), max: round2(Math.max(...recordMs)) },
            commitMs: { p50: round2(percentile(commitMs, 50)), p99: round2(percentile(commitMs, 99)), max: round2(Math.max(...commitMs)) },
            pollsMeasured: MEASURED_POLLS,
            benchPollEveryMs: BENCH_POLL_EVERY_MS,
            eventLoopDelayMs: pollDelay,
          },
          retentionOneHour: { ms: Math.round(expireMs), pointsDeleted: 360 * SERIES, eventLoopDelayMs: expireDelay },
          savingAfterRun: saving,
        },
        jsonStateFile: {
          fileMB: round2(jsonMB),
          perSave: { ms: Math.round(jsonMs), eventLoopDelayMs: jsonDelay },
        },
        writeCostPerPollRatioJsonToSqlite: round2(jsonMs / sqlitePerPoll),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
