import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SourceConfig } from '../../src/server/config/schema.js';
import { capturingLogger, silentLogger } from '../helpers/test-logger.js';
import { Scheduler, type ScheduleFn } from '../../src/server/scheduler.js';
import type { MetricsReading } from '../../src/server/readings/metrics.js';
import { registerSourceKind, type RegisteredSourceKind } from '../../src/server/sources/registered-source-kind.js';
import { definePushedSourceKind, defineSourceKind, type PollContext } from '../../src/server/sources/source-kind.js';
import { MemoryStore } from '../../src/server/store/store.js';

/** A source kind whose polls the test resolves, rejects or leaves hanging by hand. */
function manualKind(kind: string) {
  const calls: { signal: AbortSignal; context: PollContext<'metrics'>; resolve: (r: MetricsReading) => void; reject: (e: Error) => void }[] = [];
  const source = defineSourceKind({
    kind,
    description: 'test',
    produces: 'metrics',
    options: z.object({}),
    poll: (_options, signal, context) => new Promise<MetricsReading>((resolve, reject) => calls.push({ signal, context, resolve, reject })),
  });
  return { source: registerSourceKind(source), calls };
}

/** Cron replaced by explicit ticks. */
function manualClock() {
  const ticks = new Map<string, () => void>();
  let n = 0;
  const schedule: ScheduleFn = (_expression, tick) => {
    const id = `task${n++}`;
    ticks.set(id, tick);
    return { stop: () => ticks.delete(id) };
  };
  return { schedule, ticks };
}

/** Now, but each reading a millisecond after the one before at least: two in the same millisecond would be one point of history. */
let lastReadingAt = 0;
const reading = (value: number): MetricsReading => {
  lastReadingAt = Math.max(Date.now(), lastReadingAt + 1);
  return { type: 'metrics', at: lastReadingAt, samples: [{ series: 's', value, unit: 'ms', label: 's' }] };
};
const cfg = (type: string, timeoutMs = 5_000): SourceConfig => ({ type, schedule: '*/5 * * * * *', timeoutMs, historyHours: 1 });
const flush = () => new Promise((r) => setImmediate(r));

function setup(sources: Record<string, SourceConfig>, kinds: RegisteredSourceKind[]) {
  const store = new MemoryStore(Object.fromEntries(Object.keys(sources).map((id) => [id, { intervalMs: 5_000, historyMs: 3_600_000 }])));
  const clock = manualClock();
  const scheduler = new Scheduler(sources, {
    store,
    schedule: clock.schedule,
    now: Date.now,
    env: {},
    logger: silentLogger(),
    kinds,
  });
  return { store, scheduler, clock };
}

describe('scheduler', () => {
  it('never overlaps a source with itself: a tick during a running poll is skipped', async () => {
    const slow = manualKind('slow');
    const { scheduler, store } = setup({ a: cfg('slow') }, [slow.source]);
    const first = scheduler.poll('a');
    expect(await scheduler.poll('a')).toBe('skipped');
    expect(slow.calls).toHaveLength(1);
    slow.calls[0]!.resolve(reading(1));
    expect(await first).toBe('ok');
    const second = scheduler.poll('a');
    await flush();
    expect(slow.calls).toHaveLength(2); // the next tick after completion polls again
    slow.calls[1]!.resolve(reading(2));
    expect(await second).toBe('ok');
    expect(store.history('a', 's').map((p) => p[1])).toEqual([1, 2]);
  });

  it('tells its observer how each poll ended and how long it took, skipped ticks included', async () => {
    const slow = manualKind('slow');
    const store = new MemoryStore({ a: { intervalMs: 5_000, historyMs: 3_600_000 } });
    const finished: { sourceId: string; outcome: string; seconds: number }[] = [];
    const observer = { pollFinished: (sourceId: string, outcome: string, seconds: number) => void finished.push({ sourceId, outcome, seconds }) };
    const scheduler = new Scheduler({ a: cfg('slow') }, { store, schedule: manualClock().schedule, now: Date.now, env: {}, logger: silentLogger(), kinds: [slow.source], observer });
    const first = scheduler.poll('a');
    expect(await scheduler.poll('a')).toBe('skipped');
    slow.calls[0]!.resolve(reading(1));
    await first;
    const second = scheduler.poll('a');
    await flush();
    slow.calls[1]!.reject(new Error('upstream down'));
    await second;
    expect(finished.map(({ sourceId, outcome }) => `${sourceId} ${outcome}`)).toEqual(['a skipped', 'a ok', 'a failed']);
    expect(finished.every(({ seconds }) => seconds >= 0 && seconds < 5)).toBe(true);
  });

  it('times a poll out, aborts its signal and records the reason, even if the adapter ignores the signal', async () => {
    const hanging = manualKind('hanging');
    const { scheduler, store } = setup({ a: cfg('hanging', 150) }, [hanging.source]);
    const outcome = await scheduler.poll('a');
    expect(outcome).toBe('failed');
    expect(hanging.calls[0]!.signal.aborted).toBe(true);
    expect(store.health('a', Date.now())).toMatchObject({ state: 'error', stale: true, lastError: 'timed out after 150 ms' });
    // the adapter is still running: the next tick must not start a second poll beside it
    expect(await scheduler.poll('a')).toBe('skipped');
    hanging.calls[0]!.resolve(reading(1));
    await flush();
    const next = scheduler.poll('a');
    await flush();
    expect(hanging.calls).toHaveLength(2);
    hanging.calls[1]!.resolve(reading(2));
    expect(await next).toBe('ok');
  });

  it('logs a crash after the poll (a failing store listener) instead of letting it stop the server', async () => {
    const fine = manualKind('fine');
    const log = capturingLogger();
    const store = new MemoryStore({ a: { intervalMs: 5_000, historyMs: 3_600_000 } });
    store.subscribe(() => {
      throw new Error('listener bug');
    });
    const clock = manualClock();
    const scheduler = new Scheduler({ a: cfg('fine') }, {
      store,
      schedule: clock.schedule,
      now: Date.now,
      env: {},
      logger: log,
      kinds: [fine.source],
    });
    scheduler.start();
    await flush();
    fine.calls[0]!.resolve(reading(1));
    await flush();
    await flush();
    expect(log.lines.filter((line) => line.startsWith('ERROR')).join('\n')).toContain('listener bug');
    for (const tick of clock.ticks.values()) tick();
    await flush();
    expect(fine.calls).toHaveLength(2); // still scheduled
    fine.calls[1]!.resolve(reading(2));
    await scheduler.stop();
  });

  it('isolates failures: a broken source leaves the others updating, and is retried on its next tick', async () => {
    const broken = manualKind('broken');
    const fine = manualKind('fine');
    const { scheduler, store, clock } = setup({ bad: cfg('broken'), good: cfg('fine') }, [broken.source, fine.source]);
    scheduler.start(); // polls each once right away
    await flush();
    expect(clock.ticks.size).toBe(2);
    broken.calls[0]!.reject(new Error('HTTP 500 from upstream'));
    fine.calls[0]!.resolve(reading(10));
    await flush();
    expect(store.health('bad', Date.now())).toMatchObject({ state: 'error', lastError: 'HTTP 500 from upstream' });
    expect(store.health('good', Date.now())).toMatchObject({ state: 'ok', stale: false });

    for (const tick of clock.ticks.values()) tick();
    await flush();
    expect(broken.calls).toHaveLength(2); // retried on schedule, not sooner
    broken.calls[1]!.resolve(reading(5));
    fine.calls[1]!.resolve(reading(11));
    await flush();
    expect(store.health('bad', Date.now())).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
    expect(store.history('good', 's').map((p) => p[1])).toEqual([10, 11]);
    await scheduler.stop();
    expect(clock.ticks.size).toBe(0);
  });

  it('records an adapter returning the wrong reading type as a failure', async () => {
    // what a JavaScript adapter, or one passing on parsed JSON, can do despite its declared type
    const liar = defineSourceKind({
      kind: 'liar',
      description: 'test',
      produces: 'monitoring',
      options: z.object({}),
      poll: async () => JSON.parse(JSON.stringify(reading(1))),
    });
    const { scheduler, store } = setup({ a: cfg('liar') }, [registerSourceKind(liar)]);
    expect(await scheduler.poll('a')).toBe('failed');
    expect(store.health('a', Date.now()).lastError).toContain('returned a metrics reading, expected monitoring');
  });

  it('redacts every configured secret, in every form, from failure reasons, readings and log lines', async () => {
    const env = { NAGIOS_PW: 'hunter2 pass/word', TOKEN: 'tok3n-abc', API_KEY: 'k3y-xyz-123' };
    const basic = Buffer.from(`radiator:${env.NAGIOS_PW}`).toString('base64');
    const outcomes: (() => Promise<MetricsReading>)[] = [];
    const echoing = defineSourceKind({
      kind: 'echoing',
      description: 'an upstream that echoes what it was sent',
      produces: 'metrics',
      options: z.object({
        username: z.string(),
        passwordEnv: z.string(),
        targets: z.array(z.object({ tokenEnv: z.string(), headersEnv: z.record(z.string(), z.string()) })),
      }),
      poll: () => outcomes.shift()!(),
    });
    const config: SourceConfig = { ...cfg('echoing'), username: 'radiator', passwordEnv: 'NAGIOS_PW', targets: [{ tokenEnv: 'TOKEN', headersEnv: { 'X-Api-Key': 'API_KEY' } }] };
    const store = new MemoryStore({ a: { intervalMs: 5_000, historyMs: 3_600_000 } });
    const log = capturingLogger();
    const scheduler = new Scheduler({ a: config }, { store, schedule: manualClock().schedule, now: Date.now, env, logger: log, kinds: [registerSourceKind(echoing)] });
    const leaks = [env.NAGIOS_PW, basic, encodeURIComponent(env.NAGIOS_PW), env.TOKEN, env.API_KEY];

    outcomes.push(async () => {
      throw new Error(`HTTP 500: you sent Authorization: Basic ${basic}, Bearer ${env.TOKEN}, X-Api-Key ${env.API_KEY}, ?pw=${encodeURIComponent(env.NAGIOS_PW)}`);
    });
    expect(await scheduler.poll('a')).toBe('failed');
    const lastError = store.health('a', Date.now()).lastError ?? '';
    expect(lastError).toBe('HTTP 500: you sent Authorization: Basic [redacted], Bearer [redacted], X-Api-Key [redacted], ?pw=[redacted]');
    outcomes.push(async () => ({ type: 'metrics', at: Date.now(), samples: [{ series: 's', value: 1, unit: '', label: `echo ${env.NAGIOS_PW}`, error: `Basic ${basic}` }] }));
    expect(await scheduler.poll('a')).toBe('ok');
    const stored = JSON.stringify(store.reading('a'));
    expect(stored).toContain('echo [redacted]');
    for (const leak of leaks) {
      expect(lastError).not.toContain(leak);
      expect(stored).not.toContain(leak);
      expect(log.records.join('\n')).not.toContain(leak);
      expect(JSON.stringify(store.exportState(Date.now()))).not.toContain(leak);
    }
    expect(log.lines.join('\n')).toContain('[redacted]');
  });

  it('aborts running polls on stop', async () => {
    const slow = manualKind('slow');
    const { scheduler } = setup({ a: cfg('slow') }, [slow.source]);
    const running = scheduler.poll('a');
    await flush();
    const stopped = scheduler.stop();
    expect(slow.calls[0]!.signal.aborted).toBe(true);
    slow.calls[0]!.reject(new Error('aborted'));
    await stopped;
    expect(await running).toBe('failed');
  });

  it('gives each configured source its own poller, and closes each on stop', async () => {
    const events: string[] = [];
    let opened = 0;
    const kept = registerSourceKind(
      defineSourceKind({
        kind: 'kept',
        description: 'test',
        produces: 'metrics',
        options: z.object({}),
        poll: () => Promise.reject(new Error('polled without its poller')),
        open: () => {
          const n = opened++;
          return {
            poll: async () => {
              events.push(`poll ${n}`);
              return reading(n);
            },
            close: async () => {
              events.push(`close ${n}`);
            },
          };
        },
      }),
    );
    const { scheduler, store } = setup({ a: cfg('kept'), b: cfg('kept') }, [kept]);
    expect(await scheduler.poll('a')).toBe('ok');
    expect(await scheduler.poll('b')).toBe('ok');
    expect(await scheduler.poll('a')).toBe('ok');
    expect(store.reading('b')).toMatchObject({ samples: [{ value: 1 }] });
    await scheduler.stop();
    expect(events).toEqual(['poll 0', 'poll 1', 'poll 0', 'close 0', 'close 1']);
  });

  it('tells the adapter when it will give up on the poll: its start plus the timeoutMs', async () => {
    const slow = manualKind('slow');
    let clock = 1_000_000;
    const store = new MemoryStore({ a: { intervalMs: 5_000, historyMs: 3_600_000 } });
    const scheduler = new Scheduler({ a: cfg('slow', 4_000) }, { store, schedule: manualClock().schedule, now: () => clock, env: {}, logger: silentLogger(), kinds: [slow.source] });
    const polled = scheduler.poll('a');
    await flush();
    expect(slow.calls[0]!.context.deadline).toBe(1_004_000);
    clock += 500;
    slow.calls[0]!.resolve(reading(1));
    await polled;
  });

  it('hands the adapter its previous reading only when it is of the kind it produces', async () => {
    const slow = manualKind('slow');
    const { scheduler, store } = setup({ a: cfg('slow') }, [slow.source]);
    // e.g. restored from disk, written while the source was of another type
    store.recordSuccess('a', { type: 'monitoring', at: 1, upstream: { program: 'x', reachable: true, checking: true, lastUpdate: null, detail: null }, checks: [] });
    const first = scheduler.poll('a');
    await flush();
    expect(slow.calls[0]!.context.previous).toBeNull();
    slow.calls[0]!.resolve(reading(7));
    await first;
    const second = scheduler.poll('a');
    await flush();
    expect(slow.calls[1]!.context.previous?.samples[0]?.value).toBe(7);
    slow.calls[1]!.resolve(reading(8));
    await second;
  });

  it('leaves pushed sources alone: they get no schedule and no poll', async () => {
    const polled = manualKind('polled');
    const pushed = registerSourceKind(
      definePushedSourceKind({
        kind: 'pushed',
        description: 'test',
        produces: 'metrics',
        event: 'metrics',
        options: z.object({}),
        payload: z.object({}),
        receive: (_options, _payload, context) => ({ type: 'metrics', at: context.now(), samples: [] }),
      }),
    );
    const { scheduler, clock } = setup({ a: cfg('polled'), p: { type: 'pushed', historyHours: 1 } }, [polled.source, pushed]);
    scheduler.start();
    await flush();
    expect(clock.ticks.size).toBe(1);
    expect(polled.calls).toHaveLength(1);
    await expect(scheduler.poll('p')).rejects.toThrow('source "p" is pushed, not polled');
    polled.calls[0]!.resolve(reading(1));
    await scheduler.stop();
  });
});
