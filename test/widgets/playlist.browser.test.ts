import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, useChromium } from '../helpers/browser.js';
import { startTestServer, type StartedServer } from '../helpers/test-server.js';

declare global {
  interface Window {
    /** Playlist requests the page started, counted as each fetch starts. */
    playlistFetches: number;
    /** Playlist answers the page has read (and so acted on: its error handling runs in the same microtasks). */
    playlistAnswers: number;
  }
}

const counts = (page: Page) => page.evaluate(() => ({ fetches: window.playlistFetches, answers: window.playlistAnswers }));

// Skipped only because Debian's chromium is not installed; .ci/run installs it, so CI runs these.
describe.skipIf(!chromiumAvailable)('playlist element in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;
  beforeAll(async () => {
    app = await startTestServer({ boards: { first: { title: 'First board', columns: 1, rows: 1, tiles: [{ id: 'a', widget: 'clock', x: 0, y: 0 }] } } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('retries a playlist it cannot load, and stops retrying once it leaves the page', async () => {
    const { page, errors, close } = await chromium.open(1920, 1080);
    try {
      // the page's timers run on a clock the test moves, so the 10 s retry needs no waiting
      await page.clock.install();
      await page.addInitScript(() => {
        window.playlistFetches = 0;
        window.playlistAnswers = 0;
        const fetch = window.fetch.bind(window);
        window.fetch = async (input, init) => {
          const playlist = String(input).includes('/api/v1/playlists/');
          if (playlist) window.playlistFetches++;
          const res = await fetch(input, init);
          if (playlist) {
            const json = res.json.bind(res);
            res.json = () => json().finally(() => window.playlistAnswers++);
          }
          return res;
        };
      });
      // the app's page, with a playlist element for an id the server does not know in place of the board
      await page.goto(`${app.url}/boards/first`);
      await page.evaluate(() => {
        document.body.replaceChildren();
        const playlist = document.createElement('radiator-playlist');
        playlist.playlistId = 'nope';
        document.body.append(playlist);
      });
      const error = page.locator('radiator-playlist .error');
      await expect.poll(() => error.textContent(), { timeout: 10_000 }).toBe('cannot load playlist "nope": unknown playlist "nope"; retrying');
      expect(await counts(page)).toEqual({ fetches: 1, answers: 1 });

      // on the page it retries every 10 s
      await page.clock.runFor(10_000);
      await expect.poll(() => counts(page), { timeout: 10_000 }).toEqual({ fetches: 2, answers: 2 });
      // the second answer failed too and set up the next retry; taken off the page, the element asks no more
      await page.locator('radiator-playlist').evaluate((el) => el.remove());
      await page.clock.runFor(60_000);
      expect(await counts(page)).toEqual({ fetches: 2, answers: 2 });
      // the 404s on the console are the answers asked for, not errors of the app
      expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    } finally {
      await close();
    }
  });
});
