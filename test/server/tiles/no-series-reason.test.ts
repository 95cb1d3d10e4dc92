import { describe, expect, it } from 'vitest';
import { noSeriesReason } from '../../../src/server/tiles/no-series-reason.js';

describe('noSeriesReason', () => {
  it('says the source sent nothing rather than listing an empty pattern list', () => {
    expect(noSeriesReason(undefined, 0)).toBe('the source reported no series');
    expect(noSeriesReason(['*/load/load'], 0)).toBe('the source reported no series');
  });
  it('names the patterns that matched nothing, and how many series there were', () => {
    expect(noSeriesReason(['web*/cpu/*', 'db/load/load'], 12)).toBe('no series matches web*/cpu/*, db/load/load (12 series reported)');
    expect(noSeriesReason('checkout', 3)).toBe('no series matches checkout (3 series reported)');
    expect(noSeriesReason([], 3)).toBe('no series to show (3 series reported)');
  });
});
