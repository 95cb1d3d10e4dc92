import type { Status } from '../status.js';

/** A rating as assessed in the FMEA and as the evidence has it (equal when there is none). */
export interface RiskRating {
  assessed: number;
  live: number;
}

/** One failure mode on the risk tile, decided on the server. All text is plain and bounded. */
export interface RiskModeView {
  /** "documentId/modeId". */
  key: string;
  /** 1 = the top risk now. */
  rank: number;
  /** Its place on the assessed RPN alone. */
  assessedRank: number;
  /** The system function of its FMEA, e.g. "Database storage". */
  function: string;
  failureMode: string;
  effect: string;
  owner: string;
  /** The first preventative action not done; null when all are. */
  nextAction: { action: string; owner: string; due: string | null; status: 'open' | 'in-progress' } | null;
  severity: number;
  /** `observed`: the occurrence the evidence shows (null when it shows nothing); `live` is what the RPN uses. */
  occurrence: RiskRating & { observed: number | null };
  detection: RiskRating;
  rpn: RiskRating;
  /** The live ratings rest on evidence. */
  evidence: boolean;
  /** Happening now: what shows it (a check, a series, a report) and since when (epoch ms); null when not. */
  active: { what: string; since: number } | null;
  /**
   * How the wall marks it: `critical` happening now with severity ≥ the tile's criticalSeverity,
   * `warning` happening now below that (or over the tile's warnAboveRpn), `ok` otherwise.
   */
  tone: Status;
  /** Why it stands where it does, a few lines ("up from #4 to #1: live RPN 84 vs assessed 21"); empty when evidence and assessment agree. */
  why: string[];
}

/**
 * What the tile leads with, decided on the server:
 * - `waiting`: the FMEA source has not been read yet;
 * - `no-modes`: it was, and its documents hold no failure mode;
 * - `happening`: some mode is happening now (listed first);
 * - `ranked`: nothing happening; the modes by risk.
 */
export type RiskHeadline = 'waiting' | 'no-modes' | 'happening' | 'ranked';

/** `data` of the risk widget: FMEA failure modes ranked by risk now. */
export interface RiskData {
  headline: RiskHeadline;
  /** The top modes (the tile's `top`), happening now first, then by live RPN. */
  modes: RiskModeView[];
  /** Modes not among `modes`. */
  more: number;
  /** Modes in all, and how many are happening now. */
  total: number;
  happening: number;
  /** The scale of the RPN bars: the highest RPN (assessed or live) among `modes`, at least 1. */
  rpnScale: number;
  /** true: one line per mode (the tile's `compact`); false: full rows; null: the widget decides by its size. */
  compact: boolean | null;
  /**
   * What keeps the tile from showing everything as it is, one line each, naming the file and JSON path
   * and the fix: a broken edit (the last good version is shown), a signal whose source the tile may
   * not read, a signal that matches nothing. At most 10.
   */
  problems: string[];
  /** More problems than `problems` holds. */
  moreProblems: number;
}
