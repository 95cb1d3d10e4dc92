import type { Threshold } from './threshold.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses munin's `min:max` range syntax into a Threshold: "400" (max 400), "10:" (min 10),
 * ":90" (max 90), "5:10". An empty side, and Nagios' "~" for minus infinity, mean unbounded.
 * Returns null for anything else, so a garbled plugin config never raises a false alarm.
 */
export function parseThresholdRange(text: string): Threshold | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const colon = trimmed.indexOf(':');
  if (colon === -1) {
    const max = bound(trimmed);
    return max === undefined || max === null ? null : { min: null, max };
  }
  const min = bound(trimmed.slice(0, colon));
  const max = bound(trimmed.slice(colon + 1));
  if (min === undefined || max === undefined || (min === null && max === null)) return null;
  if (min !== null && max !== null && min > max) return null;
  return { min, max };
}

/** undefined = not a number; null = unbounded side. */
function bound(side: string): number | null | undefined {
  const s = side.trim();
  if (s === '' || s === '~') return null;
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** The range back in munin syntax, e.g. for a legend: "400", "10:", "5:10". */
export function formatThresholdRange(range: Threshold): string {
  if (range.min === null) return range.max === null ? '' : String(range.max);
  return `${range.min}:${range.max ?? ''}`;
}
