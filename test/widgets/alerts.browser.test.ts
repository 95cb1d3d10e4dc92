import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nagiosStandIn, nagiosStandInStatusFile } from '../../src/server/standins/nagios.js';
import type { RunningStandIn } from '../../src/server/standins/stand-in.js';
import type { AlertsTileView } from '../../src/shared/tile-view.js';
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
});
