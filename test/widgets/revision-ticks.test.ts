import { describe, expect, it } from 'vitest';
import { EDGE, revisionPosition, revisionTicks } from '../../src/widgets/revision-ticks.js';

const revisions = (n: number, name = (i: number) => `r${i + 1}`) => Array.from({ length: n }, (_, i) => ({ ordinal: 100 + i, revision: name(i) }));
// 10 px a character, 10 px apart
const px = (label: string) => label.length * 10;

describe('revision labels on the x axis', () => {
  it('labels every revision when all fit, anchored inside the axis at its ends', () => {
    const ticks = revisionTicks(revisions(5), 300, px, 10);
    expect(ticks.map((t) => [t.label, t.anchor])).toEqual([['r1', 'start'], ['r2', 'middle'], ['r3', 'middle'], ['r4', 'middle'], ['r5', 'end']]);
    expect(ticks[0]!.at).toBe(EDGE);
    expect(ticks[4]!.at).toBe(1 - EDGE);
  });

  it('keeps the first bad revision, the latest and the first, then spreads the rest, none touching', () => {
    const many = revisions(40, (i) => `${(0xabc0000 + i).toString(16)}`);
    const ticks = revisionTicks(many, 600, px, 10, [117]);
    const labels = ticks.map((t) => t.ordinal);
    expect(labels).toContain(117);
    expect(labels).toContain(139);
    expect(labels).toContain(100);
    const boxes = ticks.map((t) => {
      const width = px(t.label);
      const left = t.anchor === 'start' ? 0 : t.anchor === 'end' ? 600 - width : t.at * 600 - width / 2;
      return [left, left + width] as const;
    });
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0]).toBeGreaterThanOrEqual(boxes[i - 1]![1] + 10);
    expect(boxes.every(([left, right]) => left >= 0 && right <= 600)).toBe(true);
    expect(ticks.length).toBeGreaterThan(3);
  });

  it('cuts a long revision to 10 characters, and gives up on an axis narrower than one label', () => {
    expect(revisionTicks([{ ordinal: 1, revision: '3f2a9c1e5b7d90a1c2e3' }], 500, px, 10)).toEqual([{ ordinal: 1, label: '3f2a9c1e5b', at: 0.5, anchor: 'middle' }]);
    expect(revisionTicks(revisions(3), 15, px, 10)).toEqual([]);
    expect(revisionPosition(5, 5, 5)).toBe(0.5);
  });
});
