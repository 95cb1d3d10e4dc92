/**
 * What monitoring and people have seen of one failure mode: the input of its live ratings. Gathered
 * from the state-change history of the signals the mode is bound to (checks, series, deploys) and
 * from occurrences people or events reported; pure data, so the rules can be tested on their own.
 */

/** A stretch of time one bound signal showed the failure mode: a check in a problem state, a series over its threshold, a failed deploy. */
export interface SignalEpisode {
  /** The signal, for people: "db1 / check_disk", "db1/diskstats_latency/sda", "prod / postgres". */
  signal: string;
  /** What it showed: "CRITICAL", "above 500", "failed". */
  state: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms; null while it lasts. */
  end: number | null;
}

/** The failure mode marked as happening by a person or an event, whether or not its signals showed it. */
export interface ReportedOccurrence {
  /** Who or what said so: "alice", "incident INC-4411". */
  by: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms; null while it is marked as happening. */
  end: number | null;
}

export interface ModeEvidence {
  /**
   * Since when the bound signals' state changes are known (epoch ms: the start of their kept history);
   * null when nothing is known of them (no signals bound, or no history yet).
   */
  signalsKnownSince: number | null;
  episodes: readonly SignalEpisode[];
  reports: readonly ReportedOccurrence[];
}

/** How evidence is judged. */
export interface EvidenceRules {
  /**
   * How long after a reported occurrence began its signals may take to show it and still count as
   * having seen it: a check runs every few minutes and retries before it goes hard.
   */
  detectionGraceMs: number;
}

export const DEFAULT_EVIDENCE_RULES: EvidenceRules = { detectionGraceMs: 15 * 60_000 };
