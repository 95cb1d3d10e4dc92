import { validateConfig } from '../src/server/config/load-config.js';
import { MemoryStore } from '../src/server/store/store.js';
import { BoardCatalog } from '../src/server/boards/board-catalog.js';
import { boardModelOf } from '../src/server/boards/board-model.js';
import { ViewDiff } from '../src/server/tiles/view-diff.js';
import type { Benchmark } from './benchmark.js';
import { builtInKinds } from '../src/server/built-in-kinds.js';

/** Cost of recomputing and diffing a 24-tile board whose source has a day of 5 s history. */
export const viewDiffBenchmark: Benchmark = {
  name: 'board-views',
  async run() {
    const tiles = Array.from({ length: 24 }, (_, i) => ({
      id: `t${i}`, widget: 'latency', source: 'probe', x: i % 6, y: Math.floor(i / 6), options: { series: [`s${i % 8}`], windowMinutes: 60 },
    }));
    const config = validateConfig({
      sources: { probe: { type: 'http', schedule: '*/5 * * * * *', targets: [{ url: 'http://127.0.0.1:1/' }] } },
      boards: { b: { title: 'bench', columns: 6, rows: 4, tiles } },
    }, 'bench', builtInKinds);
    const store = new MemoryStore({ probe: { intervalMs: 5000, historyMs: 86_400_000 } });
    const start = Date.now() - 86_400_000;
    for (let t = 0; t < 17_280; t++) {
      store.recordSuccess('probe', {
        type: 'metrics', at: start + t * 5000,
        samples: Array.from({ length: 8 }, (_, s) => ({ series: `s${s}`, value: 100 + Math.sin(t / 50 + s) * 50, unit: 'ms', label: `s${s}` })),
      });
    }
    const catalog = new BoardCatalog(boardModelOf(config, builtInKinds.tiles), store, 'bench');
    const diff = new ViewDiff();
    const rounds = 50;
    const t0 = performance.now();
    let changed = 0;
    for (let r = 0; r < rounds; r++) changed += diff.changed(catalog.views('b', Date.now() + r * 1000)).length;
    const ms = (performance.now() - t0) / rounds;
    return { tiles: 24, historyPointsPerSeries: 17_280, msPerBoardRecompute: Number(ms.toFixed(2)), changedPerRound: changed / rounds };
  },
};
