import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskTileView } from '../../src/shared/tile-view.js';
import { TEXT_MIN_VH } from '../../src/widgets/theme.js';
import { chromiumAvailable, hasScrollbars, screenshot, useChromium } from '../helpers/browser.js';
import { writeNagiosStatus } from '../helpers/nagios-status-file.js';
import { replaceFile } from '../helpers/replace-file.js';
import { startShippedDemo, startTestServer, tileView, waitFor, type StartedServer } from '../helpers/test-server.js';

const EVIDENCE = ['demo-nagios', 'shop-munin', 'demo-deploys', 'incidents'];

interface Measured {
  text: { tile: string; px: number; text: string }[];
  outside: string[];
  overlaps: string[];
  shapes: Record<string, string | undefined>;
  shown: Record<string, number>;
}

/** Font sizes and geometry of the risk tiles, read from inside the shadow roots. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const out: Measured = { text: [], outside: [], overlaps: [], shapes: {}, shown: {} };
    const visible = (el: Element) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.display === 'none' || style.visibility === 'hidden') return false;
      }
      return el.getClientRects().length > 0;
    };
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const inside = (r: DOMRect, box: DOMRect) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      const id = tile.dataset.tile!;
      const element = tile.querySelector<HTMLElement>('radiator-risk');
      if (!element) continue;
      const box = element.getBoundingClientRect();
      out.shapes[id] = element.dataset.shape;
      const root = element.shadowRoot!;
      for (const el of [...root.querySelectorAll('*')].filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))) {
        if (!visible(el)) continue;
        const text = el.textContent!.trim().slice(0, 40);
        out.text.push({ tile: id, px: parseFloat(getComputedStyle(el).fontSize), text });
        if (!inside(el.getBoundingClientRect(), box)) out.outside.push(`${id}: "${text}"`);
      }
      const list = root.querySelector('.list')?.getBoundingClientRect();
      const cards = [...root.querySelectorAll<HTMLElement>('.mode')].filter(visible);
      out.shown[id] = cards.length;
      cards.forEach((card, i) => {
        const r = card.getBoundingClientRect();
        if (list && !inside(r, list)) out.outside.push(`${id}: card ${card.dataset.mode} outside the list`);
        for (const other of cards.slice(i + 1)) if (overlap(r, other.getBoundingClientRect())) out.overlaps.push(`${id}: ${card.dataset.mode} / ${other.dataset.mode}`);
        // the parts of a card: each inside it, none over another
        const parts = [...card.querySelectorAll<HTMLElement>('.head, .ratings, [data-fit], .rating, .rpn')].filter(visible);
        for (const part of parts) if (!inside(part.getBoundingClientRect(), r)) out.outside.push(`${id}: ${card.dataset.mode} ${part.className} outside its card`);
        const rows = parts.filter((p) => p.matches('.head, .ratings, [data-fit]'));
        for (let a = 0; a < rows.length; a++)
          for (let b = a + 1; b < rows.length; b++) if (overlap(rows[a]!.getBoundingClientRect(), rows[b]!.getBoundingClientRect())) out.overlaps.push(`${id}: ${card.dataset.mode} ${rows[a]!.className} / ${rows[b]!.className}`);
        const ratings = parts.filter((p) => p.matches('.rating, .rpn'));
        for (let a = 0; a < ratings.length; a++)
          for (let b = a + 1; b < ratings.length; b++) if (overlap(ratings[a]!.getBoundingClientRect(), ratings[b]!.getBoundingClientRect())) out.overlaps.push(`${id}: ${card.dataset.mode} ratings ${a} / ${b}`);
      });
      const problems = root.querySelector('.problems')?.getBoundingClientRect();
      if (problems && list && overlap(problems, list)) out.overlaps.push(`${id}: problems over the list`);
    }
    return out;
  });
}

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(!chromiumAvailable)('risk widget in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-risk-browser-'));
    const statusFile = path.join(dir, 'status.dat');
    // disk full (S7) and the API errors (S7) happen now; the health check is OK
    writeNagiosStatus(statusFile, Date.now() - 3_600_000, Date.now() - 4 * 60_000, [
      { host: 'db01', service: 'Disk /var', code: 2, output: 'DISK CRITICAL - free space: /var 310 MB (1%)' },
      { host: 'web02', service: 'API errors', code: 2, output: 'CRITICAL: error rate 9.3%' },
      { host: 'web01', service: 'HTTP health', code: 0, output: 'HTTP OK' },
    ]);
    // a copy of the example that the test breaks once it is loaded, as an editor saving a typo would
    const editedFile = path.join(dir, 'database-storage.json');
    const example = readFileSync('config/fmea/database-storage.json', 'utf8');
    writeFileSync(editedFile, example);
    const risk = (id: string, title: string, x: number, y: number, w: number, h: number, options: Record<string, unknown> = {}, source = 'fmea') => ({
      id,
      title,
      widget: 'risk',
      source,
      x,
      y,
      w,
      h,
      options: { evidenceFrom: EVIDENCE, ...options },
    });
    app = await startTestServer({
      sources: {
        fmea: { type: 'fmea', schedule: '*/2 * * * * *', files: ['config/fmea/database-storage.json', 'config/fmea/web-shop.json'] },
        edited: { type: 'fmea', schedule: '* * * * * *', files: [editedFile] },
        'demo-nagios': { type: 'nagios', schedule: '*/2 * * * * *', statusFile, intervalLengthSeconds: 1, maxStatusAgeSeconds: 3_600 },
        'shop-munin': { type: 'push' },
        'demo-deploys': { type: 'deploys' },
        incidents: { type: 'incidents' },
      },
      boards: {
        risk: {
          title: 'Risk',
          columns: 6,
          rows: 4,
          tiles: [
            risk('wall', 'Top risks by RPN', 0, 0, 4, 3, { top: 5 }),
            risk('compact', 'Top 4', 4, 0, 2, 1, { top: 4, compact: true }),
            risk('small', 'Risks 2×2', 4, 1, 2, 2, { top: 4 }),
            risk('strip', 'Edited, without deploys', 0, 3, 4, 1, { evidenceFrom: ['demo-nagios', 'shop-munin', 'incidents'], top: 3 }, 'edited'),
            risk('tiny', 'Risks', 4, 3, 1, 1, { top: 3 }),
            risk('one', 'Top risk', 5, 3, 1, 1, { top: 1 }),
          ],
        },
      },
    });
    const pushed = await app.server.pushes.receive('shop-munin', { kind: 'metric', series: 'shop-web1/checkout_latency/p95', value: 310, unit: 'ms' });
    if (!pushed.ok) throw new Error(pushed.message);
    await waitFor(async () => {
      const v = (await tileView(app.url, 'risk', 'wall')) as RiskTileView;
      return !v.stale && v.data.happening === 2 ? v : null;
    }, 'two modes happening on the wall tile');
    await waitFor(async () => ((await tileView(app.url, 'risk', 'strip')) as RiskTileView).data.total === 4, 'the copy of the example loaded');
    const broken = JSON.parse(example);
    broken.modes[2].severity = 11;
    replaceFile(editedFile, JSON.stringify(broken, null, 2));
    await waitFor(async () => ((await tileView(app.url, 'risk', 'strip')) as RiskTileView).data.problems.length === 2, 'the broken edit on the strip tile');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the view: the two modes happening first, then by RPN; the tile without deploys names the file, path and fix', async () => {
    const wall = (await tileView(app.url, 'risk', 'wall')) as RiskTileView;
    expect(wall.data.modes.map((m) => [m.key, m.active !== null])).toEqual([
      ['web-shop/api-errors', true],
      ['database-storage/disk-full', true],
      ['database-storage/storage-unavailable', false],
      ['database-storage/data-corruption', false],
      ['web-shop/cdn-outage', false],
    ]);
    expect(wall).toMatchObject({ status: 'warning', data: { total: 7, more: 2, happening: 2, problems: [] } });
    const strip = (await tileView(app.url, 'risk', 'strip')) as RiskTileView;
    const file = path.join(dir, 'database-storage.json');
    expect(strip.data.problems).toEqual([
      expect.stringMatching(new RegExp(`^${escape(file)}: \\$\\.modes\\[2\\]\\.severity: expected a whole number from 1 to 10 \\(severity\\) \\(got 11\\); showing the version loaded `)),
      `${file}: $.modes[3].signals.deploys[0].source: source "demo-deploys" is not in this tile's evidenceFrom; add it to the tile's options.evidenceFrom, or fix the source id in the file`,
    ]);
    // the last good version stays, whole
    expect(strip.data.total).toBe(4);
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`shows the ranking readable from 5 m, nothing clipped or overlapping, on 1×1 to 4×3 tiles, at ${width}×${height}`, async () => {
      const { page, errors, close } = await chromium.open(width, height);
      try {
        await page.goto(`${app.url}/boards/risk`);
        const wall = page.locator('radiator-tile[data-tile="wall"] radiator-risk');
        await wall.locator('.mode').first().waitFor({ timeout: 15_000 });
        const first = wall.locator('.mode').first();
        expect(await first.getAttribute('class')).toContain('active');
        expect(squash(await first.locator('.head').textContent())).toMatch(/^#1 ▲ from #\d API error rate over 5 % ✖ HAPPENING \d+ (s|min)$/);
        expect(squash(await first.locator('.rating[data-rating="S"]').textContent())).toBe('S 7');
        expect(squash(await wall.locator('.mode[data-mode="database-storage/storage-unavailable"] .rpn').textContent())).toBe('RPN 120');
        // the pulse, unless the display asks for less motion
        expect(await first.evaluate((el) => getComputedStyle(el).animationName)).toBe('pulse');
        await page.emulateMedia({ reducedMotion: 'reduce' });
        expect(await first.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
        // d3 drew ten cells per rating, seven of them on for S 7
        expect(await first.locator('.rating[data-rating="S"] svg .on').count()).toBe(7);
        expect(await first.locator('.rating[data-rating="S"] svg rect:not(.assessed)').count()).toBe(10);

        // 'one' (1×1, top 1) is either: one full card, or one line when the card does not fit
        await expect.poll(async () => (await measure(page)).shapes).toMatchObject({ wall: 'full', compact: 'compact', small: 'full', strip: 'compact', tiny: 'compact' });
        const m = await measure(page);
        const textMin = (TEXT_MIN_VH / 100) * height - 0.05;
        expect(m.text.filter((t) => t.px < textMin), `text under ${textMin.toFixed(1)} px`).toEqual([]);
        expect(m.outside).toEqual([]);
        expect(m.overlaps).toEqual([]);
        expect(m.shown.wall).toBe(5);
        // the 2×1 tile under its frame's reason has room for three of its four rows; the fourth is counted
        expect(m.shown.compact).toBe(3);
        expect(m.shown.one).toBe(1);
        // what is left out is counted
        expect(squash(await wall.locator('.more').textContent())).toBe('+2 more');
        const strip = page.locator('radiator-tile[data-tile="strip"] radiator-risk');
        expect(squash(await strip.locator('.problem').first().textContent())).toContain('$.modes[2].severity: expected a whole number from 1 to 10 (severity) (got 11)');
        expect(await hasScrollbars(page)).toBe(false);
        await page.emulateMedia({ reducedMotion: 'no-preference' });
        await screenshot(page, `risk-board-${width}x${height}`);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  describe('the shipped Risk (FMEA) board', () => {
    let demo: StartedServer;
    beforeAll(async () => {
      demo = await startShippedDemo();
    });
    afterAll(async () => {
      await demo?.close();
    });

    it('ranks the demo FMEAs from the stand-ins, readable, with no console errors', async () => {
      const { page, errors, close } = await chromium.open(1920, 1080);
      try {
        await page.goto(`${demo.url}/boards/risk`);
        const view = await waitFor(async () => {
          const v = (await tileView(demo.url, 'risk', 'top-risks')) as RiskTileView;
          return !v.stale && v.data.total === 7 ? v : null;
        }, 'the demo risk tile, current', 30_000);
        expect(view.data.problems).toEqual([]);
        await page.locator('radiator-tile[data-tile="top-risks"] radiator-risk .mode').first().waitFor({ timeout: 15_000 });
        const m = await measure(page);
        expect(m.outside).toEqual([]);
        expect(m.overlaps).toEqual([]);
        expect(m.text.filter((t) => t.px < (TEXT_MIN_VH / 100) * 1080 - 0.05)).toEqual([]);
        expect(await hasScrollbars(page)).toBe(false);
        await screenshot(page, 'risk-demo-1920x1080');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });
});
