import { describe, expect, it } from 'vitest';
import { placeMarkLabels, type MarkLabelBox, type PlacedLabel } from '../../src/widgets/mark-label-layout.js';

const box = (key: string, x: number, width = 100): MarkLabelBox => ({ key, x, width });

/** Every pair of placed labels in one lane keeps `gap` apart; none leaves [0, width]. */
function overlaps(labels: readonly MarkLabelBox[], placed: Map<string, PlacedLabel>, width: number, gap: number): string[] {
  const spans = labels.flatMap((l) => {
    const p = placed.get(l.key);
    return p ? [{ key: l.key, lane: p.lane, from: p.left, to: p.left + l.width }] : [];
  });
  const out = spans.filter((s) => s.from < 0 || s.to > width).map((s) => `${s.key} outside`);
  for (const a of spans) for (const b of spans) if (a.key < b.key && a.lane === b.lane && a.from < b.to + gap && b.from < a.to + gap) out.push(`${a.key}/${b.key}`);
  return out;
}

describe('deploy label layout', () => {
  it('puts a label right of its line, or left of it near the right edge', () => {
    const placed = placeMarkLabels([box('a', 100), box('b', 950)], { width: 1000, lanes: 1, gap: 10 });
    expect(placed.get('a')).toEqual({ lane: 0, left: 100, flipped: false });
    expect(placed.get('b')).toEqual({ lane: 0, left: 850, flipped: true });
  });

  it('staggers labels that would touch into the next lane, and leaves out what fits in none, most important kept', () => {
    const labels = [box('newest', 500), box('older', 450), box('oldest', 480)];
    const placed = placeMarkLabels(labels, { width: 1000, lanes: 2, gap: 10 });
    expect(placed.get('newest')).toEqual({ lane: 0, left: 500, flipped: false });
    // right of its line would run into "newest"; left of it is free
    expect(placed.get('older')).toEqual({ lane: 0, left: 350, flipped: true });
    expect(placed.get('oldest')).toEqual({ lane: 1, left: 480, flipped: false });
    expect(placeMarkLabels(labels, { width: 1000, lanes: 1, gap: 10 }).has('oldest')).toBe(false);
    expect(placeMarkLabels(labels, { width: 1000, lanes: 0, gap: 10 }).size).toBe(0);
  });

  it('keeps off room the chart\'s own text takes', () => {
    const placed = placeMarkLabels([box('a', 800)], { width: 1000, lanes: 2, gap: 10, taken: [{ lane: 0, from: 600, to: 1000 }] });
    expect(placed.get('a')).toEqual({ lane: 1, left: 800, flipped: false });
  });

  it('never overlaps, however the deploys crowd', () => {
    const labels = Array.from({ length: 20 }, (_, i) => box(`d${String(i).padStart(2, '0')}`, (i * 37) % 400, 60 + ((i * 13) % 90)));
    for (const lanes of [1, 2, 3]) {
      const placed = placeMarkLabels(labels, { width: 400, lanes, gap: 8 });
      expect(placed.size).toBeGreaterThan(lanes);
      expect(overlaps(labels, placed, 400, 8)).toEqual([]);
    }
  });

  it('leaves out a label wider than the plot', () => {
    expect(placeMarkLabels([box('wide', 10, 300)], { width: 200, lanes: 2, gap: 8 }).size).toBe(0);
  });
});
