import type { Page } from 'playwright-core';

/** One stretch of line between gaps: a move and at least one segment, every coordinate a number. */
const STRETCH = /^M-?[\d.]+(e-?\d+)?,-?[\d.]+(e-?\d+)?(L-?[\d.]+(e-?\d+)?,-?[\d.]+(e-?\d+)?)+$/;

/** The points an SVG line path (as d3's `line()` writes it) passes through, over all its sub-paths. */
export function pointCount(d: string): number {
  return d.split(/(?=M)/).reduce((n, part) => n + part.split(/[ML]/).length - 1, 0);
}

/**
 * What is not yet drawn as it should be: a path with fewer than `points` points, or any of its
 * sub-paths (one per stretch between gaps) that is not a line: a lone point ("M916.65,850Z") is a
 * stretch between two gaps with nothing to draw. Empty when every line is complete.
 */
export function undrawn(paths: Record<string, readonly string[]>, points: number): string[] {
  const problems: string[] = [];
  for (const [name, ds] of Object.entries(paths)) {
    ds.forEach((d, i) => {
      const count = pointCount(d);
      if (count < points) problems.push(`${name}[${i}]: ${count} points`);
      for (const part of d.split(/(?=M)/)) if (!STRETCH.test(part)) problems.push(`${name}[${i}]: not a line: ${part.slice(0, 60)}`);
    });
  }
  return problems;
}

/** Every line drawn on the page's board, by tile id: sparklines and chart lines, from inside the shadow roots. */
export async function boardLines(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const board = document.querySelector('radiator-app')?.shadowRoot?.querySelector('radiator-board')?.shadowRoot;
    const out: Record<string, string[]> = {};
    for (const tile of board?.querySelectorAll('radiator-tile') ?? []) {
      const widget = [...tile.children].find((el) => el.shadowRoot)?.shadowRoot;
      const lines = [...(widget?.querySelectorAll('svg .line, svg .lines path') ?? [])];
      if (lines.length > 0) out[tile.getAttribute('data-tile')!] = lines.map((p) => p.getAttribute('d') ?? '');
    }
    return out;
  });
}

/** The fewest points any line on the board is drawn with; 0 when a line is empty, Infinity with no lines. */
export function fewestPoints(lines: Record<string, readonly string[]>): number {
  return Math.min(...Object.values(lines).flat().map(pointCount));
}
