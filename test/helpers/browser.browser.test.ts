import { describe, expect, it } from 'vitest';
import { chromiumAvailable, hasScrollbars, useChromium } from './browser.js';

describe.skipIf(!chromiumAvailable)('hasScrollbars (needs Chromium; skipped when absent)', () => {
  const chromium = useChromium();

  it('finds a scrollable element inside a shadow root, and nothing on a page that fits', async () => {
    const { page, close } = await chromium.open(800, 600);
    try {
      await page.setContent('<div id="host"></div>');
      expect(await hasScrollbars(page)).toBe(false);
      await page.evaluate(() => {
        const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
        root.innerHTML = '<div style="height:100px;overflow:auto"><div style="height:400px"></div></div>';
      });
      expect(await hasScrollbars(page)).toBe(true);
    } finally {
      await close();
    }
  });
});
