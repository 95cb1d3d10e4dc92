import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKinds } from '../../src/server/built-in-kinds.js';
import { validateConfig } from '../../src/server/config/load-config.js';
import { storeSpecsOf } from '../../src/server/create-server.js';
import type { MetricSample } from '../../src/server/readings/metrics.js';
import { InMemoryServerStore } from '../../src/server/store/in-memory-server-store.js';
import { TEXT_MIN_VH } from '../../src/widgets/theme.js';
import { chromiumAvailable, hasScrollbars, screenshot, useChromium } from '../helpers/browser.js';
import { startTestServer, type StartedServer } from '../helpers/test-server.js';

const MIN = 60_000;
const prodDeploys = { source: 'deploys', envs: ['prod'] };

const config = {
  sources: { shop: { type: 'push' }, deploys: { type: 'deploys' } },
  boards: {
    wall: {
      title: 'Deploys on charts',
      columns: 4,
      rows: 3,
      tiles: [
        { id: 'checkout', title: 'Checkout probe', widget: 'latency', source: 'shop', x: 0, y: 0, w: 2, options: { series: ['checkout'], warning: 300, critical: 600, deploys: prodDeploys } },
        { id: 'endpoints', title: 'Search and login', widget: 'latency', source: 'shop', x: 2, y: 0, options: { series: ['search', 'login'], deploys: { ...prodDeploys, services: ['search*'] } } },
        { id: 'small', title: 'Checkout', widget: 'latency', source: 'shop', x: 3, y: 0, options: { series: ['checkout'], windowMinutes: 10, deploys: prodDeploys } },
        { id: 'trend', title: 'Response times', widget: 'graph', source: 'shop', x: 0, y: 1, w: 2, h: 2, options: { series: ['checkout', 'search', 'login'], windowMinutes: 30, warning: 300, critical: 600, deploys: prodDeploys } },
        { id: 'cpu', title: 'CPU web1', widget: 'graph', source: 'shop', x: 2, y: 1, w: 2, h: 2, options: { series: ['web1/cpu/*'], windowMinutes: 30, stacked: true, deploys: prodDeploys } },
      ],
    },
  },
};

/** Half an hour of samples every 15 s: checkout's latency doubles after M-4411, four minutes ago. */
function samplesAt(t: number, now: number): MetricSample[] {
  const after = t >= now - 4 * MIN;
  const wave = Math.sin(t / 40_000) * 12;
  return [
    { series: 'checkout', value: Math.round((after ? 260 : 130) + wave), unit: 'ms', label: 'checkout' },
    { series: 'search', value: Math.round(90 + wave), unit: 'ms', label: 'search' },
    { series: 'login', value: Math.round(180 - wave), unit: 'ms', label: 'login' },
    { series: 'web1/cpu/user', value: Math.round((after ? 48 : 30) + wave), unit: '%', label: 'user' },
    { series: 'web1/cpu/system', value: Math.round(12 + wave / 3), unit: '%', label: 'system' },
    { series: 'web1/cpu/iowait', value: 4, unit: '%', label: 'iowait' },
  ];
}

/** Deploys of the last half hour: a cluster of three within a minute, one running at the right edge, a staging one filtered out. */
function deploysOf(now: number) {
  const deploy = (id: string, minutesAgo: number, what: Record<string, string>, outcome: 'succeeded' | 'failed' | 'rolled_back' | null, env = 'prod') => {
    const startedAt = now - minutesAgo * MIN;
    const started = { kind: 'deploy', deploy: id, env, status: 'started', startedAt, at: startedAt, by: 'deploy-bot', ...what };
    return outcome ? [started, { ...started, status: outcome, at: startedAt + 90_000 }] : [started];
  };
  return [
    ...deploy('d1', 26, { manifest: 'M-4409' }, 'succeeded'),
    ...deploy('d2', 13, { service: 'checkout', version: '2.14.0' }, 'succeeded'),
    ...deploy('d3', 9.2, { manifest: 'M-4410' }, 'failed'),
    ...deploy('d4', 8.8, { service: 'checkout', version: '2.14.1' }, 'rolled_back'),
    ...deploy('d5', 8.4, { service: 'search', version: '7.0.2' }, 'succeeded'),
    ...deploy('d6', 4, { manifest: 'M-4411' }, 'succeeded'),
    ...deploy('d7', 5, { manifest: 'M-4411' }, 'succeeded', 'staging'),
    ...deploy('d8', 0.6, { service: 'checkout', version: '2.14.2-hotfix.1' }, null),
  ];
}

interface MarkGeometry {
  lines: Record<string, number>;
  labels: { tile: string; text: string; px: number; colour: string }[];
  failedStroke: string[];
  /** Pairs of things that overlap: two labels, or a label and the chart's own text. */
  overlaps: string[];
  /** Labels reaching outside their plot. */
  outside: string[];
}

/** Deploy lines and labels of every tile, and what they run into, read from inside the shadow roots. */
function measure(page: Page): Promise<MarkGeometry> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const out: MarkGeometry = { lines: {}, labels: [], failedStroke: [], overlaps: [], outside: [] };
    const shown = (el: Element) => !(el as HTMLElement).hidden && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    const meet = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      const id = tile.dataset.tile!;
      const root = tile.querySelector('radiator-latency, radiator-graph')!.shadowRoot!;
      out.lines[id] = root.querySelectorAll('.deploy-marks line').length;
      for (const line of root.querySelectorAll('.deploy-marks line.m-failed')) out.failedStroke.push(getComputedStyle(line).stroke);
      const labels = [...root.querySelectorAll<HTMLElement>('.mark-label')].filter(shown);
      // the chart's own text: current values, names, statistics, legend, axis ticks, limits
      const own = [...root.querySelectorAll('.value, .label > span, .legend .item, .legend .unit, .y span.abs, .x span, .limits')].filter(shown);
      for (const label of labels) {
        const r = label.getBoundingClientRect();
        const style = getComputedStyle(label);
        out.labels.push({ tile: id, text: label.textContent!, px: parseFloat(style.fontSize), colour: style.color });
        const plot = label.parentElement!.getBoundingClientRect();
        if (r.left < plot.left - 0.5 || r.right > plot.right + 0.5 || r.top < plot.top - 0.5 || r.bottom > plot.bottom + 0.5) out.outside.push(`${id}: ${label.textContent}`);
        for (const other of labels) if (other !== label && label.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING && meet(r, other.getBoundingClientRect())) out.overlaps.push(`${id}: ${label.textContent} / ${other.textContent}`);
        for (const el of own) if (meet(r, el.getBoundingClientRect())) out.overlaps.push(`${id}: ${label.textContent} / "${el.textContent!.trim().slice(0, 30)}"`);
      }
    }
    return out;
  });
}

/** Lines per tile: prod deploys within each window (latency 15 min, the small one 10, graphs 30), on every row of a latency tile. */
const EXPECTED_LINES = { checkout: 6, endpoints: 2 * 3, small: 5, trend: 7, cpu: 7 };

function check(m: MarkGeometry, height: number) {
  expect(m.lines).toEqual(EXPECTED_LINES);
  const floor = (TEXT_MIN_VH / 100) * height - 0.05;
  expect(m.labels.filter((l) => l.px < floor), `labels under ${floor.toFixed(1)} px`).toEqual([]);
  expect(m.overlaps).toEqual([]);
  expect(m.outside).toEqual([]);
  // the newest deploy is named on every tile; failed and rolled back ones are red, running amber, with their glyphs
  for (const tile of Object.keys(EXPECTED_LINES)) expect(m.labels.filter((l) => l.tile === tile).length, tile).toBeGreaterThan(0);
  const text = (tile: string) => m.labels.filter((l) => l.tile === tile).map((l) => l.text);
  expect(text('checkout')).toContain('▸ checkout 2.14.2-hotfix.1');
  expect(text('trend')).toEqual(expect.arrayContaining(['▸ checkout 2.14.2-hotfix.1', 'M-4411']));
  expect(text('endpoints')).toContain('M-4411');
  expect(text('endpoints')).not.toContain('▸ checkout 2.14.2-hotfix.1');
  expect(m.failedStroke.length).toBeGreaterThan(0);
  expect(new Set(m.failedStroke)).toEqual(new Set(['rgb(248, 81, 73)']));
  const colours = new Map(m.labels.map((l) => [l.text.slice(0, 2), l.colour]));
  expect(colours.get('▸ ')).toBe('rgb(227, 179, 65)');
  for (const glyph of ['✖ ', '↩ ']) if (colours.has(glyph)) expect(colours.get(glyph)).toBe('rgb(248, 81, 73)');
}

describe.skipIf(!chromiumAvailable)('deploy marks on latency and graph tiles in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;

  beforeAll(async () => {
    const store = new InMemoryServerStore(storeSpecsOf(validateConfig(config, 'deploy-marks-test.json', builtInKinds)), Date.now);
    const now = Date.now();
    // half an hour of history, as if the metrics had been pushed all along
    for (let t = now - 30 * MIN; t <= now; t += 15_000) store.recordSuccess('shop', { type: 'metrics', at: t, samples: samplesAt(t, now) });
    app = await startTestServer(config, { store });
    // the deploys come the way the deploy tool's do: events into the deploys source
    for (const event of deploysOf(now)) expect(await app.server.pushes.receive('deploys', event)).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    await app?.close();
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`draws each deploy as a thin line with a readable label, none overlapping, at ${width}×${height}`, async () => {
      const { page, errors, close } = await chromium.open(width, height);
      try {
        await page.goto(`${app.url}/boards/wall`);
        await expect.poll(async () => (await measure(page)).lines, { timeout: 20_000 }).toEqual(EXPECTED_LINES);
        const m = await measure(page);
        await screenshot(page, `deploy-marks-${width}x${height}`);
        check(m, height);
        expect(await hasScrollbars(page)).toBe(false);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
