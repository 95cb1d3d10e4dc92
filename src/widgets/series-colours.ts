/**
 * Line colours for multi-series charts on the dark wall, twelve of them, all at least 4.5:1 against
 * the tile background. The first six are the Okabe–Ito hues (sky blue, orange, reddish purple,
 * yellow, bluish green) plus white, which stay apart for protan and deutan viewers too; most charts
 * have no more. The next six (lilac, vermillion, lime, royal blue, peach, olive) are told apart by
 * hue and lightness. Pure green, amber and red are left to status.
 */
export const SERIES_COLOURS = [
  '#56b4e9',
  '#e69f00',
  '#d17ab0',
  '#f0e442',
  '#00c49a',
  '#e6edf3',
  '#c7a0ff',
  '#ff7a3d',
  '#9be05a',
  '#4c7dff',
  '#ffd0a0',
  '#8a9a5b',
] as const;

/**
 * Line patterns: after every colour has been used once, the next round of series is dashed, then
 * dotted, so no two series of one chart look alike (a graph shows at most 24). The CSS for each is
 * in graph.ts (`.line.dash`, `.swatch.dash`, …).
 */
const SERIES_DASHES = ['solid', 'dash', 'dot'] as const;
type SeriesDash = (typeof SERIES_DASHES)[number];

interface SeriesStyle {
  colour: string;
  dash: SeriesDash;
}

/** The look of the i-th series; a series keeps it as long as its position does. */
export function seriesStyle(index: number): SeriesStyle {
  const n = SERIES_COLOURS.length;
  return {
    colour: SERIES_COLOURS[index % n]!,
    dash: SERIES_DASHES[Math.floor(index / n) % SERIES_DASHES.length]!,
  };
}
