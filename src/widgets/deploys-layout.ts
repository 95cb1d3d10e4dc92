/**
 * The deploys widget's layout rules that need no DOM: when lanes are too narrow for columns, and in
 * which order a lane's parts give way. deploys-fit.ts measures and applies them.
 */

/** Below this many text-floor heights of width per lane, lanes become one row each. */
export const MIN_LANE_WIDTH_IN_LINES = 6.5;

export type LaneShape = 'columns' | 'rows';

/** Lanes side by side in a tile `widthPx` wide, or one row each when a lane would be too narrow for its text. */
export function laneShape(widthPx: number, lanes: number, floorPx: number): LaneShape {
  return widthPx / Math.max(1, lanes) < MIN_LANE_WIDTH_IN_LINES * floorPx ? 'rows' : 'columns';
}

/**
 * The order in which a lane's optional parts go, given each part's `data-fit` rank in document order:
 * the lowest rank first; of equal ranks, the one lower on the tile first. Returns indices into `ranks`.
 */
export function dropOrder(ranks: readonly number[]): number[] {
  return ranks.map((rank, i) => ({ rank, i })).sort((a, b) => a.rank - b.rank || b.i - a.i).map(({ i }) => i);
}
