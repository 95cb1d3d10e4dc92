import { describe, expect, it } from 'vitest';
import { builtInKinds } from '../../src/server/built-in-kinds.js';
import { PushIntake } from '../../src/server/push-intake.js';
import { MemoryEventLog } from '../../src/server/store/memory-event-log.js';
import { MemoryStore } from '../../src/server/store/store.js';

const sources = {
  ci: { type: 'push', historyHours: 1 },
  shop: { type: 'http', schedule: '*/5 * * * * *', timeoutMs: 1000, historyHours: 1, targets: [{ url: 'http://127.0.0.1:1/' }] },
};

function setup() {
  let clock = 1_000_000;
  const store = new MemoryStore({ ci: { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 }, shop: { intervalMs: 5_000, historyMs: 3_600_000 } });
  const events = new MemoryEventLog(() => clock);
  const intake = new PushIntake(sources, { store, events, now: () => clock, kinds: builtInKinds.sources });
  const changes: string[] = [];
  store.subscribe((id) => changes.push(id));
  return { store, events, intake, changes, tick: (ms: number) => void (clock += ms) };
}

const push = (value: number) => ({ samples: [{ series: 'build/duration', value, unit: 's' }] });

describe('push intake', () => {
  it('appends a valid push to the event log, then records it as the source reading and its history', async () => {
    const { store, events, intake, changes, tick } = setup();
    expect(intake.sourceIds()).toEqual(['ci']);
    expect(await intake.receive('ci', push(312))).toEqual({ ok: true, duplicate: false });
    tick(60_000);
    await intake.receive('ci', push(298));
    expect(await events.events({ source: 'ci' })).toMatchObject([
      { kind: 'metrics', at: 1_000_000, body: push(312) },
      { kind: 'metrics', at: 1_060_000, body: push(298) },
    ]);
    expect(store.reading('ci')).toMatchObject({ type: 'metrics', at: 1_060_000, samples: [{ series: 'build/duration', value: 298 }] });
    expect(store.history('ci', 'build/duration')).toEqual([
      [1_000_000, 312],
      [1_060_000, 298],
    ]);
    expect(changes).toEqual(['ci', 'ci']); // each reaches live updates like a poll
  });

  it('counts a push retried with the same key once', async () => {
    const { store, events, intake, tick } = setup();
    expect(await intake.receive('ci', push(1), 'run-41')).toEqual({ ok: true, duplicate: false });
    tick(1_000);
    expect(await intake.receive('ci', push(1), 'run-41')).toEqual({ ok: true, duplicate: true });
    expect(await events.events({ source: 'ci' })).toHaveLength(1);
    expect(store.history('ci', 'build/duration')).toHaveLength(1);
  });

  it('refuses what is not a valid push to a pushed source, storing nothing', async () => {
    const { store, events, intake, changes } = setup();
    expect(await intake.receive('ci', { samples: [{ series: 'x', value: 'high' }] })).toMatchObject({
      ok: false,
      problem: 'invalid',
      message: 'not a valid push for source "ci" (push)',
      problems: [{ path: ['samples', 0, 'value'], message: expect.stringMatching(/expected number/) }],
    });
    expect(await intake.receive('shop', push(1))).toEqual({ ok: false, problem: 'not-pushed', message: 'source "shop" is polled, not pushed (pushed sources: ci)', problems: [] });
    expect(await intake.receive('n\u202eope', push(1))).toMatchObject({ ok: false, problem: 'unknown-source', message: 'no source "n ope" (pushed sources: ci)' });
    expect(await events.events({})).toEqual([]);
    expect(store.reading('ci')).toBeNull();
    expect(changes).toEqual([]);
  });

  it('records nothing when the event log cannot keep the push: the sender hears of it and may retry', async () => {
    const store = new MemoryStore({ ci: { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 } });
    const failing = new MemoryEventLog(Date.now);
    failing.append = () => Promise.reject(new Error('disk full'));
    const intake = new PushIntake({ ci: sources.ci }, { store, events: failing, now: Date.now, kinds: builtInKinds.sources });
    await expect(intake.receive('ci', push(1))).rejects.toThrow('disk full');
    expect(store.reading('ci')).toBeNull();
  });
});
