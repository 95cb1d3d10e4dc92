import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_MIN_VH, VALUE_MIN_VH } from '../../src/widgets/theme.js';
import { boardLines, fewestPoints } from '../helpers/chart-lines.js';
import { chromiumAvailable, hasScrollbars, screenshot, useChromium } from '../helpers/browser.js';
import { onFreeStandInPorts, startTestServer, type StartedServer } from '../helpers/test-server.js';

// placeholders: onFreeStandInPorts moves both stand-ins (and the sources pointing at them) to free ports
const HTTP = 28701;
const MUNIN = [28703, 28704, 28705];
const node = (i: number) => ({ address: `127.0.0.1:${MUNIN[i]}`, name: `web${i + 1}` });

/** A 6×4 wall packed with the smallest tiles metrics get: 1×1 graphs, 2×1 latency with three series, 1×1 numbers. */
const config = {
  demo: { standIns: [{ kind: 'http', port: HTTP }, ...MUNIN.map((port) => ({ kind: 'munin', port }))] },
  sources: {
    // three nodes (three stand-ins, named apart), so a chart can have more series than colours
    web: { type: 'munin', schedule: '* * * * * *', timeoutMs: 4000, readTimeoutMs: 3000, nodes: [node(0), node(1), node(2)] },
    probes: {
      type: 'http',
      // a slow search probe takes over a second
      schedule: '*/2 * * * * *',
      timeoutMs: 4000,
      targets: ['checkout', 'search', 'login'].map((name) => ({ name, url: `http://127.0.0.1:${HTTP}/${name}` })),
    },
  },
  boards: {
    dense: {
      title: 'Dense wall',
      columns: 6,
      rows: 4,
      tiles: [
        { id: 'lat3', title: 'Checkout API', widget: 'latency', source: 'web', x: 0, y: 0, w: 2, options: { series: ['web1/checkout_latency/*'] } },
        { id: 'probes', title: 'Shop probes', widget: 'latency', source: 'probes', x: 2, y: 0, w: 2, options: { series: ['checkout', 'search', 'login'], warning: 450, critical: 800 } },
        { id: 'pct', title: 'Percentiles', widget: 'graph', source: 'web', x: 4, y: 0, options: { series: ['web1/checkout_latency/*'], windowMinutes: 2 } },
        { id: 'p50', title: 'Checkout p50', widget: 'number', source: 'web', x: 5, y: 0, options: { series: 'web1/checkout_latency/p50', compareMinutes: 0.1, decimals: 0 } },
        { id: 'all', title: 'CPU and latency, 3 nodes', widget: 'graph', source: 'web', x: 0, y: 1, w: 2, h: 2, options: { series: ['*/cpu/*', '*/checkout_latency/*'], windowMinutes: 2, maxSeries: 24 } },
        { id: 'load3', title: 'Load', widget: 'graph', source: 'web', x: 2, y: 1, options: { series: ['*/load/load'], windowMinutes: 2 } },
        { id: 'lat1x1', title: 'Checkout API', widget: 'latency', source: 'web', x: 3, y: 1, options: { series: ['web1/checkout_latency/*'] } },
        { id: 'cpu1', title: 'CPU web1', widget: 'graph', source: 'web', x: 4, y: 1, options: { series: ['web1/cpu/*'], windowMinutes: 2 } },
        { id: 'load', title: 'Load web1', widget: 'number', source: 'web', x: 5, y: 1, options: { series: 'web1/load/load', compareMinutes: 0.1, decimals: 2 } },
        { id: 'checkout', title: 'Checkout', widget: 'latency', source: 'probes', x: 2, y: 2, options: { series: ['checkout'], warning: 200, critical: 400 } },
        { id: 'traffic', title: 'eth0 traffic', widget: 'graph', source: 'web', x: 3, y: 2, w: 2, options: { series: ['web1/if_eth0/*'], windowMinutes: 2, aggregate: 'max' } },
        { id: 'p99', title: 'p99 web2', widget: 'number', source: 'web', x: 5, y: 2, options: { series: 'web2/checkout_latency/p99', compareMinutes: 10, decimals: 0 } },
        { id: 'lat2', title: 'Search and login', widget: 'latency', source: 'probes', x: 0, y: 3, w: 2, options: { series: ['search', 'login'], warning: 450, critical: 800 } },
        { id: 'many', title: 'Everything web1', widget: 'graph', source: 'web', x: 2, y: 3, options: { series: ['web1/*'], windowMinutes: 2, maxSeries: 12 } },
        { id: 'p95s', title: 'p95 by node', widget: 'latency', source: 'web', x: 3, y: 3, w: 2, options: { series: ['*/checkout_latency/p95'] } },
        { id: 'stacked', title: 'CPU web2', widget: 'graph', source: 'web', x: 5, y: 3, options: { series: ['web2/cpu/*'], windowMinutes: 2, stacked: true } },
      ],
    },
  },
};

interface Measured {
  tiles: number;
  /** Every text of a kind that must reach a floor, with its computed size in px. */
  text: { tile: string; what: string; px: number; text: string }[];
  /** Text showing (not clipped away inside its widget) but reaching outside its tile. */
  outside: string[];
  /** Per graph tile: legend entries on no visible line, and what the "+N" says. */
  legends: Record<string, { items: number; hidden: number; more: string | null }>;
  arrows: Record<string, string>;
  dashes: string[];
}

/** Font sizes and geometry, read from inside the tiles' and widgets' shadow roots. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const out: Measured = { tiles: 0, text: [], outside: [], legends: {}, arrows: {}, dashes: [] };
    const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const visible = (el: Element) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    /** The part of el's box not clipped by an overflow-hiding ancestor inside `root`'s widget. */
    const shown = (el: Element, stop: Element): DOMRect | null => {
      let r = el.getBoundingClientRect();
      let left = r.left, top = r.top, right = r.right, bottom = r.bottom;
      for (let p: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); p && p !== stop; p = p.parentElement ?? ((p.getRootNode() as ShadowRoot).host ?? null)) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          r = p.getBoundingClientRect();
          left = Math.max(left, r.left);
          top = Math.max(top, r.top);
          right = Math.min(right, r.right);
          bottom = Math.min(bottom, r.bottom);
        }
      }
      return right - left > 0.5 && bottom - top > 0.5 ? new DOMRect(left, top, right - left, bottom - top) : null;
    };
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      out.tiles++;
      const id = tile.dataset.tile!;
      const box = tile.getBoundingClientRect();
      const widget = tile.firstElementChild!;
      const root = widget.shadowRoot!;
      const record = (what: string, selector: string, scope: ParentNode = root) => {
        for (const el of scope.querySelectorAll(selector)) {
          if (!visible(el) || !shown(el, tile)) continue;
          out.text.push({ tile: id, what, px: px(el), text: el.textContent?.trim().slice(0, 40) ?? '' });
        }
      };
      record('title', 'header .title', tile.shadowRoot!);
      record('age', 'header .age', tile.shadowRoot!);
      const kind = widget.localName.replace('radiator-', '');
      if (kind === 'graph') {
        record('legend', '.legend .item .name');
        record('legend value', '.legend .item .value');
        record('tick', '.y span.abs, .x span');
        const legend = root.querySelector('.legend')!;
        const items = [...legend.querySelectorAll('.item')];
        const more = legend.querySelector<HTMLElement>('.more')!;
        out.legends[id] = { items: items.length, hidden: items.filter((i) => !shown(i, tile)).length, more: more.hidden ? null : more.textContent };
        if (id === 'all') out.dashes = [...root.querySelectorAll('.lines path')].map((p) => `${getComputedStyle(p).stroke} ${getComputedStyle(p).strokeDasharray}`);
      } else if (kind === 'latency') {
        record('series label', '.label .name');
        record('stats', '.label .stats > span');
        record('value', '.row .value');
      } else if (kind === 'number') {
        record('value', '.value');
        record('change', '.change');
        record('limits', '.meta');
        out.arrows[id] = root.querySelector('.change')?.textContent?.trim() ?? '';
      }
      // nothing that shows may reach past the tile's edge
      const texts = [...tile.shadowRoot!.querySelectorAll('header *'), ...root.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
      for (const el of texts) {
        if (!visible(el)) continue;
        const part = shown(el, tile);
        if (part && (part.left < box.left - 1 || part.right > box.right + 1 || part.top < box.top - 1 || part.bottom > box.bottom + 1)) {
          out.outside.push(`${id}: "${el.textContent!.trim().slice(0, 30)}" ${Math.round(part.left)},${Math.round(part.top)}–${Math.round(part.right)},${Math.round(part.bottom)} vs tile ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`);
        }
      }
    }
    return out;
  });
}

/** Every floor, in px at this viewport height. */
function checkFloors(m: Measured, height: number) {
  const textMin = (TEXT_MIN_VH / 100) * height - 0.05;
  const valueMin = (VALUE_MIN_VH / 100) * height - 0.05;
  const tooSmall = m.text.filter((t) => t.px < (t.what === 'value' ? valueMin : textMin));
  expect(tooSmall, `text under ${textMin.toFixed(1)} px (values ${valueMin.toFixed(1)} px)`).toEqual([]);
  // every kind of text was there to be measured
  const kinds = new Set(m.text.map((t) => t.what));
  for (const what of ['title', 'legend', 'legend value', 'tick', 'series label', 'stats', 'value', 'change']) expect(kinds, what).toContain(what);
  expect(m.outside).toEqual([]);
}

describe.skipIf(!chromiumAvailable)('a dense board readable from 5 m (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;

  beforeAll(async () => {
    app = await startTestServer(await onFreeStandInPorts(config), { startStandIns: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps legends, labels, ticks and values at or above the floors, inside their tiles, at 1080p and 4K', async () => {
    const { page, errors, close } = await chromium.open(1920, 1080);
    try {
      await page.goto(`${app.url}/boards/dense`);
      await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 10_000 });
      // the number tiles compare with 6 s ago: once the history reaches back that far, the change has its arrow
      await expect
        .poll(async () => (await measure(page)).arrows, { timeout: 30_000 })
        .toMatchObject({ p50: expect.stringMatching(/^[↑↓→] [+−±][\d.,]+/), load: expect.stringMatching(/^[↑↓→] [+−±][\d.,]+/) });
      // and says over how long it is: "in 6 s" or one poll more
      expect((await measure(page)).arrows.p50).toMatch(/in [5-9] s$/);
      await expect.poll(async () => (await measure(page)).dashes.length, { timeout: 10_000 }).toBe(21);

      const m = await measure(page);
      expect(m.tiles).toBe(16);
      checkFloors(m, 1080);
      // 21 series in one chart: twelve colours, then dashed; no two alike
      expect(new Set(m.dashes).size).toBe(21);
      expect(m.dashes.slice(0, 12).every((d) => d.endsWith(' none'))).toBe(true);
      expect(m.dashes.slice(12).every((d) => !d.endsWith(' none'))).toBe(true);
      // a legend longer than its lines says how many entries it could not show
      for (const [id, legend] of Object.entries(m.legends)) expect(legend.more, id).toBe(legend.hidden ? `+${legend.hidden}` : null);
      expect(m.legends.many!.items).toBe(10);
      expect(m.legends.many!.hidden).toBeGreaterThan(0);
      expect(m.legends.pct!.hidden).toBe(0);
      expect(await hasScrollbars(page)).toBe(false);
      // for the picture: a few points on every line
      await expect.poll(async () => fewestPoints(await boardLines(page)), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'dense-board-1920x1080');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }

    const big = await chromium.open(3840, 2160);
    try {
      await big.page.goto(`${app.url}/boards/dense`);
      await big.page.locator('radiator-board[connection="live"]').waitFor({ timeout: 10_000 });
      await expect.poll(async () => (await measure(big.page)).dashes.length, { timeout: 10_000 }).toBe(21);
      checkFloors(await measure(big.page), 2160);
      expect(await hasScrollbars(big.page)).toBe(false);
      await screenshot(big.page, 'dense-board-3840x2160');
      expect(big.errors).toEqual([]);
    } finally {
      await big.close();
    }
  });
});
