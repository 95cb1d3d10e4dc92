import { afterAll, beforeAll } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { upstreamsRequired } from './upstreams.js';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);
/**
 * Run the browser tests (`describe.skipIf(!chromiumAvailable)`): Chromium is installed, or it is
 * required (RADIATOR_REQUIRE_UPSTREAMS=1, as in CI), in which case launching fails saying it is missing.
 */
export const chromiumAvailable = chromiumInstalled || upstreamsRequired;
export const RESULTS_DIR = 'test-results';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled) {
    throw new Error(`Chromium is required (RADIATOR_REQUIRE_UPSTREAMS=1) but ${CHROMIUM} is missing — apt-get install chromium (.ci/run does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** A page of the given size that records console errors and uncaught exceptions. */
export async function openPage(browser: Browser, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Does anything show a scrollbar? The document, and every scrollable element, shadow roots included. */
export async function hasScrollbars(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const doc = document.scrollingElement!;
    if (doc.scrollHeight > doc.clientHeight + 1 || doc.scrollWidth > doc.clientWidth + 1) return true;
    const scrolls = (el: Element) => {
      const style = getComputedStyle(el);
      const canScroll = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
      return (
        (canScroll(style.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
        (canScroll(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      );
    };
    const walk = (root: Document | ShadowRoot): boolean =>
      [...root.querySelectorAll('*')].some((el) => scrolls(el) || (el.shadowRoot !== null && walk(el.shadowRoot)));
    return walk(document);
  });
}

/** One Chromium for the enclosing describe block: launched before its tests, closed after. */
export function useChromium() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return { open: (width: number, height: number) => openPage(browser!, width, height) };
}
