import { setImmediate as nextTurn } from 'node:timers/promises';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src/server/logger.js';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import { MIGRATIONS, migrate } from '../../../src/server/store/sqlite-schema.js';
import { SqliteStore } from '../../../src/server/store/sqlite-store.js';
import { fdatasyncFile, type SyncFile } from '../../../src/server/store/sqlite-wal-sync.js';
import { StateFile } from '../../../src/server/store/state-file.js';
import { MemoryStore, type StoredSourceSpec } from '../../../src/server/store/store.js';
import { fillDisk, mountSmallDisk, type SmallDisk } from '../../helpers/small-disk.js';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
const SPECS: Record<string, StoredSourceSpec> = { web: { intervalMs: 10_000, historyMs: 60_000 } };

const metrics = (at: number, values: Record<string, number | null>): MetricsReading => ({
  type: 'metrics',
  at,
  samples: Object.entries(values).map(([series, value]) => ({ series, value, unit: 'ms', label: series })),
});

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
  return { logger, lines };
}

const dirs: string[] = [];
const stores: SqliteStore[] = [];
const connections: Database.Database[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const db of connections.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'radiator-sqlite-'));
  dirs.push(dir);
  return dir;
}

function openStore(
  dataDir: string,
  options: { now?: () => number; logger?: Logger; specs?: Record<string, StoredSourceSpec>; maxPendingPoints?: number; syncFile?: SyncFile; minGroupGapMs?: number } = {},
): SqliteStore {
  const store = new SqliteStore({
    dataDir,
    sources: options.specs ?? SPECS,
    now: options.now ?? (() => T0),
    logger: options.logger ?? recordingLogger().logger,
    ...(options.maxPendingPoints !== undefined && { maxPendingPoints: options.maxPendingPoints }),
    ...(options.syncFile !== undefined && { syncFile: options.syncFile }),
    ...(options.minGroupGapMs !== undefined && { minGroupGapMs: options.minGroupGapMs }),
  });
  stores.push(store);
  return store;
}

/** A second connection to the store's database, as an operator's sqlite3 shell would be. */
function inspect(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, 'radiator.db'));
  connections.push(db);
  return db;
}

const count = (db: Database.Database, sql: string, ...params: unknown[]) => Number(db.prepare(sql).pluck().get(...params));

describe('the database file', () => {
  it('is DATA/radiator.db in WAL mode with every migration applied', async () => {
    const dir = newDir();
    const store = openStore(dir);
    await store.restore();
    const db = inspect(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['events', 'history_points', 'polls', 'readings', 'series', 'sources']));
    expect(store.persistence()).toMatchObject({ saving: true, lastError: null });
  });

  it('runs only the migrations a database has not had, each once', () => {
    const db = new Database(':memory:');
    connections.push(db);
    const ran: string[] = [];
    const first = { description: 'one', up: () => ran.push('one') };
    const second = { description: 'two', up: (d: Database.Database) => (ran.push('two'), d.exec('CREATE TABLE t (x)')) };
    expect(migrate(db, [first])).toEqual({ from: 0, to: 1 });
    expect(migrate(db, [first, second])).toEqual({ from: 1, to: 2 });
    expect(migrate(db, [first, second])).toEqual({ from: 2, to: 2 });
    expect(ran).toEqual(['one', 'two']);
  });

  it('refuses a database from a newer version, and keeps serving from memory, saying why on persistence', async () => {
    const dir = newDir();
    const db = new Database(path.join(dir, 'radiator.db'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const { logger, lines } = recordingLogger();
    const store = openStore(dir, { logger });
    await store.restore();
    store.recordSuccess('web', metrics(T0, { checkout: 1 }));
    await store.flush();
    expect(store.reading('web')?.at).toBe(T0);
    expect(store.persistence()).toMatchObject({ saving: false, lastError: expect.stringContaining('newer than this Radiator knows'), lastErrorAt: T0, pendingPolls: 1 });
    expect(lines.some((l) => l.startsWith('error') && l.includes('newer than this Radiator knows'))).toBe(true);
  });
});

describe('writes', () => {
  it('add only what each poll brought, the polls of one turn in one commit after it', async () => {
    const dir = newDir();
    let clock = T0;
    const store = openStore(dir, { now: () => clock });
    await store.restore();
    const db = inspect(dir);
    for (let i = 0; i < 3; i++) {
      clock = T0 + i * 10_000;
      store.recordSuccess('web', metrics(clock, { checkout: i, search: null, cart: i * 2 }));
    }
    // recorded and readable at once; on disk after the turn
    expect(store.reading('web')?.at).toBe(T0 + 20_000);
    expect(store.persistence().pendingPolls).toBe(3);
    expect(count(db, 'SELECT count(*) FROM history_points')).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.persistence()).toMatchObject({ pendingPolls: 0, saving: true, lastSavedAt: T0 + 20_000 });
    expect(count(db, 'SELECT count(*) FROM history_points')).toBe(9);
    expect(count(db, 'SELECT count(*) FROM series')).toBe(3);
    expect(count(db, 'SELECT count(*) FROM readings')).toBe(1);

    store.recordFailure('web', 'HTTP 503', T0 + 30_000);
    await store.flush();
    expect(count(db, 'SELECT count(*) FROM history_points')).toBe(9); // a failure adds no points
    expect(db.prepare('SELECT state, last_error, consecutive_failures FROM polls').get()).toEqual({ state: 'error', last_error: 'HTTP 503', consecutive_failures: 1 });
  });

  it('reach the database file through checkpoints that a worker thread runs, not the writing commit', async () => {
    const dir = newDir();
    let clock = T0;
    const store = openStore(dir, { now: () => clock });
    await store.restore();
    const dbFile = path.join(dir, 'radiator.db');
    const emptySize = statSync(dbFile).size;
    const values = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`series${i}`, i]));
    for (let i = 0; i < 9; i++) {
      clock = T0 + i * 10_000;
      store.recordSuccess('web', metrics(clock, values));
      await store.flush();
    }
    // far below SQLite's own checkpoint threshold: everything is still in the WAL
    expect(statSync(dbFile).size).toBe(emptySize);
    store.recordSuccess('web', metrics(T0 + 90_000, values)); // the 10th commit asks the worker
    await store.flush();
    await vi.waitFor(() => expect(statSync(dbFile).size).toBeGreaterThan(emptySize), { timeout: 10_000 });
  });

  it('forget history older than the window with a DELETE, and series that stopped reporting', async () => {
    const dir = newDir();
    let clock = T0;
    const store = openStore(dir, { now: () => clock });
    await store.restore();
    store.recordSuccess('web', metrics(T0, { veth1: 1, eth0: 1 }));
    for (let i = 1; i <= 9; i++) store.recordSuccess('web', metrics(T0 + i * 10_000, { eth0: i }));
    await store.flush();
    clock = T0 + 90_000; // window 60 s: points before T0 + 30 s go
    await store.expireHistory();
    const db = inspect(dir);
    expect(db.prepare('SELECT at FROM history_points ORDER BY at').pluck().all()).toEqual([3, 4, 5, 6, 7, 8, 9].map((i) => T0 + i * 10_000));
    expect(db.prepare('SELECT name FROM series').pluck().all()).toEqual(['eth0']);
  });

  it('are kept for a retry while the database is locked, the board serving meanwhile; events are refused', async () => {
    const dir = newDir();
    let clock = T0;
    const { logger, lines } = recordingLogger();
    const store = openStore(dir, { now: () => clock, logger });
    await store.restore();
    store.recordSuccess('web', metrics(T0, { checkout: 1 }));
    await store.flush();

    const other = inspect(dir);
    other.exec('BEGIN IMMEDIATE'); // another process holding the write lock
    clock = T0 + 10_000;
    store.recordSuccess('web', metrics(clock, { checkout: 2 }));
    await store.flush();
    expect(store.reading('web')?.at).toBe(clock);
    expect(store.persistence()).toMatchObject({ saving: false, lastError: expect.stringContaining('database is locked'), lastErrorAt: clock, lastSavedAt: T0, pendingPolls: 1 });
    await expect(store.append([{ source: 'deploys', kind: 'deploy', at: clock, body: {} }])).rejects.toThrow(/events not stored: .*database is locked/);
    // what /healthz shows
    expect(store.persistenceStatus()).toEqual({
      file: path.join(dir, 'radiator.db'),
      saving: false,
      reason: expect.stringMatching(/^the last \d+ writes failed: cannot save state to .*database is locked; 1 polls wait for a retry, and a restart would lose what changed since the last good write at 2026-11-25T12:00:00.000Z$/),
      restore: 'none',
      restoreProblem: null,
      lastSavedAt: '2026-11-25T12:00:00.000Z',
      lastError: expect.stringContaining('database is locked'),
      lastErrorAt: '2026-11-25T12:00:10.000Z',
      consecutiveFailures: expect.any(Number),
    });

    other.exec('COMMIT');
    clock = T0 + 20_000;
    store.recordSuccess('web', metrics(clock, { checkout: 3 }));
    await store.flush();
    expect(store.persistence()).toMatchObject({ saving: true, lastSavedAt: clock, pendingPolls: 0, consecutiveFailures: 0 });
    expect(store.persistenceStatus()).toMatchObject({ saving: true, reason: null, lastError: expect.stringContaining('database is locked') });
    expect(lines.filter((l) => l.startsWith('error'))).toHaveLength(1); // one report per episode, not per attempt
    expect(lines.some((l) => l.includes('saving state to') && l.includes('again'))).toBe(true);
    expect(other.prepare('SELECT value FROM history_points ORDER BY at').pluck().all()).toEqual([1, 2, 3]);
  });
  it('keep a bounded retry queue while writes fail: the oldest points go, and the log says how many', async () => {
    const dir = newDir();
    let clock = T0;
    const { logger, lines } = recordingLogger();
    const store = openStore(dir, { now: () => clock, logger, maxPendingPoints: 3 });
    await store.restore();
    const other = inspect(dir);
    other.exec('BEGIN IMMEDIATE');
    for (let i = 1; i <= 5; i++) {
      clock = T0 + i * 10_000;
      store.recordSuccess('web', metrics(clock, { checkout: i }));
      await store.flush();
    }
    expect(store.persistence()).toMatchObject({ saving: false, pendingPolls: 3 });
    expect(store.history('web', 'checkout')).toHaveLength(5); // the board still shows them all
    other.exec('COMMIT');
    await store.flush();
    expect(store.persistence()).toMatchObject({ saving: true, pendingPolls: 0 });
    expect(other.prepare('SELECT value FROM history_points ORDER BY at').pluck().all()).toEqual([3, 4, 5]);
    expect(lines).toContainEqual(expect.stringMatching(/saving state to .* again \(2 history points recorded meanwhile were dropped\)/));
  });
});

describe('events', () => {
  it('refuses what is not an event, naming the field', async () => {
    const store = openStore(newDir());
    await store.restore();
    await expect(store.append([{ source: '', kind: 'deploy', at: T0, body: {} }])).rejects.toThrow('event 0: source must be a non-empty string');
    await expect(store.append([{ source: 's', kind: 'deploy', at: T0, body: {} }, { source: 's', kind: 'deploy', at: Number.NaN, body: {} }])).rejects.toThrow(
      'event 1: at must be a finite number',
    );
    await expect(store.append([{ source: 's', kind: 'k', at: T0, body: undefined }])).rejects.toThrow('event 0: body must be JSON');
    expect(await store.events({})).toEqual([]);
  });

  it('are committed in one transaction per turn, each append answered after the commit', async () => {
    const dir = newDir();
    const store = openStore(dir);
    await store.restore();
    const appends = Array.from({ length: 50 }, (_, i) => store.append([{ source: 'ci', kind: 'build', at: T0 + i, body: { n: i }, key: `b${i}` }]));
    const results = await Promise.all(appends);
    expect(results.map((r) => r[0]!.event.body)).toEqual(Array.from({ length: 50 }, (_, i) => ({ n: i })));
    expect(count(inspect(dir), 'SELECT count(*) FROM events')).toBe(50);
  });

  it('are answered only once a sync of the WAL covers their commit; those that come during a sync are committed together after it, in one transaction and one sync', async () => {
    const dir = newDir();
    // the real fdatasync, held until the test lets it go: a slow disk
    const syncs: (() => void)[] = [];
    const syncFile: SyncFile = (fd) => new Promise((resolve, reject) => syncs.push(() => fdatasyncFile(fd).then(resolve, reject)));
    let clock = T0;
    const store = openStore(dir, { syncFile, now: () => clock++ }); // a tick per reading: one receivedAt per commit
    await store.restore();
    const answered: number[] = [];
    const append = (n: number) => store.append([{ source: 'ci', kind: 'build', at: T0 + n, body: { n }, key: `b${n}` }]).then(() => answered.push(n));

    const first = append(0);
    await vi.waitFor(() => expect(syncs).toHaveLength(1));
    const db = inspect(dir);
    expect(count(db, 'SELECT count(*) FROM events')).toBe(1); // committed (another connection reads it)…
    expect(answered).toEqual([]); // …but not answered before it is on the disk
    // 30 more over three turns while that sync runs: they gather
    const later: Promise<number>[] = [];
    for (let turn = 0; turn < 3; turn++) {
      for (let i = 1; i <= 10; i++) later.push(append(turn * 10 + i));
      await nextTurn();
    }
    expect(count(db, 'SELECT count(*) FROM events')).toBe(1);
    expect(syncs).toHaveLength(1);

    syncs[0]!();
    await first;
    await vi.waitFor(() => expect(syncs).toHaveLength(2));
    // all thirty in one commit (one receivedAt), not answered before their own sync
    expect(count(db, 'SELECT count(DISTINCT received_at) FROM events WHERE id > 1')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM events')).toBe(31);
    expect(answered).toEqual([0]);
    syncs[1]!();
    await Promise.all(later);
    expect(syncs).toHaveLength(2);
    expect(answered).toEqual(Array.from({ length: 31 }, (_, n) => n)); // in the order they were made
  });

  it('start a group at most every few milliseconds: appends soon after one wait for the gap (an append after a quiet spell goes at once)', async () => {
    const dir = newDir();
    const store = openStore(dir, { minGroupGapMs: 60_000 }); // a gap that cannot pass during the test
    await store.restore();
    const first = await store.append([{ source: 'ci', kind: 'build', at: T0, body: { n: 0 }, key: 'b0' }]); // the first goes at once
    expect(first[0]!.duplicate).toBe(false);
    let answered = false;
    const second = store.append([{ source: 'ci', kind: 'build', at: T0, body: { n: 1 }, key: 'b1' }]).then(() => (answered = true));
    await nextTurn();
    await nextTurn();
    expect(count(inspect(dir), 'SELECT count(*) FROM events')).toBe(1); // waiting for the gap
    expect(answered).toBe(false);
    await store.flush(); // flush (and close) do not wait for it
    await second;
    expect(count(inspect(dir), 'SELECT count(*) FROM events')).toBe(2);
  });

  it('are refused when the WAL cannot be synced, and a retry with the same keys counts them once, as new', async () => {
    const dir = newDir();
    let failing = true;
    const syncFile: SyncFile = (fd) => (failing ? Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })) : fdatasyncFile(fd));
    const { logger, lines } = recordingLogger();
    const store = openStore(dir, { syncFile, logger });
    await store.restore();
    const event = { source: 'ci', kind: 'build', at: T0, body: { n: 1 }, key: 'b1' };
    await expect(store.append([event])).rejects.toThrow(/events not stored durably: cannot sync .*radiator\.db-wal to the disk \(EIO: i\/o error, fdatasync\)/);
    expect(store.persistenceStatus()).toMatchObject({ saving: false, lastError: expect.stringContaining('EIO') });
    expect(lines.some((line) => line.startsWith('error ') && line.includes('EIO'))).toBe(true);
    // it was committed, only not known to be on the disk; nobody was told it was taken, so the retry
    // is its first acceptance (and its source folds it), while a failing retry leaves it unanswered still
    await expect(store.append([event])).rejects.toThrow(/not stored durably/);
    failing = false;
    const [retried] = await store.append([event]);
    expect(retried!.duplicate).toBe(false);
    const [again] = await store.append([event]);
    expect(again).toMatchObject({ duplicate: true, event: { id: retried!.event.id } });
    expect(await store.events({ source: 'ci' })).toHaveLength(1);
  });
});

describe('the JSON state file of earlier versions', () => {
  function savedByEarlierVersion(): MemoryStore {
    const earlier = new MemoryStore(SPECS);
    for (let i = 0; i < 5; i++) earlier.recordSuccess('web', metrics(T0 + i * 10_000, { checkout: 100 + i, search: i % 2 ? null : i }));
    earlier.recordFailure('web', 'connection refused by 127.0.0.1:18701', T0 + 50_000);
    return earlier;
  }

  it('is imported once on the first start, then renamed store.json.imported', async () => {
    const dir = newDir();
    const earlier = savedByEarlierVersion();
    await new StateFile(dir).write(earlier.exportState(T0 + 50_000));
    const { logger, lines } = recordingLogger();
    const store = openStore(dir, { now: () => T0 + 55_000, logger });
    expect(await store.restore()).toBe('restored');
    expect(store.persistenceStatus()).toMatchObject({ restore: 'restored', restoreProblem: null });
    expect(store.reading('web')).toEqual(earlier.reading('web'));
    expect(store.history('web', 'checkout')).toEqual(earlier.history('web', 'checkout'));
    expect(store.history('web', 'search')).toEqual(earlier.history('web', 'search'));
    expect(store.health('web', T0 + 55_000)).toMatchObject({ lastSuccessAt: T0 + 40_000, lastError: 'connection refused by 127.0.0.1:18701', consecutiveFailures: 1, stale: true });
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['radiator.db', 'store.json.imported']));
    expect(existsSync(path.join(dir, 'store.json'))).toBe(false);
    expect(lines.some((l) => l.includes('imported 1 source from') && l.includes('store.json.imported'))).toBe(true);
    await store.close();

    // the next start reads the database alone, and the same state comes back
    const next = openStore(dir, { now: () => T0 + 56_000 });
    expect(await next.restore()).toBe('restored');
    expect(next.history('web', 'checkout')).toEqual(earlier.history('web', 'checkout'));
    expect(count(inspect(dir), 'SELECT count(*) FROM history_points')).toBe(10);
  });

  it('does not overwrite what the database already holds', async () => {
    const dir = newDir();
    const first = openStore(dir, { now: () => T0 + 100_000 });
    await first.restore();
    first.recordSuccess('web', metrics(T0 + 100_000, { checkout: 7 }));
    await first.close();
    await new StateFile(dir).write(savedByEarlierVersion().exportState(T0 + 50_000)); // an older file reappears
    const store = openStore(dir, { now: () => T0 + 101_000 });
    await store.restore();
    expect(store.reading('web')).toEqual(metrics(T0 + 100_000, { checkout: 7 }));
    expect(store.history('web', 'checkout')).toEqual([[T0 + 100_000, 7]]);
  });

  it.each([
    ['corrupt', '{"version": 1, "sources": {'],
    ['of the wrong shape', JSON.stringify({ version: 1, savedAt: T0, sources: { web: { poll: {}, reading: null, history: { checkout: 5 } } } })],
  ])('is reported and skipped when %s, and the store starts empty and saves', async (_what, text) => {
    const dir = newDir();
    writeFileSync(path.join(dir, 'store.json'), text);
    const { logger, lines } = recordingLogger();
    const store = openStore(dir, { logger });
    expect(await store.restore()).toBe('failed');
    expect(lines.some((l) => l.startsWith('warn') && l.includes('store.json') && l.includes('not imported'))).toBe(true);
    expect(store.persistenceStatus()).toMatchObject({ saving: true, restore: 'failed', restoreProblem: expect.stringContaining('store.json.rejected') });
    expect(existsSync(path.join(dir, 'store.json.rejected'))).toBe(true); // kept as evidence, not imported again
    expect(store.reading('web')).toBeNull();
    store.recordSuccess('web', metrics(T0, { checkout: 1 }));
    await store.flush();
    expect(store.persistence().saving).toBe(true);
    expect(existsSync(path.join(dir, 'store.json.imported'))).toBe(false);
  });
});

describe('on a full or read-only disk (a small tmpfs; skipped, saying why, where it cannot be mounted)', () => {
  // mounted only when these tests run, and unmounted after them whatever happens
  let disk: SmallDisk | string = 'not mounted';
  let mounted: SmallDisk;
  beforeAll(() => {
    disk = mountSmallDisk();
  });
  afterAll(() => {
    if (typeof disk !== 'string') disk.unmount();
  });
  beforeEach((ctx) => {
    if (typeof disk === 'string') ctx.skip(disk);
    else mounted = disk;
  });

  const wide = (at: number, value: number) => metrics(at, Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`node${i % 20}/if_eth${i}/bytes`, value + i])));

  it('keeps serving and says that state is not being saved, then saves what was kept once space is back', async () => {
    const dir = path.join(mounted.dir, 'full');
    let clock = T0;
    const { logger, lines } = recordingLogger();
    const store = openStore(dir, { now: () => clock, logger, specs: { web: { intervalMs: 10_000, historyMs: 3_600_000 } } });
    await store.restore();
    store.recordSuccess('web', wide(clock, 0));
    await store.flush();
    expect(store.persistence().saving).toBe(true);

    const filler = fillDisk(mounted.dir);
    for (let i = 1; i <= 5; i++) {
      clock = T0 + i * 10_000;
      store.recordSuccess('web', wide(clock, i));
      await store.flush();
    }
    expect(store.reading('web')?.at).toBe(clock); // the board shows the latest poll
    expect(store.history('web', 'node0/if_eth0/bytes')).toHaveLength(6);
    expect(store.persistence()).toMatchObject({ saving: false, lastError: expect.stringContaining('database or disk is full') });
    expect(lines.some((l) => l.startsWith('error') && l.includes('database or disk is full') && l.includes('keeps serving'))).toBe(true);
    await expect(store.append([{ source: 'deploys', kind: 'deploy', at: clock, body: {} }])).rejects.toThrow(/events not stored/);

    rmSync(filler);
    clock += 10_000;
    store.recordSuccess('web', wide(clock, 6));
    await store.flush();
    expect(store.persistence()).toMatchObject({ saving: true, pendingPolls: 0, lastSavedAt: clock });
    await store.close();

    const reopened = openStore(dir, { now: () => clock, specs: { web: { intervalMs: 10_000, historyMs: 3_600_000 } } });
    await reopened.restore();
    expect(reopened.history('web', 'node0/if_eth0/bytes').map(([, v]) => v)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps serving while the data directory is read-only, and saves once it is writable', async () => {
    const dir = path.join(mounted.dir, 'ro');
    mkdirSync(dir);
    let clock = T0;
    mounted.run('mount', '-o', 'remount,ro', mounted.dir);
    let store: SqliteStore;
    try {
      store = openStore(dir, { now: () => clock });
      await store.restore();
      store.recordSuccess('web', metrics(clock, { checkout: 1 }));
      await store.flush();
      expect(store.reading('web')?.at).toBe(clock);
      expect(store.persistence()).toMatchObject({ saving: false, lastError: expect.stringContaining(`${dir} is on a read-only file system`), pendingPolls: 1 });
    } finally {
      mounted.run('mount', '-o', 'remount,rw', mounted.dir);
    }
    clock += 10_000;
    store.recordSuccess('web', metrics(clock, { checkout: 2 }));
    await store.flush();
    expect(store.persistence()).toMatchObject({ saving: true, pendingPolls: 0 });
    expect(inspect(dir).prepare('SELECT value FROM history_points ORDER BY at').pluck().all()).toEqual([1, 2]);
  });
});
