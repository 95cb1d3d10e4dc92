import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/server/config/config-error.js';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { silentLogger } from '../../helpers/test-logger.js';
import { waitFor } from '../../helpers/test-server.js';
import { Scheduler } from '../../../src/server/scheduler.js';
import { muninSource } from '../../../src/server/sources/munin.js';
import type { MetricSample, MetricsReading } from '../../../src/server/readings/metrics.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import { muninStandIn } from '../../../src/server/standins/munin.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';
import { closedPort, startFakeNode, type FakeNode, type FakeNodeBehaviour, type FakePlugin } from './munin/fake-node.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';

const nodes: FakeNode[] = [];
const standIns: RunningStandIn[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.close()));
  await Promise.all(standIns.splice(0).map((s) => s.stop()));
});

async function fakeNode(name: string, plugins: Record<string, FakePlugin>, behaviour: FakeNodeBehaviour = {}): Promise<FakeNode> {
  const node = await startFakeNode(name, plugins, behaviour);
  nodes.push(node);
  return node;
}

/** A clock the test moves: rates depend on the time between polls. */
function clock(start = Date.UTC(2026, 10, 25, 12)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

async function poll(options: Record<string, unknown>, previous: MetricsReading | null, now: () => number = Date.now, signal = AbortSignal.timeout(15_000)) {
  return (await muninSource.poll(muninSource.options.parse(options), signal, { previous, env: {}, now, deadline: now() + 15_000 })) as MetricsReading;
}

const byName = (reading: MetricsReading) => new Map(reading.samples.map((s) => [s.series, s]));

const latency: FakePlugin = {
  config: ['graph_title Checkout API response time', 'graph_vlabel ms', 'p95.label p95', 'p95.warning 400', 'p95.critical 800'],
  fetch: () => ['p95.value 310'],
};

describe('munin source', () => {
  it('names series node/plugin/field with label, unit, group and thresholds from the config', async () => {
    const node = await fakeNode('web1', { test_latency: latency, load: { config: ['graph_title Load average', 'graph_vlabel load', 'load.label load'], fetch: () => ['load.value 0.42'] } });
    const r = await poll({ nodes: [`127.0.0.1:${node.port}`] }, null);
    expect(r.samples).toEqual<MetricSample[]>([
      { series: 'web1/load/load', label: 'load', unit: 'load', group: 'Load average', warning: null, critical: null, value: 0.42, error: null },
      {
        series: 'web1/test_latency/p95',
        label: 'p95',
        unit: 'ms',
        group: 'Checkout API response time',
        warning: { min: null, max: 400 },
        critical: { min: null, max: 800 },
        value: 310,
        error: null,
      },
    ]);
  });

  it('turns DERIVE counters into per-second rates from the second poll on, via the carry', async () => {
    let user = 1000;
    const node = await fakeNode('web1', {
      cpu: { config: ['graph_title CPU usage', 'graph_vlabel %', 'user.label user', 'user.type DERIVE', 'user.min 0'], fetch: () => [`user.value ${user}`] },
    });
    const time = clock();
    const options = { nodes: [`127.0.0.1:${node.port}`] };
    const first = await poll(options, null, time.now);
    expect(byName(first).get('web1/cpu/user')).toMatchObject({ value: null, error: null });

    time.advance(5000);
    user += 250;
    const second = await poll(options, first, time.now);
    expect(byName(second).get('web1/cpu/user')!.value).toBe(50);

    // a counter reset (reboot) gives no value for one round, not a negative rate
    time.advance(5000);
    user = 10;
    const third = await poll(options, second, time.now);
    expect(byName(third).get('web1/cpu/user')!.value).toBeNull();
    time.advance(5000);
    user = 60;
    expect(byName(await poll(options, third, time.now)).get('web1/cpu/user')!.value).toBe(10);
  });

  it('gives no rate across a long gap, e.g. restarted from a persisted reading of an hour ago', async () => {
    let bytes = 0;
    const node = await fakeNode('web1', { if_eth0: { config: ['down.label received', 'down.type COUNTER'], fetch: () => [`down.value ${bytes}`] } });
    const time = clock();
    const options = { nodes: [`127.0.0.1:${node.port}`] };
    const old = await poll(options, null, time.now);
    const restored = JSON.parse(JSON.stringify(old)) as MetricsReading; // as the state file gives it back
    time.advance(3_600_000);
    bytes = 3_600_000;
    expect(byName(await poll(options, restored, time.now)).get('web1/if_eth0/down')!.value).toBeNull();
  });

  it('applies cdef (bytes to bits) and labels a negative pair as munin draws it', async () => {
    let down = 2 ** 32 - 1000; // a 32-bit counter about to wrap
    const node = await fakeNode('gw', {
      if_eth0: {
        config: [
          'graph_vlabel bits in (-) / out (+) per ${graph_period}',
          'down.label received',
          'down.type COUNTER',
          'down.graph no',
          'down.cdef down,8,*',
          'up.label bps',
          'up.type COUNTER',
          'up.negative down',
        ],
        fetch: () => [`down.value ${down}`, 'up.value 5'],
      },
    });
    const time = clock();
    const options = { nodes: [`127.0.0.1:${node.port}`] };
    const first = await poll(options, null, time.now);
    time.advance(2000);
    down = 1000;
    const samples = byName(await poll(options, first, time.now));
    expect(samples.get('gw/if_eth0/down')).toMatchObject({ value: 8000, label: 'bps (-)', unit: 'bits in (-) / out (+) per second' });
    expect(samples.get('gw/if_eth0/up')).toMatchObject({ value: 0, label: 'bps (+)' });
  });

  it('keeps going when one plugin fails: its series carry the error, the others their values', async () => {
    const node = await fakeNode('web1', {
      test_latency: latency,
      test_broken: { config: ['x.label x'], fetch: () => ['# Bad exit'] },
    });
    const options = { nodes: [`127.0.0.1:${node.port}`], plugins: ['test_latency', 'test_broken', 'nosuch'] };
    const samples = byName(await poll(options, null));
    expect(samples.get('web1/test_latency/p95')).toMatchObject({ value: 310, error: null });
    expect(samples.get('web1/test_broken/x')).toMatchObject({ value: null, error: 'plugin failed (bad exit)' });
    expect(samples.get('web1/nosuch')).toMatchObject({ value: null, error: 'unknown service (not a plugin on this node)' });
  });

  it('fetches configs once, again when the plugin list changes, and when a fetch shows new fields', async () => {
    const node = await fakeNode('web1', { test_latency: latency });
    const options = { nodes: [`127.0.0.1:${node.port}`] };
    const configs = () => node.commands.filter((c) => c.startsWith('config')).length;
    const first = await poll(options, null);
    expect(configs()).toBe(1);
    const second = await poll(options, first);
    expect(configs()).toBe(1);
    expect(node.commands.filter((c) => c.startsWith('fetch'))).toHaveLength(2);

    node.plugins.load = { config: ['load.label load'], fetch: () => ['load.value 1'] };
    const third = await poll(options, second);
    expect(node.commands.filter((c) => c.startsWith('config')).sort()).toEqual(['config load', 'config test_latency', 'config test_latency']);

    node.plugins.load = { config: ['load.label load', 'load15.label load 15 min'], fetch: () => ['load.value 1', 'load15.value 3'] };
    const fourth = await poll(options, third);
    expect(configs()).toBe(4);
    expect(byName(fourth).get('web1/load/load15')).toMatchObject({ label: 'load 15 min', value: 3 });
  });

  it('fails with the reason when the only node is down, so the tile goes stale saying why', async () => {
    const port = await closedPort();
    await expect(poll({ nodes: [`127.0.0.1:${port}`] }, null)).rejects.toThrow(`munin-node 127.0.0.1:${port}: connection refused`);
  });

  it('marks the series of a node that is down and keeps the others', async () => {
    const up = await fakeNode('web1', { test_latency: latency });
    const flaky = await fakeNode('web2', { test_latency: latency });
    const never = await closedPort();
    const options = { nodes: [`127.0.0.1:${up.port}`, `127.0.0.1:${flaky.port}`, `127.0.0.1:${never}`] };
    const first = await poll(options, null);
    expect(byName(first).get('web1/test_latency/p95')).toMatchObject({ label: 'web1 p95', value: 310 });
    expect(byName(first).get('127.0.0.1')).toMatchObject({ value: null, error: `munin-node 127.0.0.1:${never}: connection refused` });

    await flaky.close();
    const second = byName(await poll(options, first));
    expect(second.get('web1/test_latency/p95')).toMatchObject({ value: 310, error: null });
    // the down node's last known series stay, without value, with the reason
    expect(second.get('web2/test_latency/p95')).toMatchObject({ label: 'web2 p95', value: null, error: `munin-node 127.0.0.1:${flaky.port}: connection refused` });
  });

  it('tells nodes apart that call themselves the same, and honours configured names', async () => {
    const a = await fakeNode('localhost', { test_latency: latency });
    const b = await fakeNode('localhost', { test_latency: latency });
    const r = byName(await poll({ nodes: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`, { address: `127.0.0.1:${b.port}`, name: 'db1' }] }, null));
    expect([...r.keys()]).toEqual(['localhost/test_latency/p95', `localhost@127.0.0.1:${b.port}/test_latency/p95`, 'db1/test_latency/p95']);
  });

  it('says so when the plugin globs match nothing on a node', async () => {
    const node = await fakeNode('web1', { test_latency: latency });
    const r = await poll({ nodes: [`127.0.0.1:${node.port}`], plugins: ['mysql_*'] }, null);
    expect(r.samples).toEqual([{ series: 'web1', label: 'web1', unit: '', value: null, error: 'no plugin matches mysql_* (the node lists: test_latency)' }]);
  });

  it('gives a plugin that answers with empty replies a series saying so, never an empty reading', async () => {
    // before: the reading had no samples at all, and the tiles said "no series matches " with an empty list
    const node = await fakeNode('web1', { quiet: { config: [], fetch: () => [] } });
    const r = await poll({ nodes: [`127.0.0.1:${node.port}`] }, null);
    expect(r.samples).toEqual([
      { series: 'web1/quiet', label: 'quiet', unit: '', value: null, error: 'the plugin answered with no fields (empty config and fetch replies)' },
    ]);
  });

  it('polls every plugin when the node hangs up right after its list, instead of failing the poll with a TypeError', async () => {
    const plugin = (v: number): FakePlugin => ({ config: ['v.label v'], fetch: () => [`v.value ${v}`] });
    const node = await fakeNode('web1', { a: plugin(1), b: plugin(2) }, { hangUpAfterList: true });
    const r = await poll({ nodes: [`127.0.0.1:${node.port}`], concurrency: 2 }, null);
    // the plugin sent on the closed connection says so; the other is polled over a new connection
    expect(r.samples).toEqual([
      { series: 'web1/a', label: 'a', unit: '', value: null, error: `munin-node 127.0.0.1:${node.port}: connection closed by the node (during "config a")` },
      expect.objectContaining({ series: 'web1/b/v', value: 2, error: null }),
    ]);
  });

  it('strips bidi overrides and C1 controls from all the node says: series keys, labels, graph titles, units, reasons', async () => {
    const hostile = '\u202e\u0085\u009b\u2066\u061c';
    const node = await fakeNode(`web${hostile}\u20281`, {
      [`load${hostile}`]: {
        config: [`graph_title Load${hostile} average`, `graph_vlabel lo${hostile}ad`, `load.label lo${hostile}ad`, `multigraph sub${hostile}graph`, 'x.label x'],
        fetch: () => ['load.value 1', `multigraph sub${hostile}graph`, 'x.value 2'],
      },
      broken: { config: ['y.label y'], fetch: () => [`# went${hostile} wrong`] },
    });
    const r = await poll({ nodes: [`127.0.0.1:${node.port}`] }, null);
    const texts = r.samples.flatMap((s) => [s.series, s.label, s.unit, s.group ?? '', s.error ?? '']);
    expect(texts.filter((t) => /[\u0080-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]/.test(t))).toEqual([]);
    expect(r.samples.map((s) => [s.series, s.label, s.group, s.error])).toEqual([
      ['web_1/broken/y', 'y', 'broken', 'went wrong'],
      ['web_1/load/load', 'lo ad', 'Load average', null],
      ['web_1/sub graph/x', 'x', 'sub graph', null],
    ]);
  });

  it('spreads plugins over `concurrency` connections', async () => {
    const slow = (v: number): FakePlugin => ({ config: ['v.label v'], fetch: () => [`v.value ${v}`], delayMs: 400 });
    const node = await fakeNode('web1', { a: slow(1), b: slow(2), c: slow(3) });
    const r = await poll({ nodes: [`127.0.0.1:${node.port}`], concurrency: 3 }, null);
    expect(r.samples.map((s) => s.value)).toEqual([1, 2, 3]);
    expect(node.maxConcurrent).toBe(3);
    const serial = await fakeNode('web2', { a: slow(1), b: slow(2) });
    await poll({ nodes: [`127.0.0.1:${serial.port}`], concurrency: 1 }, null);
    expect(serial.maxConcurrent).toBe(1);
  });

  it('fails the poll when aborted, instead of passing off a half-polled node', async () => {
    const node = await fakeNode('web1', { a: { config: ['v.label v'], fetch: () => ['v.value 1'], delayMs: 5000 } });
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('timed out after 300 ms')), 300);
    await expect(poll({ nodes: [`127.0.0.1:${node.port}`] }, null, Date.now, abort.signal)).rejects.toThrow('timed out after 300 ms');
  });

  it('has a default readTimeoutMs below the default timeoutMs, so a hung plugin times out alone', () => {
    const config = validateConfig({ sources: { m: { type: 'munin', schedule: '* * * * * *', nodes: ['web1'] } }, boards: {} }, 'boards.json', builtInKinds);
    expect(config.sources.m).toMatchObject({ timeoutMs: 10_000, readTimeoutMs: 5_000 });
  });

  it('rejects a readTimeoutMs that is not below the source timeoutMs, saying why', () => {
    const problems = (source: Record<string, unknown>) => {
      try {
        validateConfig({ sources: { m: { type: 'munin', schedule: '* * * * * *', nodes: ['web1'], ...source } }, boards: {} }, 'boards.json', builtInKinds);
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ readTimeoutMs: 10_000 })).toEqual([
      {
        path: '$.sources.m.readTimeoutMs',
        message: "must be below the source's timeoutMs (10000), so that one slow plugin cannot time out the whole source (got 10000)",
      },
    ]);
    expect(problems({ readTimeoutMs: 4000, timeoutMs: 3000 })).toHaveLength(1);
    expect(problems({ readTimeoutMs: 20_000, timeoutMs: 30_000 })).toEqual([]);
  });

  it('returns the values of the plugins that answered when one never does, before the scheduler gives up', async () => {
    const node = await fakeNode('web1', {
      a: { config: ['v.label v'], fetch: () => ['v.value 1'], delayMs: 600 },
      b: { config: ['v.label v'], fetch: () => ['v.value 2'] },
      hung: { config: ['v.label v'], fetch: () => [], hang: true },
    });
    // exactly as the server runs it: the validated source config, polled by the scheduler with its
    // timeout. One connection: a slow plugin, then the hung one, whose read timeout would end after
    // the source's timeout
    const config = validateConfig(
      { sources: { m: { type: 'munin', schedule: '* * * * * *', timeoutMs: 1500, readTimeoutMs: 1400, concurrency: 1, nodes: [`127.0.0.1:${node.port}`] } }, boards: {} },
      'boards.json',
      builtInKinds,
    );
    const store = new MemoryStore({ m: { intervalMs: 1000, historyMs: 3_600_000 } });
    const scheduler = new Scheduler(config.sources, { store, schedule: () => ({ stop: () => {} }), now: Date.now, env: {}, logger: silentLogger(), kinds: builtInKinds.sources });
    try {
      expect(await scheduler.poll('m')).toBe('ok');
    } finally {
      await scheduler.stop();
    }
    const samples = byName(store.reading('m') as MetricsReading);
    expect(samples.get('web1/a/v')).toMatchObject({ value: 1, error: null });
    expect(samples.get('web1/b/v')).toMatchObject({ value: 2, error: null });
    // the node stops at its own deadline (the timeout less a tenth); the hung plugin's config arrived
    // before its fetch hung, so its field is known and carries the reason
    const hung = samples.get('web1/hung/v');
    expect(hung).toMatchObject({ value: null, error: expect.stringMatching(new RegExp(`^munin-node 127\\.0\\.0\\.1:${node.port}: no answer within \\d+ ms \\(during "fetch hung"\\)$`)) });
    // the time left when the poll began (the scheduler's deadline less the start; 1500 ms unless the loop
    // was busy), less a tenth
    const withinMs = Number(/within (\d+) ms/.exec(hung!.error!)![1]);
    expect(withinMs).toBeLessThanOrEqual(1350);
    expect(withinMs).toBeGreaterThan(1200);
  });

  it('puts the graph_args limits on every sample of the graph: limits, --rigid, --base', async () => {
    const node = await fakeNode('web1', {
      memory: { config: ['graph_args --base 1024 -l 0 --upper-limit 8270000000', 'apps.label apps'], fetch: () => ['apps.value 1000'] },
      cpu: { config: ['graph_args --base 1000 -r --lower-limit 0 --upper-limit 200', 'user.label user', 'system.label system'], fetch: () => ['user.value 1', 'system.value 2'] },
      plain: { config: ['graph_args --base 1000', 'x.label x'], fetch: () => ['x.value 1'] },
    });
    const samples = byName(await poll({ nodes: [`127.0.0.1:${node.port}`] }, null));
    expect(samples.get('web1/memory/apps')!.axis).toEqual({ lower: 0, upper: 8_270_000_000, rigid: false, base: 1024 });
    expect(samples.get('web1/cpu/user')!.axis).toEqual({ lower: 0, upper: 200, rigid: true, base: 1000 });
    expect(samples.get('web1/cpu/system')!.axis).toEqual({ lower: 0, upper: 200, rigid: true, base: 1000 });
    expect(samples.get('web1/plain/x')).not.toHaveProperty('axis');
  });

  it('polls many nodes without MaxListenersExceededWarning on the scheduler\'s signal', async () => {
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => fakeNode(`n${i}`, { load: { config: ['load.label load'], fetch: () => ['load.value 1'] } })));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const r = await poll({ nodes: many.map((n) => `127.0.0.1:${n.port}`) }, null, Date.now, new AbortController().signal);
      expect(r.samples.filter((s) => s.value === 1)).toHaveLength(12);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('reads the demo stand-in: gauges, DERIVE rates, COUNTER bits and thresholds', async () => {
    const standIn = await muninStandIn.start(0);
    standIns.push(standIn);
    const options = { nodes: [`127.0.0.1:${standIn.port}`] };
    const first = await poll(options, null);
    const s1 = byName(first);
    expect(s1.get('shop-web1/load/load')!.value).toBeGreaterThanOrEqual(0);
    expect(s1.get('shop-web1/checkout_latency/p95')).toMatchObject({ unit: 'ms', warning: { min: null, max: 400 }, critical: { min: null, max: 800 } });
    expect(s1.get('shop-web1/cpu/user')!.value).toBeNull();
    // the demo's graph_args, so its CPU chart needs no yMin/yMax in the board
    expect(s1.get('shop-web1/cpu/user')!.axis).toEqual({ lower: 0, upper: 200, rigid: true, base: 1000 });

    // rates need counters that moved: poll until a reading is at least a second after the first
    const second = await waitFor(async () => {
      const reading = await poll(options, first);
      return reading.at - first.at >= 1000 ? reading : null;
    }, 'a reading a second after the first');
    const s2 = byName(second);
    const cpu = ['user', 'system', 'iowait', 'idle'].map((f) => s2.get(`shop-web1/cpu/${f}`)!.value!);
    // jiffies per second of a 2-CPU machine: the four add up to about 200 %
    expect(cpu.reduce((a, b) => a + b, 0)).toBeGreaterThan(150);
    expect(cpu.reduce((a, b) => a + b, 0)).toBeLessThan(250);
    expect(s2.get('shop-web1/if_eth0/down')!.value).toBeGreaterThan(1e6); // bits/s (cdef down,8,*)
  });
});
