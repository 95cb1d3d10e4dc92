import type { FieldType, RatePeriod } from './plugin-config.js';

/** A counter as fetched: the raw number and when (epoch ms). Kept in the reading's carry. */
export type CounterSample = [at: number, raw: number];

const TWO_32 = 2 ** 32;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;
const PERIOD_SECONDS: Record<RatePeriod, number> = { second: 1, minute: 60, hour: 3600 };

export interface RateInput {
  type: Exclude<FieldType, 'GAUGE'>;
  previous: CounterSample | undefined;
  current: CounterSample;
  /** A longer gap (e.g. after a restart from persisted state) gives no rate rather than a smeared one. */
  maxGapMs: number;
  /** The field's min/max: like munin's RRD, a rate outside them is dropped (it is a reset, not traffic). */
  min: number | null;
  max: number | null;
  period: RatePeriod;
}

/**
 * The per-period rate munin would graph for a DERIVE, COUNTER or ABSOLUTE field, from two consecutive
 * fetches; null when there is none this round (first fetch, reset, too long a gap, out of range).
 *
 * - DERIVE: (current - previous) / seconds; a negative delta is a reset (reboot, restarted daemon).
 * - COUNTER: never decreases, so a negative delta is a wrap: at 32 bit when the previous value fits in
 *   32 bits, at 64 bit when it was within reach of 2^64. Anything else is a reset, not a wrap.
 *   (Values near 2^64 lose precision in a double; such rates are approximate.)
 * - ABSOLUTE: the counter is reset on each read, so the value itself is the delta.
 */
export function counterRate(input: RateInput): number | null {
  const { previous, current } = input;
  if (!previous) return null;
  const gapMs = current[0] - previous[0];
  if (gapMs <= 0 || gapMs > input.maxGapMs) return null;
  let delta: number;
  if (input.type === 'ABSOLUTE') {
    delta = current[1];
  } else {
    delta = current[1] - previous[1];
    if (delta < 0) {
      if (input.type === 'DERIVE') return null;
      if (previous[1] < TWO_32) delta += TWO_32;
      else if (previous[1] >= TWO_63) delta += TWO_64;
      else return null;
    }
  }
  const perSecond = delta / (gapMs / 1000);
  if ((input.min !== null && perSecond < input.min) || (input.max !== null && perSecond > input.max)) return null;
  return perSecond * PERIOD_SECONDS[input.period];
}
