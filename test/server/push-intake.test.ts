import { describe, expect, it } from 'vitest';
import { builtInKinds } from '../../src/server/built-in-kinds.js';
import { PushIntake } from '../../src/server/push-intake.js';
import { SecretRedactor } from '../../src/server/sources/secret-redactor.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/server/store/sqlite-store.js';
import { fdatasyncFile, type SyncFile } from '../../src/server/store/sqlite-wal-sync.js';
import { MemoryEventLog } from '../../src/server/store/memory-event-log.js';
import { MemoryStore } from '../../src/server/store/store.js';
import { capturingLogger } from '../helpers/test-logger.js';

const sources = {
  ci: { type: 'push', historyHours: 1 },
  nightly: { type: 'push', historyHours: 1 },
  shop: { type: 'http', schedule: '*/5 * * * * *', timeoutMs: 1000, historyHours: 1, targets: [{ url: 'http://127.0.0.1:1/' }] },
};

function setup(redactor?: SecretRedactor) {
  let clock = 1_000_000;
  const pushed = { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 } as const;
  const store = new MemoryStore({ ci: pushed, nightly: pushed, shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
  const events = new MemoryEventLog(() => clock);
  const logger = capturingLogger();
  const intake = new PushIntake(sources, { store, events, now: () => clock, kinds: builtInKinds.sources, logger, boardIds: ['ops', 'wall'], ...(redactor && { redactor }) });
  const changes: string[] = [];
  store.subscribe((id) => changes.push(id));
  return { store, events, intake, changes, lines: logger.lines, tick: (ms: number) => void (clock += ms) };
}

const metric = (value: number, fields: Record<string, unknown> = {}) => ({ kind: 'metric', series: 'build/duration', value, unit: 's', ...fields });

describe('push intake: one event to a named source (in process)', () => {
  it('appends a valid event to the event log, then records it as the source reading and its history', async () => {
    const { store, events, intake, changes, tick } = setup();
    expect(intake.sourceIds()).toEqual(['ci', 'nightly']);
    expect(await intake.receive('ci', metric(312))).toEqual({ ok: true, duplicate: false });
    tick(60_000);
    await intake.receive('ci', metric(298));
    expect(await events.events({ source: 'ci' })).toMatchObject([
      { kind: 'metric', at: 1_000_000, body: metric(312) },
      { kind: 'metric', at: 1_060_000, body: metric(298) },
    ]);
    expect(store.reading('ci')).toMatchObject({ type: 'metrics', at: 1_060_000, samples: [{ series: 'build/duration', value: 298 }] });
    expect(store.history('ci', 'build/duration')).toEqual([
      [1_000_000, 312],
      [1_060_000, 298],
    ]);
    expect(changes).toEqual(['ci', 'ci']); // each reaches live updates like a poll
  });

  it('counts an event retried with the same key (its id by default) once', async () => {
    const { store, events, intake, tick } = setup();
    expect(await intake.receive('ci', metric(1, { id: 'run-41' }))).toEqual({ ok: true, duplicate: false });
    tick(1_000);
    expect(await intake.receive('ci', metric(1, { id: 'run-41' }))).toEqual({ ok: true, duplicate: true });
    expect(await intake.receive('ci', metric(1), 'run-41')).toEqual({ ok: true, duplicate: true });
    expect(await events.events({ source: 'ci' })).toMatchObject([{ key: 'run-41' }]);
    expect(store.history('ci', 'build/duration')).toHaveLength(1);
  });

  it('refuses what is not a valid event for a pushed source, storing nothing', async () => {
    const { store, events, intake, changes } = setup();
    expect(await intake.receive('ci', { kind: 'metric', series: 'x', value: 'high' })).toMatchObject({
      ok: false,
      problem: 'invalid',
      message: 'not a valid push for source "ci" (push)',
      problems: [{ path: ['value'], message: expect.stringMatching(/expected number/) }],
    });
    expect(await intake.receive('shop', metric(1))).toEqual({ ok: false, problem: 'not-pushed', message: 'source "shop" is polled, not pushed (pushed sources: ci, nightly)', problems: [] });
    expect(await intake.receive('n\u202eope', metric(1))).toMatchObject({ ok: false, problem: 'unknown-source', message: 'no source "n ope" (pushed sources: ci, nightly)' });
    expect(await events.events({})).toEqual([]);
    expect(store.reading('ci')).toBeNull();
    expect(changes).toEqual([]);
  });

  it('records nothing when the event log cannot keep the event: the sender hears of it and may retry', async () => {
    const store = new MemoryStore({ ci: { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 } });
    const failing = new MemoryEventLog(Date.now);
    failing.append = () => Promise.reject(new Error('disk full'));
    const intake = new PushIntake({ ci: sources.ci }, { store, events: failing, now: Date.now, kinds: builtInKinds.sources, logger: capturingLogger(), boardIds: [] });
    await expect(intake.receive('ci', metric(1))).rejects.toThrow('disk full');
    expect(store.reading('ci')).toBeNull();
  });

  it('folds an event whose first append was committed but could not be synced once its retry is taken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-intake-'));
    let failing = true;
    const syncFile: SyncFile = (fd) => (failing ? Promise.reject(new Error('EIO: i/o error, fdatasync')) : fdatasyncFile(fd));
    const store = new SqliteStore({ dataDir: dir, sources: { ci: { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 } }, now: Date.now, logger: capturingLogger(), syncFile });
    try {
      await store.restore();
      const intake = new PushIntake({ ci: sources.ci }, { store, events: store, now: Date.now, kinds: builtInKinds.sources, logger: capturingLogger(), boardIds: [] });
      await expect(intake.receive('ci', metric(312, { id: 'run-41' }))).rejects.toThrow(/not stored durably/);
      expect(store.reading('ci')).toBeNull(); // refused, so not shown
      failing = false;
      expect(await intake.receive('ci', metric(312, { id: 'run-41' }))).toEqual({ ok: true, duplicate: false });
      expect(store.reading('ci')).toMatchObject({ samples: [{ value: 312 }] });
      expect(await intake.receive('ci', metric(312, { id: 'run-41' }))).toEqual({ ok: true, duplicate: true });
      expect(store.history('ci', 'build/duration')).toHaveLength(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('push intake: the events of a request, routed by what the sender may push to', () => {
  it('routes each event to the one allowed source taking its kind, appends them together and folds them in the order sent', async () => {
    const { store, events, intake, changes } = setup();
    const outcome = await intake.receiveEvents([metric(1, { series: 'a' }), metric(2, { series: 'b', id: 'k-2' }), metric(3, { series: 'a' })], ['ci']);
    expect(outcome).toEqual({
      ok: true,
      events: [
        { id: 1, source: 'ci', kind: 'metric', key: null, duplicate: false },
        { id: 2, source: 'ci', kind: 'metric', key: 'k-2', duplicate: false },
        { id: 3, source: 'ci', kind: 'metric', key: null, duplicate: false },
      ],
    });
    // one reading for the request, the last value of each series
    expect(store.reading('ci')).toMatchObject({ samples: [{ series: 'a', value: 3 }, { series: 'b', value: 2 }] });
    expect(changes).toEqual(['ci']);
    expect((await events.events({})).map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('takes the event\'s own time when it gives one, else the time it arrived', async () => {
    const { events, intake } = setup();
    await intake.receiveEvents([metric(1, { at: '2026-12-01T12:00:00Z' }), metric(2)], ['ci']);
    expect((await events.events({})).map((e) => e.at)).toEqual([Date.UTC(2026, 11, 1, 12), 1_000_000]);
  });

  it('picks among several sources of the kind by "source", and says which to name when it is left out', async () => {
    const { events, intake } = setup();
    expect(await intake.receiveEvents([metric(1)], ['ci', 'nightly'])).toEqual({
      ok: false,
      problems: [{ index: 0, path: ['kind'], message: 'this token may push "metric" events to "ci", "nightly": name one with "source"' }],
    });
    expect(await intake.receiveEvents([metric(1, { source: 'nightly' })], ['ci', 'nightly'])).toMatchObject({ ok: true, events: [{ source: 'nightly' }] });
    expect(await events.events({})).toMatchObject([{ source: 'nightly', body: { source: 'nightly' } }]);
  });

  it('reports every problem of every event, by index and path, and stores none of the request', async () => {
    const { store, events, intake } = setup();
    const outcome = await intake.receiveEvents(
      [metric(1), 'text', { series: 'x' }, { kind: 'deploy', env: 'prod' }, metric(1, { source: 'shop' }), { kind: 'metric', series: 7, value: 'x' }],
      ['ci'],
    );
    expect(outcome).toEqual({
      ok: false,
      problems: [
        { index: 1, path: [], message: 'expected an event: an object with "kind" (this token may push "metric" events to "ci")' },
        { index: 2, path: ['kind'], message: 'expected the event\'s kind, a string (this token may push "metric" events to "ci")' },
        { index: 3, path: ['kind'], message: 'this token may push no "deploy" events (it may push "metric" events to "ci"); send them with a token of a source that takes them' },
        { index: 4, path: ['source'], message: 'this token may not push to source "shop"; it may push "metric" events to "ci"' },
        { index: 5, path: ['series'], message: expect.stringMatching(/expected string/) },
        { index: 5, path: ['value'], message: expect.stringMatching(/expected number/) },
      ],
    });
    expect(await events.events({})).toEqual([]);
    expect(store.reading('ci')).toBeNull();
  });

  it('stores and folds a repeated id once, also within one request', async () => {
    const { store, events, intake, tick } = setup();
    await intake.receiveEvents([metric(1, { id: 'a' })], ['ci']);
    tick(1_000);
    const outcome = await intake.receiveEvents([metric(2, { id: 'a' }), metric(3, { id: 'b' }), metric(4, { id: 'b' })], ['ci']);
    expect(outcome).toMatchObject({ ok: true, events: [{ id: 1, duplicate: true }, { id: 2, key: 'b', duplicate: false }, { id: 2, key: 'b', duplicate: true }] });
    expect(await events.events({})).toHaveLength(2);
    expect(store.history('ci', 'build/duration')).toEqual([
      [1_000_000, 1],
      [1_001_000, 3],
    ]);
  });

  it('redacts the configured secrets from what is pushed before it is checked and stored', async () => {
    const token = 'tok-0123456789abcdef';
    const { events, intake } = setup(SecretRedactor.fromSecrets([{ value: token }]));
    await intake.receiveEvents([metric(1, { label: `curl -H "Authorization: Bearer ${token}"` })], ['ci']);
    expect(await events.events({})).toMatchObject([{ body: { label: 'curl -H "Authorization: Bearer [redacted]"' } }]);
  });
});
