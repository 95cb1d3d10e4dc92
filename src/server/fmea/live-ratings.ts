import type { EvidenceRules, ModeEvidence } from './evidence.js';
import { type OccurrenceTable, observedOccurrence } from './occurrence-table.js';
import { countOccurrences, type OccurrenceCount } from './occurrences.js';
import { rpn } from './rpn.js';

/** A mode's ratings as assessed in its FMEA. */
export interface AssessedRatings {
  severity: number;
  occurrence: number;
  detection: number;
}

/** A mode's ratings as assessed and as the evidence has them (docs/fmea.md, "Live ratings"). */
export interface LiveRatings {
  severity: number;
  occurrence: {
    assessed: number;
    /** From the occurrences counted in the window (the table); null when they say nothing (see `live`). */
    observed: number | null;
    live: number;
  };
  detection: { assessed: number; live: number };
  rpn: { assessed: number; live: number };
  /** The live ratings rest on evidence (they may still equal the assessed ones). */
  evidence: boolean;
  /** What was counted; null without evidence to count. */
  counted: OccurrenceCount | null;
}

/**
 * Live ratings: severity as assessed (monitoring cannot tell how bad an effect is); occurrence as
 * observed and detection raised by missed occurrences.
 *
 * - Observed O is the table's rating of the occurrences in its window. When the signals' history
 *   covers the whole window it replaces the assessed O, up or down (a quiet month of a bound mode
 *   rates 1). When it covers less, the count is a lower bound: observed O only raises the assessed
 *   O, and a window without occurrences says nothing.
 * - Live D is at least the share of occurrences in the window that were reported but never shown by
 *   the mode's signals, on the 1–10 scale, rounded up (1 of 2 missed → 5, all missed → 10); it never
 *   falls below the assessed D, since occurrences the signals did show prove nothing about those they would not.
 */
export function liveRatings(assessed: AssessedRatings, evidence: ModeEvidence | null, table: OccurrenceTable, rules: EvidenceRules, now: number): LiveRatings {
  const counted = evidence ? countOccurrences(evidence, now, table.windowDays * 86_400_000, rules) : null;
  const observed = counted && (counted.coversWindow || counted.occurrences > 0) ? observedOccurrence(counted.occurrences, table) : null;
  const occurrence = observed === null ? assessed.occurrence : counted?.coversWindow ? observed : Math.max(assessed.occurrence, observed);
  const missedShare = counted && counted.missed > 0 ? Math.ceil((10 * counted.missed) / counted.occurrences) : 0;
  const detection = Math.min(10, Math.max(assessed.detection, missedShare));
  return {
    severity: assessed.severity,
    occurrence: { assessed: assessed.occurrence, observed, live: occurrence },
    detection: { assessed: assessed.detection, live: detection },
    rpn: { assessed: rpn(assessed.severity, assessed.occurrence, assessed.detection), live: rpn(assessed.severity, occurrence, detection) },
    evidence: observed !== null || missedShare > 0,
    counted,
  };
}
