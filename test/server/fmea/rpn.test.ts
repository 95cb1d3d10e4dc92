import { describe, expect, it } from 'vitest';
import { rpn } from '../../../src/server/fmea/rpn.js';

describe('RPN', () => {
  it('is severity × occurrence × detection: the example FMEA\'s four modes', () => {
    expect(rpn(8, 2, 7)).toBe(112);
    expect(rpn(4, 6, 3)).toBe(72);
    expect(rpn(7, 3, 1)).toBe(21);
    expect(rpn(10, 2, 6)).toBe(120);
    expect([rpn(1, 1, 1), rpn(10, 10, 10)]).toEqual([1, 1000]);
  });

  it('refuses ratings that are not whole numbers from 1 to 10', () => {
    expect(() => rpn(11, 2, 7)).toThrow('severity must be a whole number from 1 to 10, got 11');
    expect(() => rpn(8, 0, 7)).toThrow(/occurrence .* got 0/);
    expect(() => rpn(8, 2, 6.5)).toThrow(/detection .* got 6.5/);
  });
});
