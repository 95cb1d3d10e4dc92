import type { Status } from '../../shared/status.js';
import type { Threshold } from '../../shared/threshold.js';

function outside(value: number, range: Threshold | null | undefined): boolean {
  if (!range) return false;
  return (range.min !== null && value < range.min) || (range.max !== null && value > range.max);
}

/** Status of a value against munin-style ranges: outside critical → critical, outside warning → warning. */
export function statusForValue(
  value: number | null,
  warning: Threshold | null | undefined,
  critical: Threshold | null | undefined,
): Status {
  if (value === null || !Number.isFinite(value)) return 'unknown';
  if (outside(value, critical)) return 'critical';
  if (outside(value, warning)) return 'warning';
  return 'ok';
}
