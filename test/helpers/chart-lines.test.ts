import { describe, expect, it } from 'vitest';
import { fewestPoints, pointCount, undrawn } from './chart-lines.js';

describe('reading drawn lines', () => {
  it('counts the points of a path over all its stretches', () => {
    expect(pointCount('')).toBe(0);
    expect(pointCount('M1,2L3,4L5,6')).toBe(3);
    expect(pointCount('M1,2L3,4M5,6L7,8')).toBe(4);
    expect(fewestPoints({ a: ['M1,2L3,4'], b: ['M1,2L3,4L5,6', 'M0,0L1,1'] })).toBe(2);
  });

  it('finds every stretch that is not a line, not only the first', () => {
    // the flaky chart: a lone point, then the line
    expect(undrawn({ graph: ['M916.65,850ZM941.65,800L950,700'] }, 2)).toEqual(['graph[0]: not a line: M916.65,850Z']);
    expect(undrawn({ graph: ['M1,2L3,4M5,6Z'] }, 2)).toEqual(['graph[0]: not a line: M5,6Z']);
    expect(undrawn({ graph: ['M1,2L3,4M5,6L7,8'], spark: ['M0,1e-7L2,3'] }, 2)).toEqual([]);
    expect(undrawn({ spark: ['M0,0L1,1', ''] }, 2)).toEqual(['spark[1]: 0 points', 'spark[1]: not a line: ']);
  });
});
