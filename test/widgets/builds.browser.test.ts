import { createServer as createNetServer } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKinds } from '../../src/server/built-in-kinds.js';
import { validateConfig } from '../../src/server/config/load-config.js';
import { storeSpecsOf } from '../../src/server/create-server.js';
import type { BuildJob } from '../../src/server/readings/builds.js';
import { InMemoryServerStore } from '../../src/server/store/in-memory-server-store.js';
import type { BuildsTileView } from '../../src/shared/tile-view.js';
import { TEXT_MIN_VH, VALUE_MIN_VH } from '../../src/widgets/theme.js';
import { chromiumAvailable, hasScrollbars, screenshot, useChromium } from '../helpers/browser.js';
import { startShippedDemo, startTestServer, tileView, waitFor, type StartedServer } from '../helpers/test-server.js';

const MIN = 60_000;

/** A port nothing listens on: the Jenkins source's first poll fails, and the test records the jobs itself. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** 40 jobs: three failed (one rebuilding), one unstable, two building (one overdue), aborted, disabled, never built, 31 green. */
function fortyJobs(now: number): BuildJob[] {
  const base = (key: string, status: BuildJob['status'], extra: Partial<BuildJob> = {}): BuildJob => ({
    key,
    name: key.split('/').pop()!,
    url: `http://ci.example.test/job/${key}/`,
    status,
    lastResult: status === 'building' ? 'success' : status === 'disabled' ? 'success' : status,
    number: '1200',
    startedAt: now - 30 * MIN,
    finishedAt: now - 26 * MIN,
    durationMs: 4 * MIN,
    estimatedMs: 5 * MIN,
    culprits: [],
    changes: [],
    brokenSince: null,
    ...extra,
  });
  const greens = Array.from({ length: 31 }, (_, i) => base(`libs/lib-${String(i + 1).padStart(2, '0')}-${['core', 'auth', 'cache', 'ui'][i % 4]}`, 'success'));
  return [
    base('apps/checkout-api', 'failed', {
      number: '1234',
      culprits: ['alice', 'bob'],
      changes: [{ revision: 'a1b2c3d', author: 'alice', message: 'fix cache key' }],
      brokenSince: now - 25 * MIN,
    }),
    base('apps/billing-service', 'building', {
      lastResult: 'failed',
      number: '88',
      startedAt: now - 2 * MIN,
      finishedAt: null,
      estimatedMs: 6 * MIN,
      culprits: ['carol'],
      changes: [{ revision: 'ffee001', author: 'carol', message: 'bump postgres driver to 42.7' }],
      brokenSince: now - 3 * 60 * MIN,
    }),
    base('apps/search-indexer', 'failed', { number: '57', changes: [{ revision: '0badf00', author: 'dave', message: 'reindex on deploy' }], brokenSince: now - 8 * MIN }),
    base('apps/web-frontend', 'unstable', { number: '4410', culprits: ['erin'], changes: [{ revision: '1234abc', author: 'erin', message: 'flaky e2e: retry login' }], brokenSince: now - 50 * MIN }),
    base('apps/mobile-api', 'building', { number: '301', startedAt: now - 3 * MIN, finishedAt: null, estimatedMs: 8 * MIN }),
    base('apps/nightly-export', 'building', { number: '77', startedAt: now - 14 * MIN, finishedAt: null, estimatedMs: 10 * MIN }),
    base('tools/release-train', 'aborted', { number: '19', blocked: 'no worker connected (w1, w2 offline)' }),
    base('tools/legacy-deploy', 'disabled'),
    base('tools/new-pipeline', 'notbuilt', { number: null, startedAt: null, finishedAt: null, durationMs: null, estimatedMs: null }),
    ...greens,
  ];
}

interface Measured {
  text: { tile: string; what: string; px: number; text: string }[];
  outside: string[];
  overlaps: string[];
  shownJobs: Record<string, number>;
  more: Record<string, string | null>;
}

/** Font sizes and geometry of the builds tiles, read from inside the shadow roots. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const out: Measured = { text: [], outside: [], overlaps: [], shownJobs: {}, more: {} };
    const visible = (el: Element) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length > 0;
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      const id = tile.dataset.tile!;
      const box = tile.getBoundingClientRect();
      const root = tile.querySelector('radiator-builds')!.shadowRoot!;
      const record = (what: string, selector: string) => {
        for (const el of root.querySelectorAll(selector)) if (visible(el)) out.text.push({ tile: id, what, px: parseFloat(getComputedStyle(el).fontSize), text: el.textContent!.trim().slice(0, 40) });
      };
      record('broken name', '.card .name');
      record('text', '.card .why, .card .word, .card .number, .run .name, .run .eta, .run .word, .chip .name, .chip .tag, .footer .count, .more, .big, .sub');
      const texts = [...root.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
      for (const el of texts) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.outside.push(`${id}: "${el.textContent!.trim().slice(0, 30)}"`);
      }
      const wall = root.querySelector('.wall')?.getBoundingClientRect();
      const jobs = [...root.querySelectorAll<HTMLElement>('[data-job]')].filter(visible);
      out.shownJobs[id] = jobs.length;
      const more = root.querySelector<HTMLElement>('.more');
      out.more[id] = more && !more.hidden ? more.textContent : null;
      const rects = jobs.map((j) => [j.dataset.job!, j.getBoundingClientRect()] as const);
      for (const [key, r] of rects) {
        // a job shown is shown whole: never cut by the wall's edge
        if (wall && (r.bottom > wall.bottom + 0.5 || r.right > wall.right + 0.5)) out.outside.push(`${id}: job ${key} cut`);
      }
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

function checkFloors(m: Measured, height: number) {
  const textMin = (TEXT_MIN_VH / 100) * height - 0.05;
  const valueMin = (VALUE_MIN_VH / 100) * height - 0.05;
  const tooSmall = m.text.filter((t) => t.px < (t.what === 'broken name' ? valueMin : textMin));
  expect(tooSmall, `text under ${textMin.toFixed(1)} px (broken names ${valueMin.toFixed(1)} px)`).toEqual([]);
  expect(m.text.filter((t) => t.what === 'broken name').length).toBeGreaterThan(0);
  expect(m.outside).toEqual([]);
  expect(m.overlaps).toEqual([]);
}

describe.skipIf(!chromiumAvailable)('builds widget in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;
  let store: InMemoryServerStore;

  beforeAll(async () => {
    const raw = {
      sources: { ci: { type: 'jenkins', schedule: '0 0 0 1 1 *', timeoutMs: 2000, url: `http://127.0.0.1:${await closedPort()}/` } },
      boards: {
        builds: {
          title: 'Builds',
          columns: 3,
          rows: 2,
          tiles: [
            { id: 'wall', title: 'All jobs', widget: 'builds', source: 'ci', x: 0, y: 0, w: 2, h: 2 },
            { id: 'broken', title: 'Apps, broken only', widget: 'builds', source: 'ci', x: 2, y: 0, options: { include: ['apps/*'], showGreen: false, maxJobs: 3 } },
            { id: 'libs', title: 'Libraries', widget: 'builds', source: 'ci', x: 2, y: 1, options: { include: ['libs/*'] } },
          ],
        },
      },
    };
    store = new InMemoryServerStore(storeSpecsOf(validateConfig(raw, 'builds-test.json', builtInKinds)), Date.now);
    app = await startTestServer(raw, { store });
    // the source's first poll fails (nothing listens): after it, the jobs recorded here are the source's reading
    await waitFor(() => store.health('ci', Date.now()).state === 'error', 'the first poll of ci to fail');
    store.recordSuccess('ci', { type: 'builds', at: Date.now(), jobs: fortyJobs(Date.now()) });
    await waitFor(async () => (await tileView(app.url, 'builds', 'wall')).status === 'critical', 'the wall tile to turn critical');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the views lead with what is broken', async () => {
    const wall = (await tileView(app.url, 'builds', 'wall')) as BuildsTileView;
    expect(wall.data.headline).toBe('broken');
    expect(wall.data.jobs.slice(0, 4).map((j) => j.key)).toEqual(['apps/billing-service', 'apps/checkout-api', 'apps/search-indexer', 'apps/web-frontend']);
    const libs = (await tileView(app.url, 'builds', 'libs')) as BuildsTileView;
    expect(libs).toMatchObject({ status: 'ok', data: { headline: 'all-green', total: 31 } });
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`shows 40 jobs readable from 5 m, nothing clipped or overlapping, at ${width}×${height}`, async () => {
      const { page, errors, close } = await chromium.open(width, height);
      try {
        await page.goto(`${app.url}/boards/builds`);
        const wall = page.locator('radiator-tile[data-tile="wall"] radiator-builds');
        await wall.locator('.card').first().waitFor({ timeout: 15_000 });
        const cards = wall.locator('.card');
        expect(await cards.count()).toBe(4);
        const first = (await cards.nth(1).textContent())!.replace(/\s+/g, ' ').trim();
        expect(first).toMatch(/^✖ FAILED checkout-api #1234 broken by alice, bob — ‘fix cache key’ — 25 min ago$/);
        // rebuilding after a failure: still broken, since when it broke, with progress under it
        expect((await cards.nth(0).textContent())!.replace(/\s+/g, ' ')).toMatch(/✖ FAILED billing-service #88 broken by carol — ‘bump postgres driver to 42\.7’ — 3 h ago ▶ rebuilding #88 4 min left/);
        expect((await cards.nth(3).textContent())!.replace(/\s+/g, ' ')).toMatch(/▲ UNSTABLE web-frontend #4410 unstable by erin — ‘flaky e2e: retry login’ — 50 min ago/);
        const runs = await wall.locator('.wall > .run').allTextContents();
        expect(runs.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['▶ BUILDING nightly-export #77 overdue 4 min', '▶ BUILDING mobile-api #301 5 min left']);
        // aborted, disabled and never built: each its own glyph and word
        const chips = await wall.locator('.chip:not([data-status="success"])').allTextContents();
        expect(chips.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['■ ABORTED release-train ∅ no worker connected', '⊘ DISABLED legacy-deploy', '○ NOT BUILT new-pipeline']);
        const footer = (await wall.locator('[data-part="counts"] .count').allTextContents()).join(' ').replace(/\s+/g, ' ');
        expect(footer).toMatch(/✖ 3 failed ▲ 1 unstable ▶ 2 building ■ 1 aborted ⊘ 1 disabled ○ 1 never built ✔ 31 passed ∅ 1 cannot build/);

        const broken = page.locator('radiator-tile[data-tile="broken"] radiator-builds');
        await expect.poll(async () => (await measure(page)).more.broken).toMatch(/^\+\d+ more$/);
        expect(await broken.locator('.chip').count()).toBe(0);
        expect(await page.locator('radiator-tile[data-tile="libs"] radiator-builds [data-part="all-green"]').textContent()).toMatch(/All green ✔\s*31 jobs passed/);

        const m = await measure(page);
        checkFloors(m, height);
        // every job fits on the big tile; the small one counts what it cannot show
        expect(m.shownJobs.wall).toBe(40);
        expect(m.more.wall).toBeNull();
        const brokenView = (await tileView(app.url, 'builds', 'broken')) as BuildsTileView;
        expect(m.more.broken).toBe(`+${brokenView.data.more + brokenView.data.jobs.length - m.shownJobs.broken!} more`);
        expect(await hasScrollbars(page)).toBe(false);
        await screenshot(page, `builds-board-${width}x${height}`);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  describe('the shipped Builds board (Jenkins and CCTray stand-ins)', () => {
    let demo: StartedServer;
    beforeAll(async () => {
      demo = await startShippedDemo();
    });
    afterAll(async () => {
      await demo?.close();
    });

    it('shows both feeds live, readable, with no console errors', async () => {
      const { page, errors, close } = await chromium.open(1920, 1080);
      try {
        await page.goto(`${demo.url}/boards/builds`);
        for (const id of ['jenkins', 'cctray', 'jenkins-broken']) {
          await expect.poll(async () => (await tileView(demo.url, 'builds', id)).stale, { timeout: 20_000 }).toBe(false);
        }
        const jenkins = page.locator('radiator-tile[data-tile="jenkins"] radiator-builds');
        await jenkins.locator('[data-job]').first().waitFor({ timeout: 15_000 });
        expect(await page.locator('radiator-tile[data-tile="cctray"] radiator-builds [data-job], radiator-tile[data-tile="cctray"] radiator-builds [data-part="all-green"]').count()).toBeGreaterThan(0);
        const m = await measure(page);
        expect(m.outside).toEqual([]);
        expect(m.overlaps).toEqual([]);
        expect(m.text.filter((t) => t.px < (TEXT_MIN_VH / 100) * 1080 - 0.05)).toEqual([]);
        expect(await hasScrollbars(page)).toBe(false);
        await screenshot(page, 'builds-demo-1920x1080');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });
});
