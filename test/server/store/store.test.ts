import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import { BoundedSeries } from '../../../src/server/store/history.js';
import { StateFile } from '../../../src/server/store/state-file.js';
import { MemoryStore } from '../../../src/server/store/store.js';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const reading = (at: number, value: number | null = 100): MetricsReading => ({
  type: 'metrics',
  at,
  samples: [{ series: 'checkout', value, unit: 'ms', label: 'checkout' }],
});
const newStore = () => new MemoryStore({ web: { intervalMs: 5_000, historyMs: 60_000 } });

describe('source health and staleness', () => {
  it('is stale, waiting, before the first poll', () => {
    const h = newStore().health('web', T0);
    expect(h).toMatchObject({ state: 'pending', stale: true, staleReason: 'waiting for the first poll' });
  });

  it('is fresh after a success and stale once the last success is older than 2 intervals', () => {
    const store = newStore();
    store.recordSuccess('web', reading(T0));
    expect(store.health('web', T0 + 10_000)).toMatchObject({ state: 'ok', stale: false, staleReason: null, lastSuccessAt: T0 });
    const late = store.health('web', T0 + 10_001);
    expect(late.stale).toBe(true);
    expect(late.staleReason).toBe('no fresh data for over 10 s (polled every 5 s)');
    // the reason does not tick with the clock, so stale tiles are not re-sent every second
    expect(store.health('web', T0 + 60_000).staleReason).toBe(late.staleReason);
  });

  it('is stale with the error as reason as soon as a poll fails, keeping the last reading', () => {
    const store = newStore();
    store.recordSuccess('web', reading(T0, 42));
    store.recordFailure('web', 'connection refused by 127.0.0.1:1', T0 + 5_000);
    store.recordFailure('web', 'connection refused by 127.0.0.1:1', T0 + 10_000);
    expect(store.health('web', T0 + 10_000)).toMatchObject({
      state: 'error',
      stale: true,
      staleReason: 'connection refused by 127.0.0.1:1',
      consecutiveFailures: 2,
      lastSuccessAt: T0,
    });
    expect(store.reading('web')).toMatchObject({ samples: [{ value: 42 }] });
    store.recordSuccess('web', reading(T0 + 15_000));
    expect(store.health('web', T0 + 15_000)).toMatchObject({ state: 'ok', stale: false, consecutiveFailures: 0 });
  });

  it('tells subscribers which source changed', () => {
    const store = newStore();
    const seen: string[] = [];
    const unsubscribe = store.subscribe((id) => seen.push(id));
    store.recordSuccess('web', reading(T0));
    store.recordFailure('web', 'x', T0);
    unsubscribe();
    store.recordSuccess('web', reading(T0 + 1));
    expect(seen).toEqual(['web', 'web']);
  });
});

describe('bounded history', () => {
  it('keeps at most maxPoints and nothing older than maxAge', () => {
    const series = new BoundedSeries(3, 10_000);
    for (let i = 0; i < 5; i++) series.append([T0 + i * 1000, i]);
    expect(series.values()).toEqual([[T0 + 2000, 2], [T0 + 3000, 3], [T0 + 4000, 4]]);
    series.append([T0 + 13_500, 9]);
    expect(series.values()).toEqual([[T0 + 4000, 4], [T0 + 13_500, 9]]);
  });

  it('stays bounded over a long run and ignores points that go back in time', () => {
    const series = new BoundedSeries(100, 1e12);
    for (let i = 0; i < 100_000; i++) series.append([T0 + i, i]);
    series.append([T0, -1]);
    expect(series.size).toBe(100);
    expect(series.values()[0]).toEqual([T0 + 99_900, 99_900]);
    expect(series.values()[99]).toEqual([T0 + 99_999, 99_999]);
  });

  it('records each metric sample of a successful poll, capped by the source\'s history window', () => {
    const store = newStore();
    for (let i = 0; i < 30; i++) store.recordSuccess('web', reading(T0 + i * 5_000, i));
    const points = store.history('web', 'checkout');
    expect(points[points.length - 1]).toEqual([T0 + 29 * 5_000, 29]);
    expect(points[0]![0]).toBeGreaterThanOrEqual(T0 + 29 * 5_000 - 60_000);
  });
});

describe('persistence', () => {
  it('restores readings, history and health after a restart, marked stale until the first fresh poll', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-store-'));
    const before = newStore();
    before.recordSuccess('web', reading(T0, 7));
    before.recordSuccess('web', reading(T0 + 5_000, 8));
    await new StateFile(dir).write(before.exportState(T0 + 5_000));
    expect(readdirSync(dir)).toEqual(['store.json']); // the temp file was renamed, not left behind

    const after = newStore();
    const outcome = await new StateFile(dir).read((id, saved) => after.importSource(id, saved, T0 + 6_000));
    expect(outcome).toEqual({ outcome: 'restored', savedAt: T0 + 5_000, sources: 1 });
    expect(after.reading('web')).toMatchObject({ samples: [{ value: 8 }] });
    expect(after.history('web', 'checkout')).toEqual([[T0, 7], [T0 + 5_000, 8]]);
    expect(after.health('web', T0 + 6_000)).toMatchObject({ stale: true, restored: true, staleReason: expect.stringContaining('restored from disk') });
    after.recordSuccess('web', reading(T0 + 10_000, 9));
    expect(after.health('web', T0 + 10_000)).toMatchObject({ stale: false, restored: false });
  });

  it('ages out series that stopped reporting, in memory, on save and on restore', () => {
    const store = newStore(); // history limit 60 s
    store.recordSuccess('web', { type: 'metrics', at: T0, samples: [{ series: 'veth1', value: 1, unit: '', label: 'veth1' }, { series: 'eth0', value: 1, unit: '', label: 'eth0' }] });
    const eth0 = (at: number) => ({ type: 'metrics' as const, at, samples: [{ series: 'eth0', value: 2, unit: '', label: 'eth0' }] });
    store.recordSuccess('web', eth0(T0 + 30_000));
    expect(store.history('web', 'veth1')).toEqual([[T0, 1]]);
    store.recordSuccess('web', eth0(T0 + 61_000));
    expect(store.history('web', 'veth1')).toEqual([]);
    expect(Object.keys(store.exportState(T0 + 61_000).sources.web!.history)).toEqual(['eth0']);

    // a state file saved long ago brings back nothing older than the limit
    const saved = store.exportState(T0 + 61_000);
    const restored = newStore();
    restored.importState(saved, T0 + 10 * 60_000);
    expect(restored.exportState(T0 + 10 * 60_000).sources.web!.history).toEqual({});
    expect(restored.reading('web')).toMatchObject({ at: T0 + 61_000 }); // the last reading itself stays, marked stale
  });

  it('drops sources that are no longer configured', () => {
    const old = new MemoryStore({ web: { intervalMs: 5_000, historyMs: 60_000 }, gone: { intervalMs: 5_000, historyMs: 60_000 } });
    old.recordSuccess('gone', reading(T0));
    const fresh = newStore();
    fresh.importState(old.exportState(T0), T0);
    expect(fresh.reading('web')).toBeNull();
    expect(() => fresh.health('gone', T0)).toThrow(/unknown source/);
  });

  it('reports a corrupt or foreign state file instead of crashing, and moves it aside', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-store-'));
    const file = path.join(dir, 'store.json');
    const ignore = () => {
      throw new Error('nothing may be imported from a bad file');
    };
    writeFileSync(file, '{"version": 1, "sources": {');
    expect(await new StateFile(dir).read(ignore)).toEqual({
      outcome: 'failed',
      problem: expect.stringMatching(new RegExp(`^${file} is not valid JSON \\(.+\\); starting empty \\(the file was moved to ${file}\\.rejected\\)$`)),
    });
    expect(readdirSync(dir)).toEqual(['store.json.rejected']);
    writeFileSync(file, '{"version": 99}');
    expect(await new StateFile(dir).read(ignore)).toEqual({ outcome: 'failed', problem: expect.stringContaining('not a Radiator state file of this version ($.version is 99; expected 1)') });
    expect(await new StateFile(path.join(dir, 'none')).read(ignore)).toEqual({ outcome: 'none' });
  });

  it('restores a history too big for one hand-over from the reader thread, in parts, losing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-store-'));
    const spec = { big: { intervalMs: 1_000, historyMs: 86_400_000 } };
    const series = ['a', 'b', 'c'];
    const saved = new MemoryStore(spec);
    for (let i = 0; i < 15_000; i++) {
      saved.recordSuccess('big', { type: 'metrics', at: T0 + i * 1_000, samples: series.map((name, k) => ({ series: name, value: i % 7 === k ? null : i + k / 10, unit: '', label: name })) });
    }
    const state = saved.exportState(T0 + 15_000_000);
    await new StateFile(dir).write(state);
    const restored = new MemoryStore(spec);
    const parts: number[] = [];
    const outcome = await new StateFile(dir).read((id, part) => {
      parts.push(Object.keys(part.history).length);
      restored.importSource(id, part, T0 + 15_000_000);
    });
    expect(outcome).toEqual({ outcome: 'restored', savedAt: T0 + 15_000_000, sources: 1 });
    expect(parts.length).toBeGreaterThan(2); // the source, then its series in more than one part
    const back = restored.exportState(T0 + 15_000_000).sources.big!;
    expect(back.reading).toEqual(state.sources.big!.reading);
    expect(back.poll).toEqual({ ...state.sources.big!.poll, restored: true });
    for (const name of series) expect(back.history[name]).toEqual(state.sources.big!.history[name]);
  });

  it('merges a restore that finishes after the first polls: the polls win, the saved history goes before them', () => {
    const saved = newStore();
    saved.recordSuccess('web', reading(T0, 1));
    saved.recordSuccess('web', reading(T0 + 5_000, 2));
    const state = saved.exportState(T0 + 5_000);

    const polledFirst = newStore();
    polledFirst.beginRestore();
    polledFirst.recordSuccess('web', reading(T0 + 20_000, 9));
    polledFirst.importState(state, T0 + 21_000);
    polledFirst.endRestore();
    expect(polledFirst.reading('web')).toMatchObject({ at: T0 + 20_000, samples: [{ value: 9 }] });
    expect(polledFirst.health('web', T0 + 21_000)).toMatchObject({ state: 'ok', stale: false, restored: false, lastSuccessAt: T0 + 20_000 });
    expect(polledFirst.history('web', 'checkout')).toEqual([[T0, 1], [T0 + 5_000, 2], [T0 + 20_000, 9]]);

    // the polls since the start failed: the saved data stays on the wall, stale with today's error
    const failedFirst = newStore();
    failedFirst.beginRestore();
    failedFirst.recordFailure('web', 'connection refused by 127.0.0.1:1', T0 + 20_000);
    failedFirst.importState(state, T0 + 21_000);
    failedFirst.endRestore();
    expect(failedFirst.reading('web')).toMatchObject({ at: T0 + 5_000, samples: [{ value: 2 }] });
    expect(failedFirst.health('web', T0 + 21_000)).toMatchObject({ state: 'error', stale: true, staleReason: 'connection refused by 127.0.0.1:1', lastSuccessAt: T0 + 5_000 });
  });

  it('says the last known state is on its way while it loads, and restoring is neither a poll nor a change to save', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-store-'));
    const saved = newStore();
    saved.recordSuccess('web', reading(T0, 7));
    await new StateFile(dir).write(saved.exportState(T0));

    const store = new MemoryStore({ web: { intervalMs: 5_000, historyMs: 60_000 }, other: { intervalMs: 5_000, historyMs: 60_000 } });
    const heard: string[] = [];
    store.subscribe((id) => heard.push(id));
    store.beginRestore();
    const restoring = { state: 'pending', stale: true, staleReason: 'restoring the last known state from disk…' };
    expect(store.health('web', T0)).toMatchObject(restoring);
    await new StateFile(dir).read((id, part) => {
      store.importSource(id, part, T0 + 1_000);
      // partly loaded is still loading
      expect(store.health('web', T0 + 1_000)).toMatchObject({ stale: true, staleReason: restoring.staleReason });
    });
    store.endRestore();
    expect(store.health('web', T0 + 1_000)).toMatchObject({ state: 'ok', stale: true, staleReason: 'restored from disk after a restart; waiting for the first poll' });
    expect(store.health('other', T0 + 1_000).staleReason).toBe('waiting for the first poll');
    expect(heard).toEqual([]); // subscribers hear of polls only
  });
});
