/** A revision label on the x axis: where its tick is (0–1 of the plot's width) and how its label is anchored. */
export interface RevisionTick {
  ordinal: number;
  label: string;
  /** The tick's place, 0 (left edge of the plot) to 1 (right edge). */
  at: number;
  /** The label is centred on its tick, except at the edges, where it would stick out of the plot. */
  anchor: 'start' | 'middle' | 'end';
}

/** Where revision `ordinal` sits across the plot: the first and last are inset so their dots are whole. */
export function revisionPosition(ordinal: number, first: number, last: number): number {
  if (last <= first) return 0.5;
  return EDGE + ((ordinal - first) / (last - first)) * (1 - 2 * EDGE);
}

/** Room left at either end of the revision axis, as a share of the plot's width. */
export const EDGE = 0.025;

/** Revision labels longer than this are cut: a full commit hash says no more across a room than its first 10 characters. */
export const MAX_LABEL_CHARS = 10;

/**
 * Which revisions get a label when not all fit: the ones that matter first (`keep`: the first bad
 * revision), then the latest and the first, then the others spread evenly (halving the gaps), each
 * only if its label stays clear of every label already placed by `gapPx`. `labelPx` says how wide a
 * label is. Pure, so the wall's x axis never shows two labels on top of each other.
 */
export function revisionTicks(
  revisions: readonly { ordinal: number; revision: string }[],
  widthPx: number,
  labelPx: (label: string) => number,
  gapPx: number,
  keep: readonly number[] = [],
): RevisionTick[] {
  if (revisions.length === 0 || widthPx <= 0) return [];
  const first = revisions[0]!.ordinal;
  const last = revisions[revisions.length - 1]!.ordinal;
  const byOrdinal = new Map(revisions.map((r) => [r.ordinal, r]));
  const placed: { tick: RevisionTick; left: number; right: number }[] = [];

  const tryPlace = (ordinal: number) => {
    const revision = byOrdinal.get(ordinal);
    if (!revision || placed.some((p) => p.tick.ordinal === ordinal)) return;
    const label = shortLabel(revision.revision);
    const at = revisionPosition(ordinal, first, last);
    const width = labelPx(label);
    if (width > widthPx) return; // wider than the whole axis
    const centre = at * widthPx;
    const anchor: RevisionTick['anchor'] = centre - width / 2 < 0 ? 'start' : centre + width / 2 > widthPx ? 'end' : 'middle';
    const left = anchor === 'start' ? 0 : anchor === 'end' ? widthPx - width : centre - width / 2;
    const right = left + width;
    if (placed.some((p) => left < p.right + gapPx && p.left < right + gapPx)) return;
    placed.push({ tick: { ordinal, label, at, anchor }, left, right });
  };

  for (const ordinal of keep) tryPlace(ordinal);
  tryPlace(last);
  tryPlace(first);
  for (const index of spreadOrder(revisions.length)) tryPlace(revisions[index]!.ordinal);
  return placed.map((p) => p.tick).sort((a, b) => a.ordinal - b.ordinal);
}

export function shortLabel(revision: string): string {
  return revision.length > MAX_LABEL_CHARS ? revision.slice(0, MAX_LABEL_CHARS) : revision;
}

/** Indexes 0…n−1 in the order that spreads them evenly: the middle, then the quarters, then the eighths, … */
function spreadOrder(n: number): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  for (let parts = 2; parts < 2 * n; parts *= 2) {
    for (let k = 1; k < parts; k += 2) {
      const index = Math.round((k * (n - 1)) / parts);
      if (!seen.has(index)) {
        seen.add(index);
        order.push(index);
      }
    }
  }
  for (let i = 0; i < n; i++) if (!seen.has(i)) order.push(i);
  return order;
}
