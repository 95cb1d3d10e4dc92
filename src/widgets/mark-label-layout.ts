/** A label to place: its mark's line at `x` (px from the plot's left), `width` px wide. */
export interface MarkLabelBox {
  key: string;
  x: number;
  width: number;
}

/** Room taken in one lane already, e.g. by the chart's own text (px from the plot's left). */
export interface TakenSpan {
  lane: number;
  from: number;
  to: number;
}

export interface LabelRoom {
  /** The plot's width in px: no label may stick out of it. */
  width: number;
  /** Rows of labels at the top of the plot (0: lines only). */
  lanes: number;
  /** Least room between two labels of one lane, px. */
  gap: number;
  taken?: readonly TakenSpan[];
}

/** Where a label goes: its lane, its left edge (px), and whether it hangs left of its line (near the right edge). */
export interface PlacedLabel {
  lane: number;
  left: number;
  flipped: boolean;
}

/**
 * Places labels, most important first, each right of its line (or left of it, where the right side
 * has no room), in the top lane where it touches no other label nor taken span; a label that fits
 * nowhere is left out (its line stays). So labels never overlap, whatever the deploys' spacing.
 */
export function placeMarkLabels(labels: readonly MarkLabelBox[], room: LabelRoom): Map<string, PlacedLabel> {
  const lanes: { from: number; to: number }[][] = Array.from({ length: Math.max(0, room.lanes) }, () => []);
  for (const span of room.taken ?? []) lanes[span.lane]?.push({ from: span.from, to: span.to });
  const placed = new Map<string, PlacedLabel>();
  for (const label of labels) {
    if (label.width > room.width) continue;
    const sides = [
      { left: label.x, flipped: false },
      { left: label.x - label.width, flipped: true },
    ].filter((side) => side.left >= 0 && side.left + label.width <= room.width);
    const spot = lanes
      .flatMap((spans, lane) => sides.map((side) => ({ ...side, lane, spans })))
      .find(({ left, spans }) => spans.every((s) => left + label.width + room.gap <= s.from || left >= s.to + room.gap));
    if (!spot) continue;
    spot.spans.push({ from: spot.left, to: spot.left + label.width });
    placed.set(label.key, { lane: spot.lane, left: spot.left, flipped: spot.flipped });
  }
  return placed;
}
