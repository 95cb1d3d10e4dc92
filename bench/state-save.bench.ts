import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { StateFile } from '../src/server/store/state-file.js';
import { MemoryStore } from '../src/server/store/store.js';
import type { Benchmark } from './benchmark.js';

const NODES = 10;
const SERIES_PER_NODE = 150;
const POINTS = 1_440; // 24 h of one-minute polls

/**
 * Saving a big history (10 munin nodes × 150 series × 24 h at 1-minute polls) while the server
 * serves: the write is sliced, so compare its worst event-loop delay with the time one blocking
 * JSON.stringify of the same state takes (which is that call's delay), in the same run.
 */
export const stateSaveBenchmark: Benchmark = {
  name: 'state-save',
  async run() {
    const intervalMs = 60_000;
    const store = new MemoryStore({ munin: { intervalMs, historyMs: 24 * 3_600_000 } });
    const start = Date.now() - POINTS * intervalMs;
    const names = Array.from({ length: NODES * SERIES_PER_NODE }, (_, i) => `node${Math.floor(i / SERIES_PER_NODE)}/plugin${i % 30}/field${i % SERIES_PER_NODE}`);
    for (let p = 0; p < POINTS; p++) {
      const at = start + p * intervalMs;
      store.recordSuccess('munin', { type: 'metrics', at, samples: names.map((series, i) => ({ series, value: Math.round(Math.sin(p / 50 + i) * 1e4) / 100, unit: '', label: series })) });
    }
    const now = start + POINTS * intervalMs;
    const dir = await mkdtemp(path.join(tmpdir(), 'radiator-bench-state-'));
    try {
      const file = new StateFile(dir);
      const round2 = (n: number) => Number(n.toFixed(2));

      // one JSON.stringify holds the event loop for its whole duration: that is its delay
      const t0 = performance.now();
      const json = JSON.stringify(store.exportState(now));
      const stringifyMs = performance.now() - t0;

      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const t1 = performance.now();
      await file.write(store.exportState(now));
      const writeMs = performance.now() - t1;
      delay.disable();
      const bytes = (await stat(file.file)).size;
      return {
        series: names.length,
        pointsPerSeries: POINTS,
        fileMB: round2(bytes / 1e6),
        sameSizeAsStringify: bytes === Buffer.byteLength(json),
        slicedWrite: { ms: round2(writeMs), eventLoopDelayMs: { p99: round2(delay.percentile(99) / 1e6), max: round2(delay.max / 1e6) } },
        blockingStringifyMs: round2(stringifyMs),
        maxDelayRatioSlicedToBlocking: round2(delay.max / 1e6 / stringifyMs),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
