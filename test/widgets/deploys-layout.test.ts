import { describe, expect, it } from 'vitest';
import { dropOrder, laneShape, MIN_LANE_WIDTH_IN_LINES } from '../../src/widgets/deploys-layout.js';

describe('deploys layout rules', () => {
  it('puts lanes side by side while each has MIN_LANE_WIDTH_IN_LINES text floors of width, else one row each', () => {
    const floor = 19;
    const lane = MIN_LANE_WIDTH_IN_LINES * floor;
    expect(laneShape(lane * 3, 3, floor)).toBe('columns');
    expect(laneShape(lane * 3 - 1, 3, floor)).toBe('rows');
    expect(laneShape(lane, 1, floor)).toBe('columns');
    // no lanes yet: judged as one
    expect(laneShape(lane, 0, floor)).toBe('columns');
    expect(laneShape(lane - 1, 0, floor)).toBe('rows');
  });

  it('drops the lowest data-fit rank first and, of equal ranks, the one lower on the tile', () => {
    // document order: what runs (4), version (3), a running card (5), two broken cards (6), recent rows (1)
    const ranks = [4, 3, 5, 6, 6, 1, 1, 1];
    expect(dropOrder(ranks)).toEqual([7, 6, 5, 1, 0, 2, 4, 3]);
    expect(dropOrder([])).toEqual([]);
  });
});
