import { describe, expect, it } from 'vitest';
import { BoardCatalog } from '../../../src/server/boards/board-catalog.js';
import { bindTile, boardModelOf } from '../../../src/server/boards/board-model.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { MemoryStore } from '../../../src/server/store/store.js';

const config = validateConfig(
  {
    sources: {
      shop: { type: 'http', schedule: '*/5 * * * * *', targets: [{ name: 'checkout', url: 'http://127.0.0.1:1/' }] },
      idle: { type: 'http', schedule: '*/5 * * * * *', targets: [{ name: 'x', url: 'http://127.0.0.1:1/' }] },
    },
    boards: {
      ops: {
        title: 'Ops',
        columns: 3,
        rows: 1,
        tiles: [
          { id: 'checkout', title: 'Checkout', widget: 'latency', source: 'shop', x: 0, y: 0, options: { windowMinutes: 5 } },
          { id: 'time', widget: 'clock', x: 1, y: 0, w: 2 },
        ],
      },
      lobby: { title: 'Lobby', columns: 1, rows: 1, tiles: [{ id: 'shop-too', widget: 'number', source: 'shop', x: 0, y: 0, options: { series: 'checkout' } }] },
    },
    playlists: { wall: { boards: ['ops', 'lobby'], every: '90s' }, night: { title: 'Night', boards: ['lobby'], every: 20 } },
  },
  'test.json',
  builtInKinds,
);

describe('board model', () => {
  it('is worked out once from the config: grids, placements, tiles with titles defaulted, playlists in ms', () => {
    const model = boardModelOf(config, builtInKinds.tiles);
    const ops = model.boards.get('ops')!;
    expect(ops.info).toEqual({ id: 'ops', title: 'Ops', columns: 3, rows: 1 });
    expect(ops.layout).toEqual([
      { id: 'checkout', x: 0, y: 0, w: 1, h: 1 },
      { id: 'time', x: 1, y: 0, w: 2, h: 1 },
    ]);
    expect(ops.tiles.map((t) => t.tile)).toEqual([
      { id: 'checkout', title: 'Checkout', source: 'shop' },
      { id: 'time', title: 'time', source: null },
    ]);
    expect([...model.playlists.values()]).toEqual([
      { id: 'wall', title: 'wall', boards: ['ops', 'lobby'], everyMs: 90_000 },
      { id: 'night', title: 'Night', boards: ['lobby'], everyMs: 20_000 },
    ]);
    expect(model.sourceIds).toEqual(['shop', 'idle']);
  });

  it('says which playlist has no duration instead of showing each board for a made-up 30 s', () => {
    // validation refuses this (load-config.test.ts); a config that skipped it must not get a default
    const unchecked = { ...config, playlists: { wall: { boards: ['ops'], every: 'soon' } } };
    expect(() => boardModelOf(unchecked, builtInKinds.tiles)).toThrow('$.playlists.wall.every: "soon" is not a duration');
  });

  it('names the tile whose options do not fit its widget', () => {
    const ops = config.boards.ops!;
    const unchecked = { ...config, boards: { ops: { ...ops, tiles: [{ ...ops.tiles[0]!, options: { windowMinutes: -1 } }] } } };
    expect(() => boardModelOf(unchecked, builtInKinds.tiles)).toThrow(/^\$\.boards\.ops\.tiles\[0\]: .*windowMinutes/s);
    expect(() => bindTile({ ...ops.tiles[0]!, widget: 'clock' }, [])).toThrow('unknown widget "clock"');
  });
});

describe('board catalog', () => {
  const catalog = () => new BoardCatalog(boardModelOf(config, builtInKinds.tiles), new MemoryStore({ shop: { intervalMs: 5_000, historyMs: 3_600_000 }, idle: { intervalMs: 5_000, historyMs: 3_600_000 } }), 'v1');

  it('knows which boards show a source, in config order, and computes only those tiles for it', () => {
    const c = catalog();
    expect(c.boardsShowing('shop')).toEqual(['ops', 'lobby']);
    expect(c.boardsShowing('idle')).toEqual([]);
    expect(c.views('ops', 1_000, 'shop').map((v) => v.id)).toEqual(['checkout']);
    expect(c.views('ops', 1_000).map((v) => v.id)).toEqual(['checkout', 'time']);
    expect(c.snapshot('lobby', 1_000)).toMatchObject({ board: { id: 'lobby' }, layout: [{ id: 'shop-too' }], serverVersion: 'v1', serverTime: new Date(1_000).toISOString() });
    expect(() => c.views('nope', 1_000)).toThrow('unknown board "nope"');
    expect(c.has('nope')).toBe(false);
    expect(c.playlist('nope')).toBeUndefined();
  });

  it('hands out copies: what a caller changes never changes the boards', () => {
    const c = catalog();
    c.info('ops').title = 'changed';
    c.layout('ops')[0]!.w = 3;
    c.playlist('wall')!.boards.push('lobby');
    c.playlists()[0]!.everyMs = 1;
    c.boardsShowing('shop').pop();
    expect(c.info('ops').title).toBe('Ops');
    expect(c.layout('ops')[0]!.w).toBe(1);
    expect(c.playlist('wall')).toEqual({ id: 'wall', title: 'wall', boards: ['ops', 'lobby'], everyMs: 90_000 });
    expect(c.boardsShowing('shop')).toEqual(['ops', 'lobby']);
  });
});
