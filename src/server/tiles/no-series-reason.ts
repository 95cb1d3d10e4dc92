/**
 * Why a tile that shows series has none, in words for the wall: the source sent nothing at all, or
 * nothing the tile's `series` patterns select (then it says how many there were to pick from).
 */
export function noSeriesReason(patterns: readonly string[] | string | undefined, reported: number): string {
  if (reported === 0) return 'the source reported no series';
  const wanted = typeof patterns === 'string' ? [patterns] : (patterns ?? []);
  const of = `${reported} series reported`;
  return wanted.length ? `no series matches ${wanted.join(', ')} (${of})` : `no series to show (${of})`;
}
