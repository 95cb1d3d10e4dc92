import type { Threshold } from '../shared/threshold.js';
import { formatSi } from './format-si.js';

/** A threshold for people: "> 400", "< 10", "outside 5–10"; null when there is none. */
export function thresholdText(range: Threshold | null): string | null {
  if (!range || (range.min === null && range.max === null)) return null;
  if (range.min === null) return `> ${formatSi(range.max)}`;
  if (range.max === null) return `< ${formatSi(range.min)}`;
  return `outside ${formatSi(range.min)}–${formatSi(range.max)}`;
}
