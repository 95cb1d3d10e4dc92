/**
 * Line colours for multi-series charts: the Okabe–Ito palette, told apart by colour-blind viewers,
 * brightened where needed for a dark wall. Status colours (green/amber/red) are left to status.
 */
export const SERIES_COLOURS = ['#56b4e9', '#e69f00', '#cc79a7', '#f0e442', '#3d9bff', '#ff7a3d', '#b0b8c1', '#00c49a'] as const;

/** The colour of the i-th series; a series keeps its colour as long as its position does. */
export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}
