import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import type { Check, MonitoringReading } from '../../../src/server/readings/monitoring.js';
import type { Reading } from '../../../src/server/readings/reading-kind.js';
import type { StoredSourceSpec } from '../../../src/server/store/store.js';
import type { EventLog, LiveStore } from '../../../src/server/store/store-ports.js';
import { monitoringCheck, monitoringReading } from '../../helpers/monitoring-fixtures.js';

/** One opened store, as the contract drives it. */
export interface StoreUnderTest {
  store: LiveStore;
  events: EventLog;
  /** Makes what was recorded durable (nothing to do for a store that keeps nothing). */
  settle(): Promise<void>;
  /** Runs the durable copy's history retention at the store's clock (nothing for memory). */
  expire(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreFactory {
  name: string;
  /** Opens a store kept in `dir` (a fresh directory per test); opening the same dir again is a restart. */
  open(specs: Record<string, StoredSourceSpec>, dir: string, now: () => number): Promise<StoreUnderTest>;
  /** Whether recorded state and appended events survive a restart. */
  persistent: boolean;
}

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const SPECS: Record<string, StoredSourceSpec> = {
  web: { intervalMs: 5_000, historyMs: 60_000 },
  nagios: { intervalMs: 15_000, historyMs: 60_000 },
};

const metrics = (at: number, values: Record<string, number | null>): MetricsReading => ({
  type: 'metrics',
  at,
  samples: Object.entries(values).map(([series, value]) => ({ series, value, unit: 'ms', label: series })),
});

const monitoring = (at: number): Reading =>
  monitoringReading(at, [
    monitoringCheck('db1', 'disk', 'critical', { output: 'DISK CRITICAL - / is 100% full', lastCheck: at, lastStateChange: at - 60_000, hostgroups: ['db'] }),
  ]);

/** A Nagios reading with these checks ("host" or "host/service") in these states, changed at `changedAt` when given. */
const checksAt = (at: number, states: Record<string, Check['state']>, changedAt: Record<string, number> = {}): MonitoringReading =>
  monitoringReading(
    at,
    Object.entries(states).map(([name, state]) => {
      const [host = name, service = null] = name.split('/');
      return monitoringCheck(host, service, state, { lastCheck: at, lastStateChange: changedAt[name] ?? null });
    }),
  );

const DAY = 86_400_000;

/**
 * The store's contract, written once and run against every implementation (MemoryStore, SqliteStore,
 * and whatever comes next): what the scheduler records, what tiles read, what is kept across a
 * restart, and the event log's appends.
 */
export function defineStoreContract(factory: StoreFactory): void {
  describe(`store contract: ${factory.name}`, () => {
    let clock = T0;
    const now = () => clock;
    const open: StoreUnderTest[] = [];
    const dirs: string[] = [];

    const newDir = () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'radiator-contract-'));
      dirs.push(dir);
      return dir;
    };
    const start = async (dir: string, specs = SPECS) => {
      const opened = await factory.open(specs, dir, now);
      open.push(opened);
      return opened;
    };
    const restart = async (before: StoreUnderTest, dir: string, specs = SPECS) => {
      await before.settle();
      await before.close();
      open.splice(open.indexOf(before), 1);
      return start(dir, specs);
    };

    afterEach(async () => {
      clock = T0;
      await Promise.all(open.splice(0).map((o) => o.close()));
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    it('knows each configured source as waiting before its first poll, and refuses unknown sources', async () => {
      const { store } = await start(newDir());
      expect(store.health('web', T0)).toMatchObject({ state: 'pending', stale: true, staleReason: 'waiting for the first poll' });
      expect(store.reading('web')).toBeNull();
      expect(store.history('web', 'checkout')).toEqual([]);
      expect(() => store.recordSuccess('nope', metrics(T0, { a: 1 }))).toThrow(/unknown source "nope"/);
      expect(() => store.recordFailure('nope', 'x', T0)).toThrow(/unknown source "nope"/);
    });

    it('records a success as the last reading, fresh, and a failure as stale with its reason, keeping the reading', async () => {
      const { store } = await start(newDir());
      store.recordSuccess('web', metrics(T0, { checkout: 120 }));
      expect(store.reading('web')).toEqual(metrics(T0, { checkout: 120 }));
      expect(store.health('web', T0 + 1_000)).toMatchObject({ state: 'ok', stale: false, lastSuccessAt: T0, consecutiveFailures: 0, restored: false });

      store.recordFailure('web', 'connection refused by 127.0.0.1:18701', T0 + 5_000);
      store.recordFailure('web', 'connection refused by 127.0.0.1:18701', T0 + 10_000);
      expect(store.health('web', T0 + 10_000)).toMatchObject({
        state: 'error',
        stale: true,
        staleReason: 'connection refused by 127.0.0.1:18701',
        consecutiveFailures: 2,
        lastSuccessAt: T0,
        lastErrorAt: T0 + 10_000,
      });
      expect(store.reading('web')).toEqual(metrics(T0, { checkout: 120 }));

      store.recordSuccess('web', metrics(T0 + 15_000, { checkout: 90 }));
      expect(store.health('web', T0 + 15_000)).toMatchObject({ state: 'ok', stale: false, consecutiveFailures: 0 });
      expect(store.reading('web')?.at).toBe(T0 + 15_000);
    });

    it('keeps monitoring readings whole, without history', async () => {
      const { store } = await start(newDir());
      store.recordSuccess('nagios', monitoring(T0));
      expect(store.reading('nagios')).toEqual(monitoring(T0));
      expect(store.history('nagios', 'db1')).toEqual([]);
    });

    it('keeps the history of each series within its source\'s window, oldest first', async () => {
      const { store } = await start(newDir()); // window 60 s, polled every 5 s
      for (let i = 0; i < 30; i++) {
        clock = T0 + i * 5_000;
        store.recordSuccess('web', metrics(clock, { checkout: i, search: i % 3 === 0 ? null : -i }));
      }
      const checkout = store.history('web', 'checkout');
      const newest = T0 + 29 * 5_000;
      expect(checkout[checkout.length - 1]).toEqual([newest, 29]);
      expect(checkout.every(([t], i) => t >= newest - 60_000 && (i === 0 || t > checkout[i - 1]![0]))).toBe(true);
      expect(checkout.length).toBeGreaterThanOrEqual(12);
      expect(store.history('web', 'search').slice(-3)).toEqual([[newest - 10_000, null], [newest - 5_000, -28], [newest, -29]]);
    });

    it('tells subscribers which source changed, after each recorded poll, until they unsubscribe', async () => {
      const { store } = await start(newDir());
      const seen: [string, number | null][] = [];
      const unsubscribe = store.subscribe((id) => seen.push([id, store.reading(id)?.at ?? null]));
      store.recordSuccess('web', metrics(T0, { checkout: 1 }));
      store.recordFailure('nagios', 'HTTP 500', T0);
      unsubscribe();
      store.recordSuccess('web', metrics(T0 + 5_000, { checkout: 2 }));
      // a subscriber reads the store as the poll left it
      expect(seen).toEqual([['web', T0], ['nagios', null]]);
    });

    it('records each check whose state changed since the previous reading, from the first reading on', async () => {
      const { store } = await start(newDir());
      expect(store.stateChanges('nagios', 0)).toEqual({ knownSince: null, changes: [] });
      store.recordSuccess('nagios', checksAt(T0, { db1: 'up', 'db1/disk': 'ok', 'db1/load': 'warning' }));
      // the first reading is where tracking starts: nothing to compare it with
      expect(store.stateChanges('nagios', 0)).toEqual({ knownSince: T0, changes: [] });

      // disk went critical 4 s before this poll (the upstream says when); load's change has no time, so the poll's
      store.recordSuccess('nagios', checksAt(T0 + 15_000, { db1: 'up', 'db1/disk': 'critical', 'db1/load': 'ok', 'db1/new': 'critical' }, { 'db1/disk': T0 + 11_000 }));
      store.recordSuccess('nagios', checksAt(T0 + 30_000, { db1: 'down', 'db1/disk': 'critical', 'db1/load': 'ok' }, { 'db1/disk': T0 + 11_000, db1: T0 - DAY }));
      const all = store.stateChanges('nagios', 0);
      expect(all.knownSince).toBe(T0);
      // a check that appeared (db1/new) or went away did not change state; a time outside the readings is not believed
      expect(all.changes).toEqual([
        { source: 'nagios', host: 'db1', service: 'disk', from: 'ok', to: 'critical', at: T0 + 11_000 },
        { source: 'nagios', host: 'db1', service: 'load', from: 'warning', to: 'ok', at: T0 + 15_000 },
        { source: 'nagios', host: 'db1', service: null, from: 'up', to: 'down', at: T0 + 30_000 },
      ]);
      expect(store.stateChanges('nagios', T0 + 12_000).changes.map((c) => c.at)).toEqual([T0 + 15_000, T0 + 30_000]);
      expect(store.stateChanges('web', 0)).toEqual({ knownSince: null, changes: [] });
      expect(store.stateChanges('nope', 0)).toEqual({ knownSince: null, changes: [] });
    });

    it('forgets state changes older than 30 days, and says it knows them only since then', async () => {
      const { store } = await start(newDir());
      store.recordSuccess('nagios', checksAt(T0, { 'db1/disk': 'ok' }));
      store.recordSuccess('nagios', checksAt(T0 + 60_000, { 'db1/disk': 'critical' }));
      store.recordSuccess('nagios', checksAt(T0 + 20 * DAY, { 'db1/disk': 'ok' }));
      clock = T0 + 31 * DAY;
      store.recordSuccess('nagios', checksAt(clock, { 'db1/disk': 'warning' }));
      const kept = store.stateChanges('nagios', 0);
      expect(kept.changes.map((c) => c.to)).toEqual(['ok', 'warning']);
      expect(kept.knownSince).toBe(clock - 30 * DAY);
    });

    it('appends events in order, filters them, and stores a retried key once per source', async () => {
      const { events } = await start(newDir());
      const first = await events.append([
        { source: 'deploys', kind: 'deploy', at: T0, body: { env: 'prod', version: 'M-4410' }, key: 'd-1' },
        { source: 'deploys', kind: 'note', at: T0 + 1_000, body: { text: 'freeze' } },
      ]);
      expect(first.map((a) => a.duplicate)).toEqual([false, false]);
      expect(first[1]!.event.id).toBeGreaterThan(first[0]!.event.id);
      expect(first[0]!.event).toMatchObject({ source: 'deploys', kind: 'deploy', at: T0, body: { env: 'prod', version: 'M-4410' }, key: 'd-1', receivedAt: T0 });

      // the retry of a POST whose answer was lost: same key, stored and counted once
      const retried = await events.append([{ source: 'deploys', kind: 'deploy', at: T0, body: { env: 'prod', version: 'M-4410' }, key: 'd-1' }]);
      expect(retried[0]).toEqual({ event: first[0]!.event, duplicate: true });
      // keys are per source; the same key twice in one append is stored once
      const other = await events.append([
        { source: 'ci', kind: 'deploy', at: T0 + 2_000, body: { env: 'dev' }, key: 'd-1' },
        { source: 'ci', kind: 'deploy', at: T0 + 2_000, body: { env: 'dev' }, key: 'd-1' },
      ]);
      expect(other.map((a) => a.duplicate)).toEqual([false, true]);
      expect(other[1]!.event.id).toBe(other[0]!.event.id);

      const all = await events.events({});
      expect(all.map((e) => [e.source, e.kind, e.key])).toEqual([['deploys', 'deploy', 'd-1'], ['deploys', 'note', null], ['ci', 'deploy', 'd-1']]);
      expect((await events.events({ source: 'deploys', kind: 'note' })).map((e) => e.body)).toEqual([{ text: 'freeze' }]);
      expect((await events.events({ since: T0 + 1_000 })).map((e) => e.at)).toEqual([T0 + 1_000, T0 + 2_000]);
      expect((await events.events({ afterId: first[1]!.event.id })).map((e) => e.source)).toEqual(['ci']);
      expect((await events.events({ limit: 1 })).map((e) => e.id)).toEqual([first[0]!.event.id]);
    });

    it('keeps what it stored from later changes to the caller\'s objects', async () => {
      const { events } = await start(newDir());
      const body = { env: 'prod', hosts: ['web1'] };
      await events.append([{ source: 'deploys', kind: 'deploy', at: T0, body }]);
      body.hosts.push('web2');
      expect((await events.events({}))[0]!.body).toEqual({ env: 'prod', hosts: ['web1'] });
    });

    if (!factory.persistent) return;

    it('after a restart shows the same readings, history and poll record, restored and stale until a fresh poll', async () => {
      const dir = newDir();
      const before = await start(dir);
      for (let i = 0; i < 4; i++) before.store.recordSuccess('web', metrics(T0 + i * 5_000, { checkout: 100 + i, search: i === 2 ? null : i }));
      before.store.recordSuccess('nagios', monitoring(T0));
      before.store.recordFailure('nagios', 'HTTP 503 from nagios', T0 + 15_000);
      const history = { checkout: before.store.history('web', 'checkout'), search: before.store.history('web', 'search') };

      clock = T0 + 20_000;
      const after = await restart(before, dir);
      expect(after.store.reading('web')).toEqual(metrics(T0 + 15_000, { checkout: 103, search: 3 }));
      expect(after.store.history('web', 'checkout')).toEqual(history.checkout);
      expect(after.store.history('web', 'search')).toEqual(history.search);
      expect(after.store.health('web', clock)).toMatchObject({
        state: 'ok',
        lastSuccessAt: T0 + 15_000,
        restored: true,
        stale: true,
        staleReason: expect.stringContaining('restored from disk'),
      });
      expect(after.store.reading('nagios')).toEqual(monitoring(T0));
      expect(after.store.health('nagios', clock)).toMatchObject({ lastSuccessAt: T0, lastError: 'HTTP 503 from nagios', consecutiveFailures: 1, stale: true });

      after.store.recordSuccess('web', metrics(clock, { checkout: 99, search: 1 }));
      expect(after.store.health('web', clock)).toMatchObject({ stale: false, restored: false });
      expect(after.store.history('web', 'checkout').slice(-2)).toEqual([[T0 + 15_000, 103], [clock, 99]]);
    });

    it('after a restart leaves behind history older than the window, and sources no longer configured', async () => {
      const dir = newDir();
      const before = await start(dir);
      before.store.recordSuccess('web', metrics(T0, { old: 1, checkout: 1 }));
      before.store.recordSuccess('web', metrics(T0 + 50_000, { checkout: 2 }));
      before.store.recordSuccess('nagios', monitoring(T0));
      clock = T0 + 90_000; // `old` and the first checkout point are now older than 60 s
      await before.settle();
      await before.expire();

      const after = await restart(before, dir, { web: SPECS.web! });
      expect(after.store.history('web', 'checkout')).toEqual([[T0 + 50_000, 2]]);
      expect(after.store.history('web', 'old')).toEqual([]);
      expect(after.store.reading('web')?.at).toBe(T0 + 50_000); // the last reading itself stays, marked stale
      expect(() => after.store.health('nagios', clock)).toThrow(/unknown source/);

      // retention forgets a source no longer configured: configured again later, it starts empty
      await after.expire();
      const again = await restart(after, dir);
      expect(again.store.reading('nagios')).toBeNull();
    });

    it('keeps state changes across a restart, and compares the first reading after it with the restored one', async () => {
      const dir = newDir();
      const before = await start(dir);
      before.store.recordSuccess('nagios', checksAt(T0, { db1: 'up', 'db1/disk': 'ok' }));
      before.store.recordSuccess('nagios', checksAt(T0 + 15_000, { db1: 'up', 'db1/disk': 'critical' }));
      const kept = before.store.stateChanges('nagios', 0);
      expect(kept.changes).toHaveLength(1);

      clock = T0 + 3_600_000;
      const after = await restart(before, dir);
      // the restored reading is not a change
      expect(after.store.stateChanges('nagios', 0)).toEqual(kept);
      after.store.recordSuccess('nagios', checksAt(clock, { db1: 'down', 'db1/disk': 'critical' }));
      expect(after.store.stateChanges('nagios', 0).changes).toEqual([
        ...kept.changes,
        { source: 'nagios', host: 'db1', service: null, from: 'up', to: 'down', at: clock },
      ]);
      const twice = await restart(after, dir);
      expect(twice.store.stateChanges('nagios', 0)).toEqual({ knownSince: T0, changes: [...kept.changes, { source: 'nagios', host: 'db1', service: null, from: 'up', to: 'down', at: T0 + 3_600_000 }] });
    });

    it('deletes kept state changes older than 30 days, and a source no longer configured takes its changes with it', async () => {
      const dir = newDir();
      const before = await start(dir);
      before.store.recordSuccess('nagios', checksAt(T0, { 'db1/disk': 'ok' }));
      before.store.recordSuccess('nagios', checksAt(T0 + 60_000, { 'db1/disk': 'critical' }));
      before.store.recordSuccess('nagios', checksAt(T0 + 20 * DAY, { 'db1/disk': 'ok' }));
      clock = T0 + 31 * DAY;
      await before.settle();
      await before.expire();
      const after = await restart(before, dir);
      expect(after.store.stateChanges('nagios', 0)).toEqual({
        knownSince: clock - 30 * DAY,
        changes: [{ source: 'nagios', host: 'db1', service: 'disk', from: 'critical', to: 'ok', at: T0 + 20 * DAY }],
      });

      const without = await restart(after, dir, { web: SPECS.web! });
      await without.expire();
      const again = await restart(without, dir);
      expect(again.store.stateChanges('nagios', 0)).toEqual({ knownSince: null, changes: [] });
    });

    it('keeps appended events across a restart, and their keys', async () => {
      const dir = newDir();
      const before = await start(dir);
      const [appended] = await before.events.append([{ source: 'deploys', kind: 'deploy', at: T0, body: { version: 'M-1' }, key: 'k' }]);
      const after = await restart(before, dir);
      expect(await after.events.events({ source: 'deploys' })).toEqual([appended!.event]);
      const retried = await after.events.append([{ source: 'deploys', kind: 'deploy', at: T0, body: { version: 'M-1' }, key: 'k' }]);
      expect(retried[0]!.duplicate).toBe(true);
      const [next] = await after.events.append([{ source: 'deploys', kind: 'deploy', at: T0, body: {} }]);
      expect(next!.event.id).toBeGreaterThan(appended!.event.id);
    });
  });
}
