import { describe, expect, it } from 'vitest';
import { rankByRisk, type Rankable } from '../../../src/server/fmea/ranking.js';

const mode = (key: string, severity: number, assessed: number, live = assessed, active: object | null = null): Rankable => ({ key, severity, rpn: { assessed, live }, active });

describe('ranking by risk', () => {
  it('orders by live RPN, highest first, keeping the assessed place beside it', () => {
    const ranked = rankByRisk([mode('a', 4, 72), mode('b', 7, 21, 35), mode('c', 8, 112), mode('d', 10, 120)]);
    expect(ranked.map((m) => [m.key, m.rank, m.assessedRank])).toEqual([
      ['d', 1, 1],
      ['c', 2, 2],
      ['a', 3, 3],
      ['b', 4, 4],
    ]);
    const moved = rankByRisk([mode('a', 4, 72), mode('b', 7, 21, 140), mode('c', 8, 112)]);
    expect(moved.map((m) => [m.key, m.rank, m.assessedRank])).toEqual([
      ['b', 1, 3],
      ['c', 2, 1],
      ['a', 3, 2],
    ]);
  });

  it('puts modes happening now at the top, whatever their RPN', () => {
    const ranked = rankByRisk([mode('big', 10, 500), mode('now', 2, 8, 8, { since: 1 }), mode('mid', 5, 100)]);
    expect(ranked.map((m) => m.key)).toEqual(['now', 'big', 'mid']);
  });

  it('breaks ties by severity, then assessed RPN, then key, whatever the input order', () => {
    const tied = [mode('z', 4, 120, 120), mode('y', 10, 100, 120), mode('x', 10, 120, 120), mode('w', 10, 120, 120)];
    const expected = ['w', 'x', 'y', 'z'];
    expect(rankByRisk(tied).map((m) => m.key)).toEqual(expected);
    expect(rankByRisk([...tied].reverse()).map((m) => m.key)).toEqual(expected);
  });
});
