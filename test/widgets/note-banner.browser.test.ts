import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_ROWS } from '../../src/widgets/note-banner.js';
import { TEXT_MIN_VH, VALUE_MIN_VH } from '../../src/widgets/theme.js';
import { chromiumAvailable, hasScrollbars, screenshot, useChromium } from '../helpers/browser.js';
import { startTestServer, waitFor, type StartedServer } from '../helpers/test-server.js';

const HOUR = 3_600_000;

interface Measured {
  rows: { note: string; text: string; px: { badge: number; text: number; end: number }; clipped: boolean; box: { top: number; bottom: number; left: number; right: number } }[];
  bannerBottom: number | null;
  grid: { top: number; bottom: number; height: number };
  /** Tiles whose box starts above the banner's bottom or leaves the grid. */
  covered: string[];
  /** Text inside a row that leaves its row. */
  outside: string[];
}

/** The banner rows and the grid, read from inside the shadow roots. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const banner = board.querySelector('radiator-note-banner')!;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
    const rows = [...banner.shadowRoot!.querySelectorAll<HTMLElement>('.note')].map((row) => {
      const text = row.querySelector<HTMLElement>('.text')!;
      return {
        note: row.dataset.note!,
        text: row.textContent!.replace(/\s+/g, ' ').trim(),
        px: { badge: px(row.querySelector('.badge')), text: px(text), end: px(row.querySelector('.end')) },
        // the line clamp cut the text: more lines than it shows
        clipped: text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1,
        box: box(row),
      };
    });
    const outside: string[] = [];
    for (const row of banner.shadowRoot!.querySelectorAll('.note')) {
      const r = row.getBoundingClientRect();
      for (const part of row.querySelectorAll('.badge, .text, .end')) {
        const p = part.getBoundingClientRect();
        if (p.left < r.left - 0.5 || p.right > r.right + 0.5 || p.top < r.top - 0.5 || p.bottom > r.bottom + 0.5) outside.push(`${part.className}: ${part.textContent!.slice(0, 30)}`);
      }
    }
    const bannerBottom = rows.length > 0 ? banner.getBoundingClientRect().bottom : null;
    const main = board.querySelector('main')!.getBoundingClientRect();
    const covered: string[] = [];
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      const t = tile.getBoundingClientRect();
      if ((bannerBottom !== null && t.top < bannerBottom) || t.top < main.top - 0.5 || t.bottom > main.bottom + 0.5) covered.push(tile.dataset.tile!);
    }
    return { rows, bannerBottom, grid: { top: main.top, bottom: main.bottom, height: main.height }, covered, outside };
  });
}

function checkReadable(m: Measured, height: number) {
  const valueMin = (VALUE_MIN_VH / 100) * height - 0.05;
  const textMin = (TEXT_MIN_VH / 100) * height - 0.05;
  for (const row of m.rows) {
    expect(row.px.badge, `${row.note} level word`).toBeGreaterThanOrEqual(valueMin);
    expect(row.px.text, `${row.note} text`).toBeGreaterThanOrEqual(valueMin);
    expect(row.px.end, `${row.note} expiry`).toBeGreaterThanOrEqual(textMin);
  }
  expect(m.rows.filter((r) => r.clipped).map((r) => r.note)).toEqual([]);
  expect(m.outside).toEqual([]);
  expect(m.covered).toEqual([]);
  for (let i = 1; i < m.rows.length; i++) expect(m.rows[i]!.box.top).toBeGreaterThanOrEqual(m.rows[i - 1]!.box.bottom - 0.5);
  if (m.bannerBottom !== null) expect(m.grid.top).toBeGreaterThanOrEqual(m.bannerBottom);
}

describe.skipIf(!chromiumAvailable)('note banners in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;
  const note = (fields: Record<string, unknown>) => app.server.pushes.receive('wall', { kind: 'note', ...fields });

  beforeAll(async () => {
    app = await startTestServer({
      sources: { wall: { type: 'notes' }, ci: { type: 'push' } },
      boards: {
        ops: {
          title: 'Operations',
          columns: 4,
          rows: 2,
          tiles: [
            { id: 'build', title: 'Build time', widget: 'number', source: 'ci', x: 0, y: 0, w: 2, options: { series: 'build' } },
            { id: 'queue', title: 'Queue', widget: 'number', source: 'ci', x: 2, y: 0, options: { series: 'queue' } },
            { id: 'utc', title: 'UTC', widget: 'clock', x: 3, y: 0, options: { timeZone: 'UTC' } },
            { id: 'tests', title: 'Test time', widget: 'number', source: 'ci', x: 0, y: 1, w: 3, options: { series: 'tests' } },
            { id: 'berlin', title: 'Berlin', widget: 'clock', x: 3, y: 1, options: { timeZone: 'Europe/Berlin' } },
          ],
        },
        builds: { title: 'Builds', columns: 1, rows: 1, tiles: [{ id: 'utc', widget: 'clock', x: 0, y: 0 }] },
      },
    });
    // the tiles only give the banner something to make room for: their data is recorded directly
    const samples = [['build', 312, 's'], ['queue', 4, 'jobs'], ['tests', 97, 's']].map(([series, value, unit]) => ({ series: String(series), value: Number(value), unit: String(unit), label: String(series) }));
    app.server.store.recordSuccess('ci', { type: 'metrics', at: Date.now(), samples });
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`stacks a board's notes above its tiles, readable from 5 m, nothing clipped or covered, at ${width}×${height}`, async () => {
      const now = Date.now();
      await note({ note: 'incident', level: 'critical', text: 'Checkout is failing for some customers: incident INC-2231, we are on it' });
      await note({ note: 'maint', level: 'warning', text: 'Maintenance tonight 22:00–23:00: database failover, expect short errors', expiresAt: now + 6 * HOUR });
      await note({ note: 'freeze', text: 'Release freeze until Friday' });
      await note({ note: 'other-board', board: 'builds', level: 'critical', text: 'Only on the Builds board' });
      const { page, errors, close } = await chromium.open(width, height);
      try {
        await page.goto(`${app.url}/boards/ops`);
        await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 15_000 });
        await waitFor(async () => (await measure(page)).rows.length === 3, 'three banner rows');
        const m = await measure(page);
        expect(m.rows.map((r) => r.note)).toEqual(['wall/incident', 'wall/maint', 'wall/freeze']);
        expect(m.rows[0]!.text).toMatch(/^✖ CRITICAL Checkout is failing for some customers: incident INC-2231, we are on it until \d\d:\d\d$/);
        expect(m.rows[1]!.text).toMatch(/^▲ WARNING Maintenance tonight/);
        expect(m.rows[2]!.text).toMatch(/^ℹ INFO Release freeze until Friday until/);
        checkReadable(m, height);
        // the strip takes its room from the grid, and leaves it most of the screen
        expect(m.grid.height).toBeGreaterThan(height * 0.6);
        expect(await hasScrollbars(page)).toBe(false);
        await screenshot(page, `note-banner-${width}x${height}`);

        // more notes than rows: two stay, the last row turns through the rest; a 200-character note still fits
        await note({ note: 'long', level: 'warning', text: `Payments provider reports degraded 3-D Secure checks in the EU region; card payments may take up to a minute. ${'Watch the checkout tile and the payments dashboard.'.padEnd(86, '.')}` });
        await note({ note: 'oncall', text: 'On call this week: Alice (primary), Bob (secondary)' });
        await waitFor(async () => /\/5 · until/.test((await measure(page)).rows.at(-1)?.text ?? ''), 'the turning row');
        const turning = await measure(page);
        expect(turning.rows).toHaveLength(NOTE_ROWS);
        expect(turning.rows.slice(0, 2).map((r) => r.note)).toEqual(['wall/incident', 'wall/long']);
        checkReadable(turning, height);
        expect(await hasScrollbars(page)).toBe(false);
        // the long one fixed in row two: show it for the picture
        await screenshot(page, `note-banner-turning-${width}x${height}`);
        expect(errors).toEqual([]);
      } finally {
        await close();
        for (const name of ['incident', 'maint', 'freeze', 'other-board', 'long', 'oncall']) await note({ note: name, text: 'cleared', expiresAt: Date.now() - 1 });
      }
    });
  }

  it('takes an expired note down by itself, and the tiles get their room back', async () => {
    const { page, errors, close } = await chromium.open(1920, 1080);
    try {
      await page.goto(`${app.url}/boards/ops`);
      await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 10_000 });
      const before = await measure(page);
      expect(before.rows).toEqual([]);
      await note({ note: 'brief', level: 'critical', text: 'Deploying checkout 2.14.1', expiresAt: Date.now() + 3_000 });
      await waitFor(async () => (await measure(page)).rows.length === 1, 'the banner');
      const shown = await measure(page);
      expect(shown.grid.height).toBeLessThan(before.grid.height);
      checkReadable(shown, 1080);
      // no push: the server's sweep sees it expire and tells the display
      await waitFor(async () => (await measure(page)).rows.length === 0, 'the banner to expire', 15_000);
      expect((await measure(page)).grid.height).toBeCloseTo(before.grid.height, 0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
