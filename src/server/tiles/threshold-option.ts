import { z } from 'zod';
import type { Threshold } from '../../shared/threshold.js';
import { parseThresholdRange } from '../../shared/threshold-range.js';

/**
 * A tile's own warning/critical: a number is an upper bound ("above 400 is bad"), a string is a
 * munin-style range ("10:" = below 10 is bad, "5:10" = outside 5..10 is bad).
 */
export const thresholdOption = z.union([
  z.number(),
  z.string().refine((s) => parseThresholdRange(s) !== null, 'a number or a munin-style range such as "400", "10:", ":90" or "5:10"'),
]);

export type ThresholdOption = z.infer<typeof thresholdOption>;

/** The tile's override if set, else what the source says (e.g. munin's `warning`), else none. */
export function effectiveThreshold(override: ThresholdOption | undefined, fromSource: Threshold | null | undefined): Threshold | null {
  if (override === undefined) return fromSource ?? null;
  return typeof override === 'number' ? { min: null, max: override } : parseThresholdRange(override);
}
