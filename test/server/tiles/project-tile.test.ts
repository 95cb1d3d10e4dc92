import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import type { LiveStore } from '../../../src/server/store/store-ports.js';
import { projectTile } from '../../../src/server/tiles/project-tile.js';
import { bindTile } from '../../../src/server/boards/board-model.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';

const config = validateConfig(
  {
    sources: { shop: { type: 'http', schedule: '*/5 * * * * *', targets: [{ name: 'checkout', url: 'http://127.0.0.1:1/' }] } },
    boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0 }] } },
  },
  'test.json',
  builtInKinds,
);
const tile = bindTile(config.boards.ops!.tiles[0]!, builtInKinds.tiles);

describe('projecting a tile', () => {
  it('turns a failing projection into an unknown tile with the error, not an exception', () => {
    const now = 1_000_000;
    const store = new MemoryStore({ shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
    store.recordSuccess('shop', { type: 'metrics', at: now, samples: [{ series: 'checkout', value: 120, unit: 'ms', label: 'checkout' }] });
    const broken: LiveStore = Object.assign(Object.create(store) as LiveStore, {
      history: () => {
        throw new Error('history unreadable');
      },
    });
    const view = projectTile(tile, broken, now);
    expect(view).toMatchObject({ id: 'checkout', widget: 'latency', status: 'unknown', reason: 'cannot build this tile: history unreadable' });
    expect(view.data).toMatchObject({ series: [] }); // the widget's empty data, which it knows how to draw
    expect(projectTile(tile, store, now)).toMatchObject({ status: 'ok', reason: null });
  });

  it('checks that the reading is of the kind the widget reads: another kind makes this tile unknown, saying why', () => {
    const now = 1_000_000;
    const store = new MemoryStore({ shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
    // e.g. restored from disk, saved while "shop" was a nagios source
    store.recordSuccess('shop', { type: 'monitoring', at: now, upstream: { program: 'Nagios', reachable: true, checking: true, lastUpdate: now, detail: null }, checks: [] });
    expect(projectTile(tile, store, now)).toMatchObject({
      widget: 'latency',
      status: 'unknown',
      reason: 'cannot build this tile: its source gave a monitoring reading; the latency widget reads metrics readings',
      data: { series: [] },
    });
  });

  it('parses the tile options once, when it is bound', () => {
    const bound = bindTile({ ...config.boards.ops!.tiles[0]!, options: { windowMinutes: 5 } }, builtInKinds.tiles);
    const store = new MemoryStore({ shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
    store.recordSuccess('shop', { type: 'metrics', at: 10, samples: [{ series: 'checkout', value: 1, unit: 'ms', label: 'checkout' }] });
    expect(projectTile(bound, store, 10).data).toMatchObject({ windowMs: 300_000 });
    expect(() => bindTile({ ...config.boards.ops!.tiles[0]!, options: { windowMinutes: -1 } }, builtInKinds.tiles)).toThrow(/windowMinutes/);
  });
});
