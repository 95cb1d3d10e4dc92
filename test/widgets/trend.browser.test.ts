import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendTileView } from '../../src/shared/tile-view.js';
import { TEXT_MIN_VH, VALUE_MIN_VH } from '../../src/widgets/theme.js';
import { chromiumAvailable, hasScrollbars, screenshot, useChromium } from '../helpers/browser.js';
import { startShippedDemo, startTestServer, tileView, waitFor, type StartedServer } from '../helpers/test-server.js';

const T0 = Date.UTC(2030, 0, 8, 9, 0);

/**
 * 24 revisions of a checkout service's perf test: p95 steady near 180 ms (cpu 60, db 110) until
 * 9f3c2ab, whose eager loading of the order history adds 90 ms of database time and holds; throughput
 * falls with it; errors stay flat. The revisions are abbreviated commit hashes, as CI names them.
 */
function checkoutEvents(): Record<string, unknown>[] {
  const noise = [0, 3, -2, 4, -3, 1, -4, 2, 3, -1, 0, 2, -3, 1, 4, -2];
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < 24; i++) {
    const revision = i === 16 ? '9f3c2ab' : `${(0x1a2b3c0 + i * 7919).toString(16).slice(0, 7)}`;
    const slow = i >= 16;
    const n = noise[i % noise.length]!;
    const db = 110 + n + (slow ? 90 : 0);
    const at = T0 + i * 3_600_000;
    const commits =
      i === 16
        ? [
            { id: '9f3c2ab', author: 'Dana Whitfield', message: 'Load the order history eagerly on the checkout page' },
            { id: '4e1d0c9', author: 'Sam Ortega', message: 'Bump the ORM to 6.2' },
            { id: '77aa310', author: 'Lee Park', message: 'Tidy the checkout controller' },
            { id: '0b9e8f1', author: 'Ana Souza', message: 'Translate the payment errors' },
          ]
        : [{ id: revision, author: 'CI bot', message: 'Routine change' }];
    events.push({ kind: 'perf', revision, at, metric: 'checkout p95 latency', value: 60 + db + n / 2, unit: 'ms', layers: { cpu: 60 + n / 2, db, network: 8 }, commits });
    events.push({ kind: 'perf', revision, at, metric: 'checkout requests/s', value: (slow ? 380 : 520) + n * 2, unit: 'req/s', higherIsBetter: true });
    events.push({ kind: 'perf', revision, at, metric: 'checkout errors', value: 0.2 + Math.abs(n) / 20, unit: '%' });
  }
  return events;
}

/** A search service whose p99 had one slow run (an outlier) and recovered: green, the outlier ringed. */
function searchEvents(): Record<string, unknown>[] {
  return [41, 43, 40, 42, 44, 41, 40, 43, 42, 41, 95, 42, 41, 43, 40, 42].map((value, i) => ({
    kind: 'perf',
    revision: `build-${1200 + i}`,
    at: T0 + i * 3_600_000,
    metric: 'search p99 latency',
    value,
    unit: 'ms',
  }));
}

interface Measured {
  text: { tile: string; px: number; big: boolean; text: string }[];
  outside: string[];
  overlaps: string[];
}

/** Font sizes and geometry of the trend tiles, read inside the shadow roots; text hidden by an overflow box counts as hidden. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const out: Measured = { text: [], outside: [], overlaps: [] };
    const shown = (el: Element) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.display === 'none' || style.visibility === 'hidden') return false;
      }
      if (el.getClientRects().length === 0) return false;
      // wrapped onto an overflow box's hidden line (the layers' legend): not shown
      const r = el.getBoundingClientRect();
      for (let node = el.parentElement; node; node = node.parentElement) {
        if (getComputedStyle(node).overflow === 'hidden') {
          const box = node.getBoundingClientRect();
          if (r.top >= box.bottom - 0.5 || r.left >= box.right - 0.5) return false;
        }
      }
      return true;
    };
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      const id = tile.dataset.tile!;
      const box = tile.getBoundingClientRect();
      const element = tile.querySelector('radiator-trend');
      if (!element) continue;
      const root = element.shadowRoot!;
      const texts = [...root.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
      for (const el of texts) {
        if (!shown(el)) continue;
        out.text.push({ tile: id, px: parseFloat(getComputedStyle(el).fontSize), big: el.closest('.big') !== null, text: el.textContent!.trim().slice(0, 40) });
        const r = el.getBoundingClientRect();
        // cut by a box that hides its overflow, without an ellipsis saying so
        for (let node = el.parentElement; node && node !== tile; node = node.parentElement) {
          const style = getComputedStyle(node);
          if (style.overflow !== 'hidden' || style.textOverflow === 'ellipsis') continue;
          const clip = node.getBoundingClientRect();
          if (r.left < clip.left - 0.5 || r.right > clip.right + 0.5) out.outside.push(`${id}: "${el.textContent!.trim().slice(0, 30)}" cut by ${node.className || node.tagName}`);
        }
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.outside.push(`${id}: "${el.textContent!.trim().slice(0, 30)}"`);
      }
      // the plots, the axis labels, the headline and the panel labels: each whole, none over another
      const parts = [...root.querySelectorAll<HTMLElement>('.headline, .label, .plot, .x span')].filter(shown).map((el) => [el.className + ' ' + (el.textContent ?? '').trim().slice(0, 16), el.getBoundingClientRect()] as const);
      for (const [name, r] of parts) {
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.outside.push(`${id}: ${name} cut`);
      }
      for (let i = 0; i < parts.length; i++)
        for (let k = i + 1; k < parts.length; k++) {
          const [a, ra] = parts[i]!;
          const [b, rb] = parts[k]!;
          if (ra.left < rb.right - 0.5 && rb.left < ra.right - 0.5 && ra.top < rb.bottom - 0.5 && rb.top < ra.bottom - 0.5) out.overlaps.push(`${id}: ${a} / ${b}`);
        }
    }
    return out;
  });
}

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!chromiumAvailable)('trend widget in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;

  beforeAll(async () => {
    const all = { metrics: ['checkout p95*', 'checkout requests/s', 'checkout errors'] };
    app = await startTestServer({
      sources: { checkout: { type: 'perf', baselineRuns: 8 }, search: { type: 'perf', baselineRuns: 8 } },
      boards: {
        perf: {
          title: 'Performance',
          columns: 6,
          rows: 4,
          tiles: [
            { id: 'wall', title: 'Checkout per revision', widget: 'trend', source: 'checkout', x: 0, y: 0, w: 4, h: 3, options: all },
            { id: 'small', title: 'Checkout p95', widget: 'trend', source: 'checkout', x: 4, y: 0, w: 2, h: 2, options: { metrics: ['checkout p95*'] } },
            { id: 'search', title: 'Search p99', widget: 'trend', source: 'search', x: 4, y: 2, w: 2, h: 1 },
            { id: 'strip', title: 'Checkout, last 12', widget: 'trend', source: 'checkout', x: 0, y: 3, w: 4, h: 1, options: { ...all, revisions: 12 } },
            { id: 'tiny', title: 'Checkout', widget: 'trend', source: 'checkout', x: 4, y: 3, w: 1, h: 1, options: all },
            { id: 'tiny-search', title: 'Search', widget: 'trend', source: 'search', x: 5, y: 3, w: 1, h: 1 },
          ],
        },
      },
    });
    for (const [source, events] of [['checkout', checkoutEvents()], ['search', searchEvents()]] as const) {
      for (const event of events) {
        const outcome = await app.server.pushes.receive(source, event);
        if (!outcome.ok) throw new Error(`${outcome.message}: ${JSON.stringify(outcome.problems)}`);
      }
    }
    await waitFor(async () => (await tileView(app.url, 'perf', 'wall')).status === 'critical', 'the wall tile to turn critical');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the view: critical at 9f3c2ab with its commits and the database layer; search green with its outlier marked', async () => {
    const wall = (await tileView(app.url, 'perf', 'wall')) as TrendTileView;
    expect(wall.data.regression).toMatchObject({ revision: '9f3c2ab', metric: 'checkout p95 latency', movedLayer: 'db', commitsFrom: 'event', moreCommits: 1, alsoRegressed: ['checkout requests/s'] });
    const search = (await tileView(app.url, 'perf', 'search')) as TrendTileView;
    expect(search.status).toBe('ok');
    expect(search.data.series[0]!.points.filter((p) => p.verdict === 'outlier').map((p) => p.value)).toEqual([95]);
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`draws the trend readable from 5 m, nothing clipped or overlapping, at 1×1 to 4×3, at ${width}×${height}`, async () => {
      const { page, errors, close } = await chromium.open(width, height);
      try {
        await page.goto(`${app.url}/boards/perf`);
        const wall = page.locator('radiator-tile[data-tile="wall"] radiator-trend');
        await wall.locator('.plot').first().waitFor({ timeout: 15_000 });
        expect(squash(await wall.locator('.headline .big').textContent())).toBe('✖ 9f3c2ab +52 % checkout p95 latency');
        expect(squash(await wall.locator('[data-part="layers"]').textContent())).toMatch(/^db \+8\d %, (cpu|network) flat, (cpu|network) flat$/);
        expect((await wall.locator('[data-part="commit"]').allTextContents()).map(squash)).toEqual([
          '9f3c2ab Dana Whitfield — Load the order history eagerly on the checkout page',
          '4e1d0c9 Sam Ortega — Bump the ORM to 6.2',
          '77aa310 Lee Park — Tidy the checkout controller',
        ]);
        // the panels that keep a readable plot, in the tile's order; the others are counted
        const panels = await wall.locator('.label').evaluateAll((labels) => labels.map((l) => (l as HTMLElement).dataset.metric));
        expect(panels).toEqual(['checkout p95 latency', 'checkout requests/s', 'checkout errors'].slice(0, panels.length));
        expect(panels.length).toBeGreaterThanOrEqual(2);
        if (panels.length < 3) expect(squash(await wall.locator('[data-part="more-metrics"]').textContent())).toBe(`+${3 - panels.length} more metric${panels.length === 2 ? '' : 's'} judged`);
        // a dot per result, red from the first bad revision on, the line marking it across the panels
        const p95Dots = wall.locator('.plot[data-metric="checkout p95 latency"] .dot');
        await expect.poll(() => p95Dots.count()).toBe(24);
        expect(await wall.locator('.plot[data-metric="checkout p95 latency"] .dot.v-regressed').count()).toBe(8);
        expect(await wall.locator('.first-bad').evaluateAll((paths) => paths.filter((p) => p.getAttribute('d')).length)).toBe(panels.length);
        // and each metric's results joined by its line, not dots alone
        expect(await wall.locator('.line-metric').evaluateAll((paths) => paths.filter((p) => p.getAttribute('d')?.startsWith('M')).length)).toBe(panels.length);
        expect(await wall.locator('.x span.bad').textContent()).toBe('9f3c2ab');
        expect(await page.locator('radiator-tile[data-tile="search"] radiator-trend .dot.v-outlier').count()).toBe(1);
        expect(await page.locator('radiator-tile[data-tile="search"] radiator-trend .hole').count()).toBe(1);

        await expect.poll(async () => (await measure(page)).overlaps).toEqual([]);
        const m = await measure(page);
        const textMin = (TEXT_MIN_VH / 100) * height - 0.05;
        const valueMin = (VALUE_MIN_VH / 100) * height - 0.05;
        expect(m.text.filter((t) => t.px < (t.big ? valueMin : textMin)), `text under ${textMin.toFixed(1)} px (headline ${valueMin.toFixed(1)} px)`).toEqual([]);
        expect(m.outside).toEqual([]);
        // every tile names the first bad revision on its axis, the smallest too
        for (const id of ['wall', 'small', 'strip', 'tiny']) {
          expect(await page.locator(`radiator-tile[data-tile="${id}"] radiator-trend .x span.bad`).textContent(), id).toBe('9f3c2ab');
        }
        expect(await hasScrollbars(page)).toBe(false);
        await screenshot(page, `trend-board-${width}x${height}`);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  describe('the shipped Performance board (the demo perf lab running autocannon per revision)', () => {
    let demo: StartedServer;
    beforeAll(async () => {
      demo = await startShippedDemo();
    });
    afterAll(async () => {
      await demo?.close();
    });

    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      it(`shows the revisions the lab tested, readable, at ${width}×${height}`, { timeout: 120_000 }, async () => {
        // the lab tests its first ten revisions (an autocannon run each) once the server listens
        const view = (await waitFor(async () => {
          const v = (await tileView(demo.url, 'performance', 'checkout-trend')) as TrendTileView;
          return v.data.revisions.length >= 10 && v.data.series.length === 2 ? v : null;
        }, 'the perf lab\'s first ten revisions on the checkout trend', 90_000, 500)) as TrendTileView;
        expect(view.data.series.map((s) => s.metric)).toEqual(['checkout server time', 'checkout p97.5 latency']);
        expect(view.data.series[0]!.layers.map((l) => l.layer)).toEqual(['cpu', 'db', 'network']);
        expect(view.data.headline).not.toBe('waiting');

        const { page, errors, close } = await chromium.open(width, height);
        try {
          await page.goto(`${demo.url}/boards/performance`);
          await page.locator('radiator-tile[data-tile="checkout-trend"] radiator-trend .plot').first().waitFor({ timeout: 15_000 });
          await expect.poll(async () => (await measure(page)).overlaps).toEqual([]);
          const m = await measure(page);
          const textMin = (TEXT_MIN_VH / 100) * height - 0.05;
          const valueMin = (VALUE_MIN_VH / 100) * height - 0.05;
          expect(m.text.filter((t) => t.px < (t.big ? valueMin : textMin))).toEqual([]);
          expect(m.outside).toEqual([]);
          expect(await hasScrollbars(page)).toBe(false);
          await screenshot(page, `trend-demo-${width}x${height}`);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  });
});
