/**
 * The risk widget's layout rules that need no DOM: how large one-line rows are, when full cards give
 * way to one line per mode, when a one-line row's name is too narrow for its S, O and D. risk-fit.ts
 * measures and applies them.
 */

/** In auto mode, full cards give way to one line per mode when fewer than this many (or all) fit. */
export const FULL_CARDS_WANTED = 3;
/** A name narrower than this many text-floor heights on a one-line row is a stub: S, O and D make room. */
export const NAME_MIN_IN_FLOORS = 7;

/** The one-line rows' font: they share about three fifths of the tile's height, as if there were at least three. */
export function riskRowFont(modes: number): string {
  const rows = Math.max(3, modes);
  return `clamp(var(--text-min), min(${(62 / rows).toFixed(2)}cqh, 4.6cqw), 6vh)`;
}

/**
 * Full cards are worth their room when at least FULL_CARDS_WANTED of them fit, or all the modes there
 * are: `shown` of `modes` fit as full cards.
 */
export function fullCardsFit(shown: number, modes: number): boolean {
  return shown >= Math.min(modes, FULL_CARDS_WANTED);
}

/** A one-line row's head (rank and name) `headPx` wide, with a text floor of `floorPx`: its name would be a stub. */
export function nameTooNarrow(headPx: number, floorPx: number): boolean {
  // the rank takes about two floors of the head
  return headPx < (NAME_MIN_IN_FLOORS + 2) * floorPx;
}
