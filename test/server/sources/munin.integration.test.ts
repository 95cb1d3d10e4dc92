import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphTileView, LatencyTileView, NumberTileView, TileView } from '../../../src/shared/tile-view.js';
import { replaceFile } from '../../helpers/replace-file.js';
import { startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';
import { readEnvFile, UPSTREAMS } from '../../helpers/upstreams.js';
import { closedPort } from './munin/fake-node.js';

const MUNIN_NODE = '/usr/sbin/munin-node';
const NODE = 'radiator-test-node'; // MUNIN_HOST_NAME, the name in the banner

let dir = '';
let env: Record<string, string> = {};
let app: StartedServer | null = null;
let dataDir = '';

const config = (port: string) => ({
  sources: {
    node: {
      type: 'munin',
      schedule: '* * * * * *',
      timeoutMs: 8000,
      readTimeoutMs: 6000,
      nodes: [`127.0.0.1:${port}`],
      plugins: ['load', 'cpu', 'memory', 'df', 'test_latency', 'test_broken'],
    },
  },
  boards: {
    munin: {
      title: 'munin',
      columns: 4,
      rows: 2,
      tiles: [
        { id: 'checkout', widget: 'latency', source: 'node', x: 0, y: 0, options: { series: ['*/test_latency/p95'] } },
        { id: 'broken', widget: 'latency', source: 'node', x: 1, y: 0, options: { series: ['*/test_broken*'] } },
        { id: 'load', widget: 'number', source: 'node', x: 2, y: 0, options: { series: '*/load/load', compareMinutes: 1 } },
        { id: 'cpu', widget: 'graph', source: 'node', x: 3, y: 0, options: { series: ['*/cpu/*'], stacked: true, maxSeries: 12 } },
        { id: 'memory', widget: 'graph', source: 'node', x: 0, y: 1, w: 2, options: { series: ['*/memory/*'], maxSeries: 24 } },
        { id: 'disk', widget: 'graph', source: 'node', x: 2, y: 1, w: 2, options: { series: ['*/df/*'], maxSeries: 24 } },
      ],
    },
  },
});

const view = <V extends TileView>(tile: string) => tileView(app!.url, 'munin', tile) as Promise<V>;
// munin-node's plugin cats this file while we change it: swap it whole
const setLatency = (text: string) => replaceFile(env.MUNIN_TEST_LATENCY_VALUES!, text);

const missing = !existsSync(MUNIN_NODE);

describe.skipIf(missing)('munin source against the real munin-node (needs munin-node; skipped when absent)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-munin-'));
    // free ports, never munin's 4949: a real munin-node on this machine must not answer instead
    const ports = { MUNIN_PORT: String(await closedPort()), MUNIN_WEB_PORT: String(await closedPort()) };
    execFileSync(path.join(UPSTREAMS, 'start-munin-node.sh'), [dir], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...ports } });
    env = readEnvFile(path.join(dir, 'munin.env'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'radiator-munin-data-'));
    app = await startTestServer(config(env.MUNIN_PORT!), { dataDir });
  });

  afterAll(async () => {
    await app?.close();
    if (dir) execFileSync(path.join(UPSTREAMS, 'stop-munin-node.sh'), [dir], { stdio: 'ignore' });
  });

  it('shows test_latency with the thresholds from its munin config', async () => {
    const tile = await waitFor(async () => {
      const v = await view<LatencyTileView>('checkout');
      return v.data.series.length ? v : null;
    }, 'test_latency on the checkout tile', 30_000);
    expect(tile).toMatchObject({ status: 'ok', stale: false, reason: null });
    expect(tile.data.series[0]).toMatchObject({
      key: `${NODE}/test_latency/p95`,
      label: 'p95',
      unit: 'ms',
      current: 310,
      status: 'ok',
      warning: { min: null, max: 400 },
      critical: { min: null, max: 800 },
    });
  });

  it('shows load as a number with its unit', async () => {
    const tile = await waitFor(async () => {
      const v = await view<NumberTileView>('load');
      return v.data.key ? v : null;
    }, 'load on the number tile');
    expect(tile.data).toMatchObject({ key: `${NODE}/load/load`, label: 'load', unit: 'load' });
    expect(tile.data.current).toBeGreaterThanOrEqual(0);
  });

  it('shows cpu as per-second rates once a second poll has given counters a baseline', async () => {
    const tile = await waitFor(async () => {
      const v = await view<GraphTileView>('cpu');
      return v.data.series.some((s) => s.current !== null) ? v : null;
    }, 'cpu rates', 30_000);
    // graph_order first; steal and guest follow where the kernel has them
    const keys = tile.data.series.map((s) => s.key);
    expect(keys.slice(0, 7)).toEqual(['system', 'user', 'nice', 'idle', 'iowait', 'irq', 'softirq'].map((f) => `${NODE}/cpu/${f}`));
    expect(tile.data).toMatchObject({ unit: '%', stacked: true });
    // the plugin's graph_args "--base 1000 -r --lower-limit 0 --upper-limit <CPUs × 100>" set the range
    expect(tile.data.yMin).toBeNull();
    expect(tile.data.yMax! % 100).toBe(0);
    expect(tile.data.yMax).toBeGreaterThanOrEqual(100);
    const values = tile.data.series.map((s) => s.current).filter((v): v is number => v !== null);
    expect(values.every((v) => v >= 0)).toBe(true);
    // jiffies per second over all CPUs: about 100 per CPU in total, never the raw counters (millions)
    const total = values.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(100 * 64);
  });

  it('shows memory in bytes and df in percent with the thresholds from plugin-conf.d', async () => {
    const memory = await waitFor(async () => {
      const v = await view<GraphTileView>('memory');
      return v.data.series.length ? v : null;
    }, 'memory series');
    expect(memory.data.unit).toBe('Bytes');
    expect(memory.data.series.find((s) => s.key === `${NODE}/memory/apps`)!.current).toBeGreaterThan(0);
    const disk = await view<GraphTileView>('disk');
    expect(disk.data.series.length).toBeGreaterThan(0);
    for (const s of disk.data.series) {
      expect(s).toMatchObject({ unit: '%', warning: { min: null, max: 92 }, critical: { min: null, max: 98 } });
      expect(s.key.startsWith(`${NODE}/df/`)).toBe(true);
    }
    // df's graph_args "--upper-limit 100 -l 0": the chart shows 0–100 % without a yMax on the tile
    expect(disk.data).toMatchObject({ yMin: null, yMax: 100 });
    // memory's "--base 1024 -l 0 --upper-limit <MemTotal>" travels on the samples
    const reading = app!.server.store.reading('node');
    const apps = reading?.type === 'metrics' ? reading.samples.find((s) => s.series === `${NODE}/memory/apps`) : undefined;
    expect(apps?.axis).toMatchObject({ lower: 0, rigid: false, base: 1024 });
    expect(apps!.axis!.upper).toBeGreaterThan(0);
  });

  it('shows a failing plugin as critical with the node\'s reason, without failing the others', async () => {
    const tile = await view<LatencyTileView>('broken');
    expect(tile.status).toBe('critical');
    expect(tile.data.series[0]).toMatchObject({ key: `${NODE}/test_broken`, current: null, detail: 'plugin failed (bad exit)' });
    expect((await view('checkout')).stale).toBe(false);
  });

  it('turns the tile critical when p95 crosses the critical threshold, and back', async () => {
    setLatency('p50.value 130\np95.value 950\np99.value 1300\n');
    const critical = await waitFor(async () => {
      const v = await view<LatencyTileView>('checkout');
      return v.status === 'critical' ? v : null;
    }, 'the checkout tile to turn critical', 30_000);
    expect(critical.data.series[0]).toMatchObject({ current: 950, status: 'critical' });

    setLatency('p50.value 130\np95.value 450\np99.value 700\n');
    const warning = await waitFor(async () => {
      const v = await view<LatencyTileView>('checkout');
      return v.status === 'warning' ? v : null;
    }, 'the checkout tile to turn warning', 30_000);
    expect(warning.data.series[0]!.current).toBe(450);
    // the sparkline window still shows the excursion
    expect(warning.data.series[0]!.points.some((p) => p[1] === 950)).toBe(true);
  });

  it('shows U as no value and garbage as an error', async () => {
    setLatency('p95.value U\n');
    const unknown = await waitFor(async () => {
      const v = await view<LatencyTileView>('checkout');
      return v.data.series[0]?.current === null ? v : null;
    }, 'p95 without value', 30_000);
    expect(unknown).toMatchObject({ status: 'unknown', data: { series: [{ status: 'unknown', detail: 'no value' }] } });

    setLatency('p95.value lots\n');
    const garbage = await waitFor(async () => {
      const v = await view<LatencyTileView>('checkout');
      return v.data.series[0]?.detail?.startsWith('invalid') ? v : null;
    }, 'p95 with garbage', 30_000);
    expect(garbage.data.series[0]).toMatchObject({ status: 'critical', detail: 'invalid value "lots"' });
    setLatency('p50.value 120\np95.value 310\np99.value 720\n');
  });

  it('computes rates on the first poll after a restart, from the persisted carry', async () => {
    await app!.close();
    app = await startTestServer(config(env.MUNIN_PORT!), { dataDir });
    const { store } = app.server;
    // the first poll needs network round trips, so this subscription is in place before it lands
    const firstPoll = new Promise<ReturnType<typeof store.reading>>((resolve) => {
      const off = store.subscribe((id) => {
        off();
        resolve(store.health(id, Date.now()).state === 'ok' ? store.reading(id) : null);
      });
    });
    const reading = await firstPoll;
    expect(reading?.type).toBe('metrics');
    const cpu = reading!.type === 'metrics' ? reading!.samples.filter((s) => s.series.startsWith(`${NODE}/cpu/`)) : [];
    // a fresh start would have no rate yet; the restored counters give one at once
    expect(cpu.length).toBeGreaterThanOrEqual(7);
    expect(cpu.every((s) => s.value !== null && s.value >= 0)).toBe(true);
  });

  it('goes stale with "connection refused" when the node stops', async () => {
    execFileSync(path.join(UPSTREAMS, 'stop-munin-node.sh'), [dir], { stdio: 'ignore' });
    const refused = `munin-node 127.0.0.1:${env.MUNIN_PORT}: connection refused`;
    // a poll in flight while the node goes down may fail differently (reset); the next ones are refused
    const stale = await waitFor(async () => {
      const v = await view<LatencyTileView>('checkout');
      return v.stale && v.reason === refused ? v : null;
    }, `the checkout tile to go stale with "${refused}"`, 30_000);
    // the last data stays on the wall, marked stale
    expect(stale.data.series[0]!.key).toBe(`${NODE}/test_latency/p95`);
  });
});
