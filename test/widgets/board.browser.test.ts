import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpServiceStandIn } from '../../src/server/standins/http-service.js';
import type { RunningStandIn } from '../../src/server/standins/stand-in.js';
import { boardLines, fewestPoints } from '../helpers/chart-lines.js';
import { chromiumAvailable, hasScrollbars, useChromium, screenshot } from '../helpers/browser.js';
import { startShippedDemo, startTestServer, type StartedServer } from '../helpers/test-server.js';

// Skipped only because Debian's chromium is not installed; .ci/run installs it, so CI runs these.
describe.skipIf(!chromiumAvailable)('board in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();

  describe('the shipped demo board', () => {
    let app: StartedServer;
    beforeAll(async () => {
      app = await startShippedDemo();
    });
    afterAll(async () => {
      await app?.close();
    });

    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      it(`shows live tiles with no console error and no scrollbar at ${width}×${height}`, async () => {
        const { page, errors, close } = await chromium.open(width, height);
        try {
          await page.goto(`${app.url}/boards/ops`);
          await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 10_000 });
          // every tile that reads a source has had fresh data, and makes sense of it (munin rates need
          // two polls): nothing on the shipped demo is unknown once it runs
          await page.waitForFunction(
            () => {
              const board = document.querySelector('radiator-app')?.shadowRoot?.querySelector('radiator-board');
              const views = [...(board?.shadowRoot?.querySelectorAll('radiator-tile') ?? [])].map(
                (t) => (t as unknown as { view: { widget: string; updatedAt: string | null; status: string } }).view,
              );
              return views.length > 0 && views.every((v) => v.widget === 'clock' || (v.updatedAt !== null && v.status !== 'unknown'));
            },
            undefined,
            { timeout: 20_000 },
          );
          const tiles = page.locator('radiator-tile');
          const count = await tiles.count();
          expect(count).toBeGreaterThanOrEqual(5);
          await expect.poll(() => page.locator('radiator-tile >> text=/updated \\d+ s ago/').count(), { timeout: 10_000 }).toBeGreaterThan(0);
          // tiles fill the viewport: the grid reaches the bottom right corner
          const grid = await page.locator('radiator-board main').boundingBox();
          expect(grid!.x + grid!.width).toBeGreaterThan(width * 0.98);
          expect(grid!.y + grid!.height).toBeGreaterThan(height * 0.98);
          expect(await hasScrollbars(page)).toBe(false);
          // for the picture: every sparkline and chart is a line, not a dot
          await expect.poll(async () => fewestPoints(await boardLines(page)), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
          await screenshot(page, `demo-board-${width}x${height}`);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  });

  describe('a playlist', () => {
    let app: StartedServer;
    beforeAll(async () => {
      const clock = (id: string) => ({ id, widget: 'clock', x: 0, y: 0 });
      app = await startTestServer({
        boards: { first: { title: 'First board', columns: 1, rows: 1, tiles: [clock('a')] }, second: { title: 'Second board', columns: 1, rows: 1, tiles: [clock('b')] } },
        playlists: { wall: { title: 'Wall', boards: ['first', 'second'], every: 1 } },
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('rotates through its boards on one connection', async () => {
      const { page, errors, close } = await chromium.open(1920, 1080);
      try {
        const sockets: string[] = [];
        page.on('websocket', (ws) => sockets.push(ws.url()));
        await page.goto(`${app.url}/playlists/wall`);
        const title = page.locator('radiator-board header h1');
        await expect.poll(() => title.textContent(), { timeout: 10_000 }).toBe('First board');
        await expect.poll(() => title.textContent(), { timeout: 10_000 }).toBe('Second board');
        await expect.poll(() => page.locator('radiator-board header .caption').textContent(), { timeout: 5_000 }).toMatch(/Wall · [12]\/2/);
        await expect.poll(() => title.textContent(), { timeout: 10_000 }).toBe('First board');
        expect(sockets).toHaveLength(1);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });

  describe('a server upgrade', () => {
    // its own waits add up to 50 s (a busy CI machine reconnects and reloads slowly): the test's budget covers them
    it('makes a connected display reload itself when it reconnects to a new version', { timeout: 60_000 }, async () => {
      const config = { boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'clock', widget: 'clock', x: 0, y: 0 }] } } };
      let app = await startTestServer(config, { version: '1.0.0' });
      const { page, errors, close } = await chromium.open(1280, 720);
      try {
        await page.goto(`${app.url}/boards/ops`);
        await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 10_000 });
        let loads = 0;
        page.on('load', () => loads++);
        const port = app.port;
        await app.close();
        await page.locator('radiator-board[connection="reconnecting"], radiator-board[connection="offline"]').waitFor({ timeout: 20_000 });
        app = await startTestServer(config, { version: '1.1.0' }, port);
        await expect.poll(() => loads, { timeout: 20_000 }).toBe(1);
        await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 10_000 });
        // the server stops on purpose here: refused and reset connections while it is gone are expected
        expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_(REFUSED|RESET)|socket\.io/i.test(e))).toEqual([]);
      } finally {
        await close();
        await app.close();
      }
    });
  });

  describe('an upstream going away and coming back', () => {
    let standIn: RunningStandIn;
    let app: StartedServer;
    beforeAll(async () => {
      standIn = await httpServiceStandIn.start(0);
      app = await startTestServer({
        sources: { shop: { type: 'http', schedule: '* * * * * *', timeoutMs: 900, targets: [{ name: 'checkout', url: `http://127.0.0.1:${standIn.port}/checkout` }] } },
        boards: { ops: { title: 'Ops', columns: 2, rows: 1, tiles: [{ id: 'checkout', title: 'Checkout', widget: 'latency', source: 'shop', x: 0, y: 0 }, { id: 'clock', widget: 'clock', x: 1, y: 0 }] } },
      });
    });
    afterAll(async () => {
      await app?.close();
      await standIn?.stop();
    });

    it('shows the tile stale with the reason, then live again without a reload', async () => {
      const { page, errors, close } = await chromium.open(1920, 1080);
      try {
        await page.goto(`${app.url}/boards/ops`);
        const tile = page.locator('radiator-tile[data-tile="checkout"]');
        await expect.poll(() => tile.getAttribute('data-status'), { timeout: 10_000 }).toBe('ok');
        const navigations: string[] = [];
        page.on('framenavigated', (f) => navigations.push(f.url()));

        const port = standIn.port;
        await standIn.stop();
        await expect.poll(() => tile.evaluate((el) => el.hasAttribute('stale')), { timeout: 5_000 }).toBe(true);
        const band = await tile.locator('.stale').textContent();
        // a poll in flight when the upstream dies sees a reset, later ones a refusal
        expect(band).toMatch(new RegExp(`connection (refused|reset) by 127\\.0\\.0\\.1:${port}`));
        expect(band).toContain('STALE');
        await screenshot(page, 'tile-stale-1920x1080');

        standIn = await httpServiceStandIn.start(port);
        await expect.poll(() => tile.evaluate((el) => el.hasAttribute('stale')), { timeout: 5_000 }).toBe(false);
        expect(await tile.locator('.stale').count()).toBe(0);
        expect(navigations).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('says so when the server is unreachable', async () => {
      const { page, close } = await chromium.open(1280, 720);
      try {
        await page.goto(`${app.url}/boards/ops`);
        await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 10_000 });
        await page.context().setOffline(true);
        await page.evaluate(() => {
          // going offline in the browser does not drop an open WebSocket; close the engine's transport as a dead link would
          const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board') as unknown as { socket: { io: { engine: { close(): void } } } };
          board.socket.io.engine.close();
        });
        await page.locator('radiator-board[connection="reconnecting"], radiator-board[connection="offline"]').waitFor({ timeout: 10_000 });
        await page.context().setOffline(false);
        await page.locator('radiator-board[connection="live"]').waitFor({ timeout: 15_000 });
      } finally {
        await close();
      }
    });

    it('answers an unknown board with a readable message', async () => {
      const { page, close } = await chromium.open(1280, 720);
      try {
        const response = await page.goto(`${app.url}/boards/nope`);
        expect(response!.status()).toBe(404);
        expect(await page.textContent('body')).toContain('unknown board');
      } finally {
        await close();
      }
    });
  });
});
