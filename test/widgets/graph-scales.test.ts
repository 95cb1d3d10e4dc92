import { describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/shared/views/graph.js';
import { graphScales, thin } from '../../src/widgets/graph-scales.js';

const TO = Date.UTC(2026, 10, 25, 12);
const data: GraphData = {
  windowMs: 3_600_000,
  to: TO,
  base: 1000,
  bucketMs: 15_000,
  aggregate: 'avg',
  stacked: false,
  yMin: null,
  yMax: null,
  unit: 'load',
  deployMarks: [],
  series: [
    {
      key: 'web1/load/load', label: 'web1 load', group: null, unit: 'load', current: 0.8, status: 'ok', detail: null,
      warning: { min: null, max: 4 }, critical: { min: null, max: 8 },
      points: [[TO - 60_000, 0.2], [TO, 3.1]],
    },
  ],
};

describe('graph scales', () => {
  it('gives as many tick labels as the plot has room for, never more', () => {
    const roomy = graphScales(data);
    expect(roomy.xTicks.length).toBeGreaterThanOrEqual(4);
    expect(roomy.yTicks.length).toBeGreaterThanOrEqual(4);
    const small = graphScales(data, { x: 2, y: 3 });
    expect(small.xTicks.length).toBeLessThanOrEqual(2);
    expect(small.yTicks.length).toBeLessThanOrEqual(3);
    expect(small.yTicks[0]).toBe(0);
  });

  it('thins ticks by keeping every k-th', () => {
    expect(thin([0, 1, 2, 3, 4, 5], 3)).toEqual([0, 2, 4]);
    expect(thin([0, 1, 2, 3, 4, 5], 2)).toEqual([0, 3]);
    expect(thin([0, 1], 5)).toEqual([0, 1]);
  });

  it('brings a limit within 1.6× of the data into view, not a farther one', () => {
    // 3.1 against a warning of 4: in view
    expect(graphScales(data).y.domain()[1]).toBeGreaterThanOrEqual(4);
    const low = { ...data, series: [{ ...data.series[0]!, points: [[TO, 1]] as [number, number][] }] };
    expect(graphScales(low).y.domain()[1]).toBeLessThan(4);
  });
});
