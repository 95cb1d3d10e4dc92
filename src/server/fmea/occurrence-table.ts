import { z } from 'zod';

/**
 * How many occurrences of a failure mode in a window map onto FMEA's 1–10 occurrence scale:
 * `episodesFrom[r - 1]` is the least number of occurrences in `windowDays` rated `r`.
 */
export interface OccurrenceTable {
  windowDays: number;
  /** Ten whole numbers, the first 0, strictly rising. */
  episodesFrom: readonly number[];
}

/**
 * The default, per 30 days: none → 1, one → 2, two → 3, 3–4 → 4, 5–8 → 5, 9–16 → 6, 17–32 → 7 (about
 * daily), 33–64 → 8, 65–128 → 9, 129 or more (several a day) → 10. Each step up doubles the count,
 * so a mode rated one higher happens about twice as often. Documented in docs/fmea.md.
 */
export const DEFAULT_OCCURRENCE_TABLE: OccurrenceTable = {
  windowDays: 30,
  episodesFrom: [0, 1, 2, 3, 5, 9, 17, 33, 65, 129],
};

export const occurrenceTableSchema = z
  .object({
    windowDays: z.number().int('expected a whole number of days').min(1).max(365).default(30).describe('The window occurrences are counted in, in days'),
    episodesFrom: z
      .array(z.number().int('expected a whole number of occurrences').min(0))
      .length(10, 'expected ten numbers: the least occurrences in the window rated 1, 2, … 10')
      .superRefine((from, ctx) => {
        if (from[0] !== 0) ctx.addIssue({ code: 'custom', path: [0], message: 'expected 0: every count of occurrences needs a rating, so rating 1 starts at none' });
        from.forEach((count, index) => {
          const before = from[index - 1];
          if (index > 0 && before !== undefined && count <= before) {
            ctx.addIssue({ code: 'custom', path: [index], message: `expected more than ${before} (the count for rating ${index}): the counts must rise` });
          }
        });
      })
      .default([...DEFAULT_OCCURRENCE_TABLE.episodesFrom])
      .describe('Least occurrences in the window for ratings 1 to 10, rising; default [0, 1, 2, 3, 5, 9, 17, 33, 65, 129]'),
  })
  .strict();

/** The occurrence rating (1–10) of `occurrences` counted over the table's whole window. */
export function observedOccurrence(occurrences: number, table: OccurrenceTable): number {
  let rating = 1;
  table.episodesFrom.forEach((from, index) => {
    if (occurrences >= from) rating = index + 1;
  });
  return rating;
}
