import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, hasScrollbars, useChromium, screenshot } from '../helpers/browser.js';
import { startTestServer, type StartedServer } from '../helpers/test-server.js';
import { undrawn } from '../helpers/chart-lines.js';
import { replaceFile } from '../helpers/replace-file.js';
import { readEnvFile, UPSTREAMS } from '../helpers/upstreams.js';

const muninNodeInstalled = existsSync('/usr/sbin/munin-node');

const config = (port: string) => ({
  sources: {
    node: {
      type: 'munin',
      schedule: '* * * * * *',
      timeoutMs: 5000,
      readTimeoutMs: 4000,
      nodes: [`127.0.0.1:${port}`],
      plugins: ['load', 'cpu', 'test_latency'],
    },
  },
  boards: {
    wall: {
      title: 'munin on the wall',
      columns: 3,
      rows: 2,
      tiles: [
        { id: 'checkout', title: 'Checkout API', widget: 'latency', source: 'node', x: 0, y: 0, w: 2, options: { series: ['*/test_latency/p95', '*/test_latency/p99'], windowMinutes: 2 } },
        { id: 'p50', title: 'Checkout p50', widget: 'number', source: 'node', x: 2, y: 0, options: { series: '*/test_latency/p50', compareMinutes: 0.1, decimals: 0 } },
        { id: 'cpu', title: 'CPU', widget: 'graph', source: 'node', x: 0, y: 1, w: 2, options: { series: ['*/cpu/*'], stacked: true, windowMinutes: 2, maxSeries: 12 } },
        { id: 'latency-graph', title: 'Percentiles', widget: 'graph', source: 'node', x: 2, y: 1, options: { series: ['*/test_latency/*'], windowMinutes: 2 } },
      ],
    },
  },
});

/** Attributes and geometry read from inside the widgets' shadow roots. */
async function chartState(page: Page) {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const widget = (tile: string, tag: string) => board.querySelector(`radiator-tile[data-tile="${tile}"] ${tag}`)!.shadowRoot!;
    const latency = widget('checkout', 'radiator-latency');
    const graph = widget('latency-graph', 'radiator-graph');
    const cpu = widget('cpu', 'radiator-graph');
    const band = latency.querySelector('.row[data-key$="/p95"] .band-warning') as SVGRectElement | null;
    return {
      rows: [...latency.querySelectorAll('.row')].map((r) => [r.getAttribute('data-key'), r.getAttribute('data-status')]),
      sparklines: [...latency.querySelectorAll('.row')].map((r) => [r.getAttribute('data-key'), r.querySelector('.line')?.getAttribute('d') ?? '']),
      warningBand: band ? Number(band.getAttribute('height')) : 0,
      graphLines: [...graph.querySelectorAll('.lines path')].map((p) => p.getAttribute('d') ?? ''),
      cpuLines: [...cpu.querySelectorAll('.lines path')].map((p) => p.getAttribute('d') ?? ''),
      legend: [...graph.querySelectorAll('.legend .item')].map((i) => [i.getAttribute('data-key'), i.getAttribute('data-status')]),
      cpuAreas: cpu.querySelectorAll('.areas path').length,
      // grid lines come and go with the axis ticks; paths and bands are one per series or limit
      svgNodes: [graph, cpu, latency].reduce((n, root) => n + root.querySelectorAll('svg path, svg rect').length, 0),
      numberStatus: widget('p50', 'radiator-number').querySelector('.value')?.getAttribute('data-status'),
    };
  });
}

// Skipped only when Chromium or munin-node is missing; .ci/run installs both, so CI runs this.
describe.skipIf(!chromiumAvailable || !muninNodeInstalled)('munin tiles in Chromium (needs chromium and munin-node; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;
  let dir = '';
  let valuesFile = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-munin-browser-'));
    // other ports than the integration test's node, which may start at the same moment
    execFileSync(path.join(UPSTREAMS, 'start-munin-node.sh'), [dir], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, MUNIN_PORT: '14949', MUNIN_WEB_PORT: '18182' },
    });
    const env = readEnvFile(path.join(dir, 'munin.env'));
    valuesFile = env.MUNIN_TEST_LATENCY_VALUES!;
    // all below warning to begin with (the script's default p99 of 720 is above its 600)
    replaceFile(valuesFile, 'p50.value 120\np95.value 310\np99.value 520\n');
    app = await startTestServer(config(env.MUNIN_PORT!));
  });

  afterAll(async () => {
    await app?.close();
    if (dir) execFileSync(path.join(UPSTREAMS, 'stop-munin-node.sh'), [dir], { stdio: 'ignore' });
  });

  it('shows p95 crossing its munin warning on the latency tile, with charts, at 1080p and 4K', async () => {
    const { page, errors, close } = await chromium.open(1920, 1080);
    try {
      await page.goto(`${app.url}/boards/wall`);
      const tile = page.locator('radiator-tile[data-tile="checkout"]');
      await expect.poll(() => tile.getAttribute('data-status'), { timeout: 20_000 }).toBe('ok');
      // the number tile compares with 6 s ago: once the history reaches back so far, an unchanged p50 is flat
      const change = page.locator('radiator-tile[data-tile="p50"] radiator-number .change');
      await expect.poll(() => change.textContent(), { timeout: 20_000 }).toMatch(/^→ ±0 \(±0 %\) in [5-9] s$/);

      replaceFile(valuesFile, 'p50.value 130\np95.value 450\np99.value 700\n'); // p95 warning 400, p99 warning 600
      // and for the next 6 s, p50's rise from 120 to 130 shows with its arrow
      await expect.poll(() => change.textContent(), { timeout: 6_000, interval: 200 }).toMatch(/^↑ \+10 \(\+8\.3 %\) in [5-9] s$/);
      await expect.poll(() => tile.getAttribute('data-status'), { timeout: 20_000 }).toBe('warning');
      await expect.poll(async () => (await chartState(page)).rows, { timeout: 10_000 }).toEqual([
        ['radiator-test-node/test_latency/p95', 'warning'],
        ['radiator-test-node/test_latency/p99', 'warning'],
      ]);
      await expect.poll(() => tile.locator('radiator-latency .value').first().textContent(), { timeout: 10_000 }).toMatch(/450\s*ms/);

      // cpu (7 fields, 9 on kernels with steal/guest) is charted once stacked; then every line, every
      // stretch of it, is drawn with a few points
      await expect.poll(async () => (await chartState(page)).cpuAreas, { timeout: 20_000 }).toBeGreaterThanOrEqual(7);
      const lines = (s: Awaited<ReturnType<typeof chartState>>) => ({ sparklines: s.sparklines.map(([, d]) => d!), graph: s.graphLines, cpu: s.cpuLines });
      await expect.poll(async () => undrawn(lines(await chartState(page)), 4), { timeout: 20_000 }).toEqual([]);
      const state = await chartState(page);
      expect(state.sparklines.map(([key]) => key)).toEqual(['radiator-test-node/test_latency/p95', 'radiator-test-node/test_latency/p99']);
      expect(state.warningBand).toBeGreaterThan(0);
      expect(state.graphLines).toHaveLength(3);
      expect(state.legend).toEqual([
        ['radiator-test-node/test_latency/p50', 'ok'],
        ['radiator-test-node/test_latency/p95', 'warning'],
        ['radiator-test-node/test_latency/p99', 'warning'],
      ]);
      expect(state.numberStatus).toBe('ok');
      expect(await hasScrollbars(page)).toBe(false);
      await screenshot(page, 'munin-latency-warning-1920x1080');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }

    const big = await chromium.open(3840, 2160);
    try {
      await big.page.goto(`${app.url}/boards/wall`);
      const tile = big.page.locator('radiator-tile[data-tile="checkout"]');
      await expect.poll(() => tile.getAttribute('data-status'), { timeout: 20_000 }).toBe('warning');
      await expect.poll(async () => (await chartState(big.page)).cpuAreas, { timeout: 20_000 }).toBeGreaterThanOrEqual(7);
      expect(await hasScrollbars(big.page)).toBe(false);
      await screenshot(big.page, 'munin-latency-warning-3840x2160');
      expect(big.errors).toEqual([]);
    } finally {
      await big.close();
    }
  });

  it('redraws charts in place: the same SVG nodes, update after update', async () => {
    const { page, errors, close } = await chromium.open(1920, 1080);
    try {
      await page.goto(`${app.url}/boards/wall`);
      await expect.poll(async () => (await chartState(page)).cpuAreas, { timeout: 20_000 }).toBeGreaterThanOrEqual(7);
      const mark = () =>
        page.evaluate(() => {
          const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
          const path = board.querySelector('radiator-tile[data-tile="latency-graph"] radiator-graph')!.shadowRoot!.querySelector('.lines path') as SVGPathElement & { marked?: boolean };
          const before = path.marked === true;
          path.marked = true;
          return { before, d: path.getAttribute('d') };
        });
      const first = await mark();
      const nodes = (await chartState(page)).svgNodes;
      replaceFile(valuesFile, 'p50.value 140\np95.value 320\np99.value 650\n');
      await expect.poll(async () => (await mark()).d, { timeout: 20_000 }).not.toBe(first.d);
      // the line moved, yet it is the very element drawn first: d3 joined on the series key
      expect((await mark()).before).toBe(true);
      expect((await chartState(page)).svgNodes).toBe(nodes);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
