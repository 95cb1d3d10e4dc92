import { describe, expect, it } from 'vitest';
import type { TrendSeries } from '../../src/shared/views/trend.js';
import type { RevisionTick } from '../../src/widgets/revision-ticks.js';
import { MAX_PANELS, MIN_PLOT_LINES, panelAxis, panelRoom, sameTicks, tickStyle } from '../../src/widgets/trend-layout.js';

function series(values: number[], high: number | null = null): TrendSeries {
  return {
    metric: 'p95', unit: 'ms', higherIsBetter: false, status: 'ok', current: values[values.length - 1] ?? null, detail: '',
    points: values.map((value, i) => ({ ordinal: i, value, verdict: 'ok', baseline: null, low: null, high })),
    layers: [],
  };
}

describe('trend layout', () => {
  it('keeps as many panels as have room for a label and a readable plot, at least one, at most MAX_PANELS', () => {
    const line = 20;
    const panel = line * (1 + MIN_PLOT_LINES);
    expect(panelRoom(30 + 3 * panel, 30, line)).toBe(3);
    expect(panelRoom(30 + 3 * panel - 1, 30, line)).toBe(2);
    expect(panelRoom(10, 30, line)).toBe(1);
    expect(panelRoom(10_000, 30, line)).toBe(MAX_PANELS);
  });

  it("labels a panel's y axis at its floor and at a round value under its top, placed from the plot's top", () => {
    // values up to 100: the domain runs from 0 to 110, the top label is 100
    const axis = panelAxis(series([40, 80, 100]));
    expect(axis.lo).toBe(0);
    expect(axis.top).toBe(100);
    expect(parseFloat(axis.topAt)).toBeCloseTo((1 - 100 / 110) * 100, 9);
    expect(axis.topAt.endsWith('%')).toBe(true);
    // a band above the values is brought into view
    expect(panelAxis(series([40, 80, 100], 300)).top).toBe(300);
  });

  it('places a revision label at its tick by its anchor, and knows an unchanged set of labels', () => {
    const a: RevisionTick[] = [
      { ordinal: 1, label: 'r1', at: 0.025, anchor: 'start' },
      { ordinal: 5, label: 'r5', at: 0.5, anchor: 'middle' },
      { ordinal: 9, label: 'r9', at: 0.975, anchor: 'end' },
    ];
    expect(a.map(tickStyle)).toEqual(['left:2.5%;transform:translateX(0)', 'left:50%;transform:translateX(-50%)', 'left:97.5%;transform:translateX(-100%)']);
    expect(sameTicks(a, a.map((t) => ({ ...t })))).toBe(true);
    expect(sameTicks(a, a.slice(1))).toBe(false);
    expect(sameTicks(a, a.map((t, i) => (i === 1 ? { ...t, at: 0.6 } : t)))).toBe(false);
    expect(sameTicks(a, a.map((t, i) => (i === 2 ? { ...t, anchor: 'middle' as const } : t)))).toBe(false);
  });
});
