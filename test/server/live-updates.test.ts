import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TileView } from '../../src/shared/tile-view.js';
import { validateConfig } from '../../src/server/config/load-config.js';
import type { Hub } from '../../src/server/hub/hub.js';
import { LiveUpdates } from '../../src/server/live-updates.js';
import { silentLogger } from '../helpers/test-logger.js';
import type { MetricsReading } from '../../src/server/readings/metrics.js';
import { MemoryStore } from '../../src/server/store/store.js';
import { BoardCatalog } from '../../src/server/boards/board-catalog.js';
import { boardModelOf } from '../../src/server/boards/board-model.js';
import { builtInKinds } from '../../src/server/built-in-kinds.js';

const config = validateConfig(
  {
    sources: { shop: { type: 'http', schedule: '*/5 * * * * *', targets: [{ name: 'checkout', url: 'http://127.0.0.1:1/' }] } },
    boards: {
      ops: {
        title: 'Ops',
        columns: 2,
        rows: 1,
        tiles: [
          { id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0 },
          { id: 'broken', widget: 'number', source: 'shop', x: 1, y: 0, options: { series: 'checkout' } },
        ],
      },
    },
  },
  'test.json',
  builtInKinds,
);

const reading = (at: number, value: number): MetricsReading => ({ type: 'metrics', at, samples: [{ series: 'checkout', value, unit: 'ms', label: 'checkout' }] });

/** The hub's surface LiveUpdates uses, with viewers switched by hand and what was published kept. */
function fakeHub() {
  let viewers = 0;
  const published: TileView[][] = [];
  const snapshotListeners: ((boardId: string, views: readonly TileView[]) => void)[] = [];
  const hub = {
    publish: (_boardId: string, views: TileView[]) => void (views.length && published.push(views)),
    publishNotes: () => {},
    hasViewers: () => viewers > 0,
    onSnapshot: (listener: (boardId: string, views: readonly TileView[]) => void) => {
      snapshotListeners.push(listener);
      return () => {};
    },
  };
  return {
    hub: hub as unknown as Hub,
    published,
    setViewers: (n: number) => void (viewers = n),
    sendSnapshot: (views: readonly TileView[]) => snapshotListeners.forEach((l) => l('ops', views)),
  };
}

afterEach(() => void vi.useRealTimers());

/** Live updates of the ops board on fake time, with one display watching; `shown` is the number tile's value in an update. */
function watchedOnFakeTime() {
  vi.useFakeTimers({ now: 1_000_000 });
  const store = new MemoryStore({ shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
  const catalog = new BoardCatalog(boardModelOf(config, builtInKinds.tiles), store, 'test');
  const { hub, published, setViewers } = fakeHub();
  const live = new LiveUpdates(store, catalog, hub, Date.now, silentLogger(), 1_000);
  live.start();
  setViewers(1);
  const shown = (views: TileView[] | undefined) => views?.map((v) => (v.widget === 'number' ? v.data.current : null)).find((value) => value !== null);
  return { store, published, live, shown };
}

describe('live updates', () => {
  it('sends a display that joins a board nobody watched only what changes after its snapshot', () => {
    vi.useFakeTimers();
    let now = 1_000_000;
    const store = new MemoryStore({ shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
    const catalog = new BoardCatalog(boardModelOf(config, builtInKinds.tiles), store, 'test');
    const { hub, published, setViewers, sendSnapshot } = fakeHub();
    const live = new LiveUpdates(store, catalog, hub, () => now, silentLogger(), 1_000);
    live.start();
    setViewers(1);
    store.recordSuccess('shop', reading(now, 100));
    expect(published.at(-1)!.map((v) => v.id)).toEqual(['checkout', 'broken']);

    setViewers(0); // the last display leaves; the upstream breaks
    now += 5_000;
    store.recordFailure('shop', 'HTTP 500', now);
    setViewers(1); // a display joins and gets a fresh snapshot
    sendSnapshot(catalog.views('ops', now));
    const before = published.length;
    now += 5_000;
    store.recordFailure('shop', 'HTTP 500', now); // the same failure again: the tiles look as in the snapshot
    vi.advanceTimersByTime(1_000); // and the sweep
    expect(published.slice(before)).toEqual([]);
    live.stop();
  });

  it('re-sends the tiles of a source whose data turns stale with time alone, and only those', () => {
    vi.useFakeTimers();
    let now = 1_000_000;
    const store = new MemoryStore({ shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
    const catalog = new BoardCatalog(boardModelOf(config, builtInKinds.tiles), store, 'test');
    const { hub, published, setViewers } = fakeHub();
    const live = new LiveUpdates(store, catalog, hub, () => now, silentLogger(), 1_000);
    live.start();
    setViewers(1);
    store.recordSuccess('shop', reading(now, 100));
    const before = published.length;
    now += 5_000;
    vi.advanceTimersByTime(1_000);
    expect(published.length).toBe(before); // one interval late: still fresh, nothing to send
    now += 6_000;
    vi.advanceTimersByTime(1_000); // more than two intervals without a poll
    expect(published.slice(before).flat().map((v) => [v.id, v.stale])).toEqual([['checkout', true], ['broken', true]]);
    live.stop();
  });

  it('sends a flood of changes to a source at most every 250 ms: the first at once, the rest together at the end of the gap', () => {
    const { store, published, live, shown } = watchedOnFakeTime();
    store.recordSuccess('shop', reading(Date.now(), 100));
    expect(published).toHaveLength(1);
    expect(shown(published[0])).toBe(100);
    for (let i = 1; i <= 200; i++) {
      vi.advanceTimersByTime(1); // a push a millisecond, as a busy sender does
      store.recordSuccess('shop', reading(Date.now(), 100 + i));
    }
    expect(published).toHaveLength(1); // held back…
    vi.advanceTimersByTime(49);
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(published).toHaveLength(2); // …and sent together 250 ms after the first, as the newest
    expect(shown(published[1])).toBe(300);
    vi.advanceTimersByTime(1_000);
    store.recordSuccess('shop', reading(Date.now(), 200));
    expect(published).toHaveLength(3); // after a quiet spell a change goes out at once
    expect(shown(published[2])).toBe(200);
    live.stop();
  });

  it('sends a restored state at once even within the gap, so a poll landing right after cannot hide it', () => {
    const { store, published, live, shown } = watchedOnFakeTime();
    store.recordSuccess('shop', reading(Date.now(), 100));
    vi.advanceTimersByTime(10);
    store.recordSuccess('shop', reading(Date.now(), 4242)); // as a restore would set it, then says so
    live.resync();
    expect(published).toHaveLength(2);
    expect(shown(published[1])).toBe(4242);
    vi.advanceTimersByTime(10);
    store.recordSuccess('shop', reading(Date.now(), 7)); // the first poll after the restore
    expect(published).toHaveLength(2);
    vi.advanceTimersByTime(250);
    expect(published).toHaveLength(3);
    expect(shown(published[2])).toBe(7);
    live.stop();
  });
});
