import type { FmeaReadingDocument } from '../readings/fmea.js';
import type { PreventativeAction } from './fmea-document.js';
import { DEFAULT_EVIDENCE_RULES, type EvidenceRules, type ModeEvidence } from './evidence.js';
import { explainMode } from './explanation.js';
import { liveRatings, type LiveRatings } from './live-ratings.js';
import type { HappeningNow } from './occurrences.js';
import { rankByRisk } from './ranking.js';

/** One failure mode on the risk ranking: what it is, its ratings assessed and live, its place and why. */
export interface RankedMode {
  /** documentId/modeId: unique across one source's FMEAs. */
  key: string;
  documentId: string;
  modeId: string;
  /** The system function of its FMEA, e.g. "Database storage". */
  function: string;
  failureMode: string;
  effect: string;
  owner: string;
  /** The first preventative action not done; null when all are (or none is listed). */
  nextAction: PreventativeAction | null;
  severity: number;
  occurrence: LiveRatings['occurrence'];
  detection: LiveRatings['detection'];
  rpn: LiveRatings['rpn'];
  /** The live ratings rest on evidence. */
  evidence: boolean;
  /** Happening now: a bound signal in a problem state, or marked so by a person or event. */
  active: HappeningNow | null;
  /** 1 = top risk now. */
  rank: number;
  /** Its place on the assessed RPN alone. */
  assessedRank: number;
  /** Why it stands there (explanation.ts); empty when evidence and assessment agree. */
  why: string[];
}

/**
 * Every failure mode of `documents`, ranked by risk now (ranking.ts) with its live ratings
 * (live-ratings.ts, each document's own occurrence table) and why it moved. `evidenceOf` gives what
 * is known of a mode (null: nothing, so its assessed ratings stand).
 */
export function rankFailureModes(
  documents: readonly FmeaReadingDocument[],
  evidenceOf: (documentId: string, modeId: string) => ModeEvidence | null,
  now: number,
  rules: EvidenceRules = DEFAULT_EVIDENCE_RULES,
): RankedMode[] {
  const modes = documents.flatMap((document) =>
    document.modes.map((mode) => {
      const live = liveRatings(mode, evidenceOf(document.id, mode.id), document.observedOccurrence, rules, now);
      return {
        key: `${document.id}/${mode.id}`,
        documentId: document.id,
        modeId: mode.id,
        function: document.function,
        failureMode: mode.failureMode,
        effect: mode.effect,
        owner: mode.owner,
        nextAction: mode.actions.find((action) => action.status !== 'done') ?? null,
        severity: mode.severity,
        occurrence: live.occurrence,
        detection: live.detection,
        rpn: live.rpn,
        evidence: live.evidence,
        active: live.counted?.happeningNow ?? null,
        windowDays: document.observedOccurrence.windowDays,
        counted: live.counted,
      };
    }),
  );
  return rankByRisk(modes).map(({ windowDays, counted, ...mode }) => ({ ...mode, why: explainMode({ ...mode, counted }, windowDays, now) }));
}
