import { describe, expect, it } from 'vitest';
import { DEFAULT_OCCURRENCE_TABLE, observedOccurrence } from '../../../src/server/fmea/occurrence-table.js';

describe('observed occurrence', () => {
  it('maps occurrences per 30 days onto 1–10 by the default table, each step doubling', () => {
    const rated = (count: number) => observedOccurrence(count, DEFAULT_OCCURRENCE_TABLE);
    expect([0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 32, 33, 64, 65, 128, 129, 10_000].map(rated)).toEqual([1, 2, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10]);
  });

  it('follows a table of the document\'s own', () => {
    const coarse = { windowDays: 7, episodesFrom: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18] };
    expect([0, 1, 2, 3, 17, 18].map((count) => observedOccurrence(count, coarse))).toEqual([1, 1, 2, 2, 9, 10]);
  });
});
