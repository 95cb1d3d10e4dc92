import { createServer as createNetServer } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKinds } from '../../src/server/built-in-kinds.js';
import { validateConfig } from '../../src/server/config/load-config.js';
import { storeSpecsOf } from '../../src/server/create-server.js';
import type { BuildJob } from '../../src/server/readings/builds.js';
import { InMemoryServerStore } from '../../src/server/store/in-memory-server-store.js';
import type { DeploysTileView } from '../../src/shared/tile-view.js';
import { TEXT_MIN_VH, VALUE_MIN_VH } from '../../src/widgets/theme.js';
import { chromiumAvailable, hasScrollbars, screenshot, useChromium } from '../helpers/browser.js';
import { startShippedDemo, startTestServer, tileView, waitFor, type StartedServer } from '../helpers/test-server.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A port nothing listens on: the Jenkins source's first poll fails, and the test records the jobs itself. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Three weeks of promotions: dev deploying M-4414 now; staging red (M-4412 failed on a health check);
 * prod stalled on M-4410, running M-4409 since two days ago. Each environment 2 manifests behind the one before.
 */
function promotionEvents(now: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const deployed = (env: string, manifest: string, at: number, extra: Record<string, unknown> = {}) => {
    const base = { kind: 'deploy', deploy: `${env}-${manifest}`, env, manifest, version: `2030.${manifest.slice(2)}`, by: 'deploy-bot', ticket: { id: `OPS-${manifest.slice(2)}${env.length}`, url: 'https://tickets.example.test/OPS' } };
    events.push({ ...base, status: 'started', at });
    events.push({ ...base, status: 'succeeded', at: at + 6 * MIN, ...extra });
  };
  ['M-4408', 'M-4409', 'M-4410', 'M-4411', 'M-4412', 'M-4413'].forEach((m, i) => deployed('dev', m, now - (6 - i) * DAY / 2));
  ['M-4408', 'M-4409', 'M-4410', 'M-4411'].forEach((m, i) => deployed('staging', m, now - (6 - i) * DAY / 2 + 2 * HOUR));
  deployed('prod', 'M-4408', now - 3 * DAY + 4 * HOUR);
  deployed('prod', 'M-4409', now - 2 * DAY);
  const run = (env: string, manifest: string) => ({ kind: 'deploy', deploy: `${env}-${manifest}`, env, manifest, version: `2030.${manifest.slice(2)}`, by: 'deploy-bot' });
  events.push({ ...run('dev', 'M-4414'), status: 'started', at: now - 3 * MIN, ticket: { id: 'OPS-4414' } });
  events.push({ ...run('dev', 'M-4414'), status: 'progress', progress: 0.6, at: now - MIN });
  events.push({ ...run('dev', 'M-4414'), status: 'progress', progress: 'migrate database', at: now - MIN });
  events.push({ ...run('staging', 'M-4412'), status: 'started', at: now - 30 * MIN });
  events.push({ ...run('staging', 'M-4412'), status: 'failed', message: 'health check failed on web2 (HTTP 503 from /healthz)', at: now - 20 * MIN });
  events.push({ ...run('prod', 'M-4410'), status: 'started', at: now - 40 * MIN, timeoutSeconds: 1800 });
  events.push({ ...run('prod', 'M-4410'), status: 'progress', progress: 'drain web1', at: now - 35 * MIN });
  return events;
}

/** Jenkins deploy jobs feeding a "qa" lane: one deploying now, one that failed. */
function ciJobs(now: number): BuildJob[] {
  const job = (key: string, status: BuildJob['status'], extra: Partial<BuildJob> = {}): BuildJob => ({
    key,
    name: key.split('/').pop()!,
    url: null,
    status,
    lastResult: status === 'building' || status === 'disabled' ? 'success' : status,
    number: '311',
    startedAt: now - 50 * MIN,
    finishedAt: status === 'building' ? null : now - 45 * MIN,
    durationMs: null,
    estimatedMs: 8 * MIN,
    culprits: [],
    changes: [],
    brokenSince: null,
    ...extra,
  });
  return [
    job('deploy/checkout-qa', 'building', { startedAt: now - 2 * MIN, number: '312' }),
    job('deploy/search-qa', 'failed', { number: '57' }),
    job('deploy/payments-qa', 'success', { number: '90' }),
    job('build/checkout', 'failed'),
  ];
}

interface Measured {
  text: { tile: string; what: string; px: number; text: string }[];
  outside: string[];
  overlaps: string[];
  shapes: Record<string, string | undefined>;
}

/** Font sizes and geometry of the deploys tiles, read from inside the shadow roots. */
function measure(page: Page, widget = 'radiator-deploys'): Promise<Measured> {
  return page.evaluate((widget) => {
    const board = document.querySelector('radiator-app')!.shadowRoot!.querySelector('radiator-board')!.shadowRoot!;
    const out: Measured = { text: [], outside: [], overlaps: [], shapes: {} };
    const visible = (el: Element) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.display === 'none' || style.visibility === 'hidden') return false;
      }
      return el.getClientRects().length > 0;
    };
    for (const tile of board.querySelectorAll<HTMLElement>('radiator-tile')) {
      const id = tile.dataset.tile!;
      const box = tile.getBoundingClientRect();
      const element = tile.querySelector<HTMLElement>(widget);
      if (!element) continue;
      out.shapes[id] = element.dataset.shape;
      const root = element.shadowRoot!;
      const texts = [...root.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
      for (const el of texts) {
        if (!visible(el)) continue;
        const what = el.matches('.now .manifest') && element.dataset.shape === 'columns' ? 'now' : 'text';
        out.text.push({ tile: id, what, px: parseFloat(getComputedStyle(el).fontSize), text: el.textContent!.trim().slice(0, 40) });
        const r = el.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.outside.push(`${id}: "${el.textContent!.trim().slice(0, 30)}"`);
      }
      // every part shown is shown whole: inside its lane (or the promotion line), and no two overlap
      for (const container of root.querySelectorAll<HTMLElement>('.lane, .promotion')) {
        const c = container.getBoundingClientRect();
        const parts = [...container.querySelectorAll<HTMLElement>('[data-fit], .head, .now .what')].filter(visible);
        for (const part of parts) {
          const r = part.getBoundingClientRect();
          if (r.bottom > c.bottom + 0.5 || r.right > c.right + 0.5 || r.left < c.left - 0.5) out.outside.push(`${id}: ${part.className} "${part.textContent!.trim().slice(0, 30)}" cut`);
        }
        const rects = parts.filter((p) => p.matches('[data-fit], .head')).map((p) => [p.textContent!.trim().slice(0, 20), p.getBoundingClientRect()] as const);
        for (let i = 0; i < rects.length; i++)
          for (let k = i + 1; k < rects.length; k++) {
            const [a, ra] = rects[i]!;
            const [b, rb] = rects[k]!;
            if (ra.left < rb.right - 0.5 && rb.left < ra.right - 0.5 && ra.top < rb.bottom - 0.5 && rb.top < ra.bottom - 0.5) out.overlaps.push(`${id}: ${a} / ${b}`);
          }
      }
      const lanes = [...root.querySelectorAll<HTMLElement>('.lane')].map((l) => l.getBoundingClientRect());
      for (let i = 0; i < lanes.length; i++)
        for (let k = i + 1; k < lanes.length; k++) {
          const a = lanes[i]!;
          const b = lanes[k]!;
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.overlaps.push(`${id}: lanes ${i} / ${k}`);
        }
    }
    return out;
  }, widget);
}

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!chromiumAvailable)('deploys widget in headless Chromium (needs chromium; skipped when absent)', () => {
  const chromium = useChromium();
  let app: StartedServer;
  let store: InMemoryServerStore;

  beforeAll(async () => {
    const path = { envs: ['dev', 'staging', 'prod'] };
    const qa = { ciJobs: [{ source: 'ci', job: 'deploy/*-qa', env: 'qa' }] };
    const raw = {
      sources: {
        deploys: { type: 'deploys' },
        ci: { type: 'jenkins', schedule: '0 0 0 1 1 *', timeoutMs: 2000, url: `http://127.0.0.1:${await closedPort()}/` },
      },
      boards: {
        deploys: {
          title: 'Deploys',
          columns: 6,
          rows: 4,
          tiles: [
            { id: 'wall', title: 'Promotions', widget: 'deploys', source: 'deploys', x: 0, y: 0, w: 4, h: 3, options: path },
            { id: 'small', title: 'Deploys 2×2', widget: 'deploys', source: 'deploys', x: 4, y: 0, w: 2, h: 2, options: path },
            { id: 'wide', title: 'Staging and prod', widget: 'deploys', source: 'deploys', x: 4, y: 2, w: 2, h: 1, options: { envs: ['staging', 'prod'] } },
            { id: 'strip', title: 'All lanes with QA from Jenkins', widget: 'deploys', source: 'deploys', x: 0, y: 3, w: 4, h: 1, options: { envs: ['dev', 'qa', 'staging', 'prod'], ...qa } },
            { id: 'tiny', title: 'Deploys', widget: 'deploys', source: 'deploys', x: 4, y: 3, w: 1, h: 1, options: path },
            { id: 'tiny-qa', title: 'QA', widget: 'deploys', source: 'deploys', x: 5, y: 3, w: 1, h: 1, options: { envs: ['qa'], ...qa } },
          ],
        },
      },
    };
    store = new InMemoryServerStore(storeSpecsOf(validateConfig(raw, 'deploys-test.json', builtInKinds)), Date.now);
    app = await startTestServer(raw, { store });
    await waitFor(() => store.health('ci', Date.now()).state === 'error', 'the first poll of ci to fail');
    store.recordSuccess('ci', { type: 'builds', at: Date.now(), jobs: ciJobs(Date.now()) });
    for (const event of promotionEvents(Date.now())) {
      const outcome = await app.server.pushes.receive('deploys', event);
      if (!outcome.ok) throw new Error(`${outcome.message}: ${JSON.stringify(outcome.problems)}`);
    }
    await waitFor(async () => (await tileView(app.url, 'deploys', 'wall')).status === 'critical', 'the wall tile to turn critical');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the view: staging red, prod stalled, dev deploying, each two manifests behind the one before', async () => {
    const wall = (await tileView(app.url, 'deploys', 'wall')) as DeploysTileView;
    expect(wall.data.lanes.map((l) => [l.env, l.status, l.word, l.current[0]?.what])).toEqual([
      ['dev', 'ok', 'DEPLOYING', 'M-4413'],
      ['staging', 'critical', 'FAILED', 'M-4411'],
      ['prod', 'warning', 'STALLED', 'M-4409'],
    ]);
    expect(wall.data.promotion.map((s) => [s.env, s.behind, s.waiting])).toEqual([
      ['staging', 2, ['M-4412', 'M-4413']],
      ['prod', 2, ['M-4410', 'M-4411']],
    ]);
    expect(wall.data.headline).toBe('failed');
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`shows the lanes readable from 5 m, nothing clipped or overlapping, at 1×1 to 4×3, at ${width}×${height}`, async () => {
      const { page, errors, close } = await chromium.open(width, height);
      try {
        await page.goto(`${app.url}/boards/deploys`);
        const wall = page.locator('radiator-tile[data-tile="wall"] radiator-deploys');
        await wall.locator('.lane').first().waitFor({ timeout: 15_000 });
        expect((await wall.locator('.lane .head').allTextContents()).map(squash)).toEqual(['dev ▶ DEPLOYING', 'staging ✖ FAILED', 'prod ▲ STALLED']);
        const staging = wall.locator('.lane[data-env="staging"]');
        expect(squash(await staging.locator('.now').textContent())).toMatch(/^M-4411 since \S+ · deploy-bot 2030\.4411 · OPS-44117$/);
        expect(squash(await staging.locator('[data-outcome="failed"]').first().textContent())).toMatch(/^✖ FAILED M-4412 20 min ago health check failed on web2/);
        const dev = wall.locator('.lane[data-env="dev"] [data-outcome="running"]');
        expect(squash(await dev.textContent())).toMatch(/^▶ DEPLOYING M-4414 60% · migrate database · 2030\.4414 (3 min|1\d\d s)$/);
        expect(squash(await wall.locator('.lane[data-env="prod"] [data-outcome="stalled"]').textContent())).toMatch(/^▲ STALLED M-4410 drain web1 · 2030\.4410 40 min$/);
        expect((await wall.locator('.promotion .step').allTextContents()).map(squash)).toEqual([
          expect.stringMatching(/^◀ staging 2 manifests behind dev · M-4411 since \S+$/),
          expect.stringMatching(/^◀ prod 2 manifests behind staging · M-4409 since \S+$/),
        ]);
        // the CI deploy jobs' lane, between dev and staging
        const qa = page.locator('radiator-tile[data-tile="strip"] radiator-deploys .lane[data-env="qa"]');
        expect(squash(await qa.locator('.head').textContent())).toBe('qa ✖ FAILED');

        await expect.poll(async () => (await measure(page)).shapes).toEqual({ wall: 'columns', small: 'columns', wide: 'columns', strip: 'columns', tiny: 'rows', 'tiny-qa': 'columns' });
        const m = await measure(page);
        const textMin = (TEXT_MIN_VH / 100) * height - 0.05;
        const valueMin = (VALUE_MIN_VH / 100) * height - 0.05;
        expect(m.text.filter((t) => t.px < (t.what === 'now' ? valueMin : textMin)), `text under ${textMin.toFixed(1)} px (what runs now ${valueMin.toFixed(1)} px)`).toEqual([]);
        expect(m.outside).toEqual([]);
        expect(m.overlaps).toEqual([]);
        // on the smallest tile each lane is one row saying its state in full
        expect((await page.locator('radiator-tile[data-tile="tiny"] radiator-deploys .lane .head').allTextContents()).map(squash)).toEqual(['dev ▶ DEPLOYING', 'staging ✖ FAILED', 'prod ▲ STALLED']);
        expect(await hasScrollbars(page)).toBe(false);
        await screenshot(page, `deploys-board-${width}x${height}`);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  describe('the shipped Deploys board (the demo deploy tool posting through the events API)', () => {
    let demo: StartedServer;
    beforeAll(async () => {
      demo = await startShippedDemo();
    });
    afterAll(async () => {
      await demo?.close();
    });

    it('shows the promotions moving, readable, with no console errors', async () => {
      const { page, errors, close } = await chromium.open(1920, 1080);
      try {
        await page.goto(`${demo.url}/boards/deploys`);
        // the tool's first post (its history) comes on its first tick, a few seconds after the start
        const view = await waitFor(async () => {
          const v = (await tileView(demo.url, 'deploys', 'promotion')) as DeploysTileView;
          return v.data.lanes.filter((l) => l.current.length > 0).length >= 3 ? v : null;
        }, 'the demo deploy tool\'s history on the promotion tile', 30_000);
        expect(view.data.lanes.map((l) => l.env)).toEqual(['dev', 'qa', 'staging', 'prod']);
        expect(view.data.promotion.map((s) => [s.env, s.from])).toEqual([['staging', 'dev'], ['prod', 'staging']]);
        await page.locator('radiator-tile[data-tile="promotion"] radiator-deploys .lane[data-env="prod"] .now').waitFor({ timeout: 15_000 });
        await expect.poll(async () => (await tileView(demo.url, 'deploys', 'checkout')).stale, { timeout: 20_000 }).toBe(false);
        const m = await measure(page, 'radiator-deploys');
        expect(m.outside).toEqual([]);
        expect(m.overlaps).toEqual([]);
        expect(m.text.filter((t) => t.px < (TEXT_MIN_VH / 100) * 1080 - 0.05)).toEqual([]);
        expect(await hasScrollbars(page)).toBe(false);
        await screenshot(page, 'deploys-demo-1920x1080');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });
});
