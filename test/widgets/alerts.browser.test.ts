import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nagiosStandIn, nagiosStandInStatusFile } from '../../src/server/standins/nagios.js';
import type { RunningStandIn } from '../../src/server/standins/stand-in.js';
import type { AlertsTileView } from '../../src/shared/tile-view.js';
import { TEXT_MIN_VH } from '../../src/widgets/theme.js';
import { chromiumAvailable, hasScrollbars, useChromium, screenshot } from '../helpers/browser.js';
import { startShippedDemo, startTestServer, tileView, type StartedServer } from '../helpers/test-server.js';

const SAMPLE_STATUS_DAT = fileURLToPath(new URL('../upstreams/samples/nagios/status.dat', import.meta.url));

// Skipped only when Debian's chromium is not installed; .ci/run installs it and sets RADIATOR_REQUIRE_UPSTREAMS=1, so CI runs these.
describe.skipIf(!chromiumAvailable)('alerts widget in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();

  describe('the shipped monitoring board', () => {
    let app: StartedServer;
    beforeAll(async () => {
      app = await startShippedDemo();
    });
    afterAll(async () => {
      await app?.close();
    });

    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      it(`shows counts, problems worst first, handled apart and all clear at ${width}×${height}`, async () => {
        const { page, errors, close } = await chromium.open(width, height);
        try {
          await page.goto(`${app.url}/boards/monitoring`);
          const problems = page.locator('radiator-tile[data-tile="problems"] radiator-alerts');
          await problems.locator('[data-part="problems"] .row').first().waitFor({ timeout: 20_000 });
          // severity is shown as colour, glyph and word
          const headline = await problems.locator('[data-part="counts"] .count').allTextContents();
          expect(headline.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
            expect.stringMatching(/^✖\d+ CRITICAL$/),
            expect.stringMatching(/^▲\d+ WARNING$/),
            expect.stringMatching(/^\?\d+ UNKNOWN$/),
          ]);
          const statuses = await problems.locator('[data-part="problems"] .row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
          // critical (and down) first, then unknown (and unreachable), then warning, as Nagios ranks them
          const rank = { critical: 0, unknown: 1, warning: 2 } as Record<string, number>;
          expect(statuses.map((s) => rank[s!])).toEqual([...statuses.map((s) => rank[s!]!)].sort((a, b) => a - b));
          expect(await problems.locator('[data-part="problems"]').textContent()).toContain('db01');
          const handled = await problems.locator('[data-part="handled"]').textContent();
          expect(handled).toMatch(/Handled: 4 problems \(2 acknowledged · 2 in downtime\)/);
          expect(handled).toContain('legacy01');
          const clear = page.locator('radiator-tile[data-tile="customer-facing"] radiator-alerts [data-part="all-clear"]');
          expect(await clear.textContent()).toMatch(/All clear ✔/);
          expect(await hasScrollbars(page)).toBe(false);
          await screenshot(page, `alerts-board-${width}x${height}`);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  });

  describe('a Nagios that stops', () => {
    let standIn: RunningStandIn;
    let app: StartedServer;
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-alerts-browser-'));
    const NASTY_STATUS_DAT = path.join(dir, 'status.dat');
    beforeAll(async () => {
      standIn = await nagiosStandIn.start(0);
      // plugin output is untrusted: markup and terminal colour codes must reach the wall as plain text
      writeFileSync(
        NASTY_STATUS_DAT,
        readFileSync(SAMPLE_STATUS_DAT, 'utf8').replaceAll(
          'plugin_output=connect to address 127.0.0.1 and port 1: Connection refused',
          'plugin_output=\u001b[31mCRITICAL\u001b[0m: <b>html</b> <img src=x onerror="document.title=1"> lag',
        ),
      );
      const tile = (id: string, source: string, x: number, options: Record<string, unknown> = { hosts: ['shop01', 'db01'], minState: 'critical' }) =>
        ({ id, widget: 'alerts', source, x, y: 0, options });
      app = await startTestServer({
        sources: {
          live: { type: 'nagios', schedule: '* * * * * *', timeoutMs: 900, statusFile: nagiosStandInStatusFile(standIn.port) },
          // the captured sample is long past: its daemon "stopped" writing it
          old: { type: 'nagios', schedule: '* * * * * *', timeoutMs: 900, statusFile: SAMPLE_STATUS_DAT },
          nasty: { type: 'nagios', schedule: '* * * * * *', timeoutMs: 900, statusFile: NASTY_STATUS_DAT, maxStatusAgeSeconds: 1e9 },
        },
        boards: {
          mon: {
            title: 'Mon',
            columns: 3,
            rows: 1,
            tiles: [tile('live', 'live', 0), tile('old', 'old', 1), tile('nasty', 'nasty', 2, { hosts: ['web02'], services: ['HTTPS port'] })],
          },
        },
      });
    });
    afterAll(async () => {
      await app?.close();
      await standIn?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows plugin output with markup and ANSI codes as literal text', async () => {
      const { page, errors, close } = await chromium.open(1920, 1080);
      try {
        await page.goto(`${app.url}/boards/mon`);
        const nasty = page.locator('radiator-tile[data-tile="nasty"] radiator-alerts');
        const output = nasty.locator('[data-part="problems"] .row .output');
        await output.waitFor({ timeout: 15_000 });
        const literal = 'CRITICAL: <b>html</b> <img src=x onerror="document.title=1"> lag';
        expect(((await tileView(app.url, 'mon', 'nasty')) as AlertsTileView).data.problems[0]!.output).toBe(literal);
        expect(await output.textContent()).toBe(literal);
        expect(await nasty.locator('b, img').count()).toBe(0);
        expect(await page.title()).not.toBe('1');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('never shows "All clear" for stale data or a daemon that is not checking', async () => {
      const { page, errors, close } = await chromium.open(1920, 1080);
      try {
        await page.goto(`${app.url}/boards/mon`);
        const live = page.locator('radiator-tile[data-tile="live"] radiator-alerts');
        await live.locator('[data-part="all-clear"]').waitFor({ timeout: 15_000 });
        const old = page.locator('radiator-tile[data-tile="old"] radiator-alerts');
        await old.locator('[data-part="not-checking"]').waitFor({ timeout: 15_000 });
        expect(await old.locator('[data-part="not-checking"]').textContent()).toMatch(/NOT CHECKING[\s\S]*Nagios Core 4\.4\.6 is not executing checks — status\.dat was last written \d+ h ago/);
        expect(await old.locator('[data-part="all-clear"]').count()).toBe(0);

        await standIn.stop(); // removes status.dat, like Nagios on shutdown
        // the store keeps the last good reading ("all clear"); the tile must say Nagios is unreachable instead
        await live.locator('[data-part="unreachable"]').waitFor({ timeout: 15_000 });
        expect(await live.locator('[data-part="unreachable"]').textContent()).toMatch(/Nagios unreachable[\s\S]*status\.dat not found at .* — Nagios stopped\?/);
        expect(await live.locator('[data-part="all-clear"]').count()).toBe(0);
        expect(await live.locator('[data-part="no-current-data"]').count()).toBe(0);
        const band = await page.locator('radiator-tile[data-tile="live"] .stale').textContent();
        expect(band).toMatch(/status\.dat not found at .* — Nagios stopped\?/);
        const view = (await tileView(app.url, 'mon', 'live')) as AlertsTileView;
        expect(view).toMatchObject({ status: 'unknown', stale: true });
        expect(view.data.upstream).toMatchObject({ reachable: false, detail: expect.stringMatching(/^status\.dat not found at /) });
        await screenshot(page, 'alerts-stopped-1920x1080');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('during a deploy', () => {
    const TOKEN = 'browser-deploy-token-0123456789ab';
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-alerts-deploy-'));
    const statusFile = path.join(dir, 'status.dat');
    let app: StartedServer;
    beforeAll(async () => {
      const end = Math.floor(Date.now() / 1000) + 3600;
      // the real sample, plus what a deploy tool and people leave behind: a downtime over web02 naming the
      // deploy, alice's acknowledgement, erin's comment on an unhandled warning
      const text = readFileSync(SAMPLE_STATUS_DAT, 'utf8')
        .replace(/(hoststatus \{\n\thost_name=web02\n[^}]*?\tscheduled_downtime_depth=)0/, '$11')
        .replace('author=radiator\n\tcomment_data=Replica rebuilding, ETA 2h', 'author=alice\n\tcomment_data=replacing disk on db02, replica rebuilding (ETA 2 h)')
        .concat(
          `hostdowntime {\n\thost_name=web02\n\tdowntime_id=9\n\tcomment_id=9\n\tentry_time=1795535843\n\tstart_time=1795535843\n\tflex_downtime_start=0\n\tend_time=${end}\n` +
            '\ttriggered_by=0\n\tfixed=1\n\tduration=3600\n\tis_in_effect=1\n\tstart_notification_sent=1\n\tauthor=deploybot\n\tcomment=Deploy M-4411 (CHG-77)\n\t}\n\n',
          'servicecomment {\n\thost_name=db01\n\tservice_description=Disk /var\n\tentry_type=1\n\tcomment_id=10\n\tsource=1\n\tpersistent=1\n\tentry_time=1795535844\n' +
            '\texpires=0\n\texpire_time=0\n\tauthor=erin\n\tcomment_data=new disk ordered, arrives Thursday (OPS-118)\n\t}\n\n',
        );
      writeFileSync(statusFile, text);
      const tile = (id: string, x: number, y: number, w: number, h: number, options: Record<string, unknown>) => ({ id, widget: 'alerts', source: 'nag', x, y, w, h, options });
      app = await startTestServer(
        {
          sources: {
            nag: { type: 'nagios', schedule: '* * * * * *', timeoutMs: 900, statusFile, maxStatusAgeSeconds: 1e9 },
            ship: { type: 'deploys', tokensEnv: 'BROWSER_DEPLOY_TOKENS' },
            ghost: { type: 'deploys', tokensEnv: 'BROWSER_GHOST_TOKENS' },
          },
          boards: {
            deploy: {
              title: 'Deploy',
              columns: 3,
              rows: 2,
              tiles: [
                tile('all', 0, 0, 2, 2, { deploys: 'ship' }),
                tile('web02', 2, 0, 1, 1, { hosts: ['web02'], deploys: 'ship' }),
                tile('no-deploys', 2, 1, 1, 1, { hosts: ['web01', 'db01'], deploys: 'ghost' }),
              ],
            },
          },
        },
        { env: { BROWSER_DEPLOY_TOKENS: TOKEN, BROWSER_GHOST_TOKENS: `${TOKEN}-ghost` } },
      );
      const res = await fetch(`${app.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'deploy', deploy: 'run-4411', env: 'prod', manifest: 'M-4411', status: 'started', by: 'deploybot', ticket: { id: 'CHG-77' }, hosts: ['web02'] }),
      });
      expect(res.status).toBe(202);
    });
    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      it(`shows expected rows apart, grey, with why, and who acknowledged what, readable and unclipped at ${width}×${height}`, async () => {
        const { page, errors, close } = await chromium.open(width, height);
        try {
          await page.goto(`${app.url}/boards/deploy`);
          const all = page.locator('radiator-tile[data-tile="all"] radiator-alerts');
          const expected = all.locator('[data-part="expected"]');
          await expected.waitFor({ timeout: 20_000 });
          expect(squash(await expected.locator('.summary').first().textContent())).toMatch(/^Expected during deploy M-4411 → prod, running \d+ s: 3 problems$/);
          const expectedRows = await expected.locator('.row').evaluateAll((rows) => rows.map((r) => r.textContent!.replace(/\s+/g, ' ').trim()));
          expect(expectedRows).toEqual([
            expect.stringMatching(/^✖ CRITICAL web02 · HTTPS port for .* expected during deploy M-4411 — downtime by deploybot$/),
            expect.stringMatching(/^✖ CRITICAL web02 · API errors ?SOFT for .* expected during deploy M-4411 — downtime by deploybot$/),
            expect.stringMatching(/^▲ WARNING web02 · TCP latency for .* expected during deploy M-4411 — downtime by deploybot$/),
          ]);
          // grey, not red: the state bar and word take the dimmed colour
          const colours = await expected.locator('.row .state').evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
          const dim = await all.locator('[data-part="inventory"]').evaluate((e) => getComputedStyle(e).color);
          expect(colours).toEqual([dim, dim, dim]);
          // the counts and the status leave them out: nothing critical is unexpected
          expect(squash(await all.locator('[data-part="counts"] .count[data-status="critical"]').textContent())).toBe('✖0 CRITICAL');
          const handled = all.locator('[data-part="handled"]');
          expect(squash(await handled.textContent())).toContain('acked by alice: replacing disk on db02, replica rebuilding (ETA 2 h)');
          expect(squash(await handled.textContent())).toContain('acked by radiator: Being decommissioned');
          const disk = all.locator('[data-part="problems"] .row', { hasText: 'Disk /var' });
          expect(squash(await disk.locator('.note').textContent())).toBe('comment by erin: new disk ordered, arrives Thursday (OPS-118)');

          const only = page.locator('radiator-tile[data-tile="web02"] radiator-alerts [data-part="expected-only"]');
          expect(squash(await only.textContent())).toMatch(/^✔ As expected deploy M-4411 → prod, running \d+ s · 3 problems expected$/);
          // a deploys source that never spoke: nothing is expected, the red stays, and the tile says why
          const ghost = page.locator('radiator-tile[data-tile="no-deploys"]');
          expect(squash(await ghost.locator('.stale').textContent())).toBe(
            '⚠deploys "ghost": waiting for the first push — problems not excused',
          );
          expect(await ghost.locator('radiator-alerts [data-part="problems"] .row').count()).toBeGreaterThan(0);
          expect(await ghost.locator('radiator-alerts [data-part="expected"]').count()).toBe(0);

          await screenshot(page, `alerts-deploy-${width}x${height}`);
          const m = await measureAlerts(page);
          const floor = (TEXT_MIN_VH / 100) * height - 0.05;
          expect(m.text.filter((t) => t.px < floor), `text under ${floor.toFixed(1)} px`).toEqual([]);
          expect(m.text.filter((t) => t.what === 'note').length).toBeGreaterThan(3);
          expect(m.cut).toEqual([]);
          expect(m.overlaps).toEqual([]);
          expect(await hasScrollbars(page)).toBe(false);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  });
});

function squash(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

interface AlertsMeasure {
  text: { tile: string; what: string; px: number; text: string }[];
  /** Text shown in part: cut by its section's or the tile's edge. */
  cut: string[];
  /** Sections (counts, lists, banners, inventory) drawn over each other. */
  overlaps: string[];
}

/** Font sizes and geometry of every alerts tile's text, read from inside the shadow roots. */
function measureAlerts(page: Page): Promise<AlertsMeasure> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const out: AlertsMeasure = { text: [], cut: [], overlaps: [] };
    const visible = (el: Element) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length > 0;
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      const id = tile.dataset.tile!;
      const host = tile.querySelector('radiator-alerts')!;
      const root = host.shadowRoot!;
      const box = host.getBoundingClientRect();
      const sections = [...root.children].filter(visible);
      for (const section of sections) {
        const clip = section.getBoundingClientRect();
        const texts = [...section.querySelectorAll('*')].filter((el) => visible(el) && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
        for (const el of texts) {
          const r = el.getBoundingClientRect();
          const inside = (b: DOMRect) => r.top >= b.top - 1 && r.bottom <= b.bottom + 1 && r.left >= b.left - 1 && r.right <= b.right + 1;
          const outside = (b: DOMRect) => r.bottom <= b.top + 1 || r.top >= b.bottom - 1;
          // a row below the end of its list is hidden whole (fewer rows, never smaller ones); one half shown is cut
          if (outside(clip) || outside(box)) continue;
          const what = el.classList.contains('note') || el.closest('.note') ? 'note' : 'text';
          out.text.push({ tile: id, what, px: parseFloat(getComputedStyle(el).fontSize), text: el.textContent!.trim().slice(0, 40) });
          if (!inside(clip) || !inside(box)) out.cut.push(`${id}: "${el.textContent!.trim().slice(0, 40)}"`);
        }
      }
      const rects = sections.map((s) => [s.getAttribute('data-part') ?? s.className, s.getBoundingClientRect()] as const);
      for (let i = 0; i < rects.length; i++)
        for (let k = i + 1; k < rects.length; k++) {
          const [a, ra] = rects[i]!;
          const [b, rb] = rects[k]!;
          if (ra.left < rb.right - 0.5 && rb.left < ra.right - 0.5 && ra.top < rb.bottom - 0.5 && rb.top < ra.bottom - 0.5) out.overlaps.push(`${id}: ${a} / ${b}`);
        }
    }
    return out;
  });
}
