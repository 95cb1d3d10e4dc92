import { ageInWords } from '../sources/age-in-words.js';
import type { LiveRatings } from './live-ratings.js';
import type { OccurrenceCount } from './occurrences.js';

export interface ExplainedMode {
  rank: number;
  assessedRank: number;
  occurrence: LiveRatings['occurrence'];
  detection: LiveRatings['detection'];
  rpn: LiveRatings['rpn'];
  counted: OccurrenceCount | null;
}

/**
 * Why a mode stands where it does, in lines for the wall: how far it moved from its assessed place,
 * what is happening now, and each live rating that differs from its assessment with the evidence
 * behind it ("observed O=4 vs assessed O=2: 4 episodes of 'db1 / check_disk' CRITICAL in 30 days").
 * No lines for a mode where the evidence agrees with the assessment.
 */
export function explainMode(mode: ExplainedMode, windowDays: number, now: number): string[] {
  const lines: string[] = [];
  const { counted } = mode;
  const happening = counted?.happeningNow;
  const happeningLine = happening
    ? `happening now: ${'signal' in happening ? `'${happening.signal}' ${happening.state}` : `reported by ${happening.reportedBy}`} for ${ageInWords(Math.max(0, now - happening.since))}`
    : null;
  const rpn = `live RPN ${mode.rpn.live} vs assessed ${mode.rpn.assessed}`;
  if (mode.rank < mode.assessedRank && happeningLine) {
    // a mode happening now goes to the top whatever its RPN: that is why it moved, not the numbers
    lines.push(`up from #${mode.assessedRank} to #${mode.rank}: ${happeningLine}${mode.rpn.live !== mode.rpn.assessed ? ` (${rpn})` : ''}`);
  } else {
    if (mode.rank !== mode.assessedRank) lines.push(`${mode.rank < mode.assessedRank ? 'up' : 'down'} from #${mode.assessedRank} to #${mode.rank}: ${rpn}`);
    if (happeningLine) lines.push(happeningLine);
  }
  const { occurrence, detection } = mode;
  // an observed O that changes nothing (a short history counting fewer than assessed) is no news
  if (counted && occurrence.observed !== null && occurrence.live !== occurrence.assessed) {
    const partial = counted.coversWindow ? '' : `; the signals' history is shorter than ${windowDays} days, so it can only raise O (live O=${occurrence.live})`;
    lines.push(`observed O=${occurrence.observed} vs assessed O=${occurrence.assessed}: ${describeCount(counted, windowDays)}${partial}`);
  }
  if (counted && detection.live !== detection.assessed) {
    const who = counted.missedBy.map((m) => m.by).join(', ');
    lines.push(
      `live D=${detection.live} vs assessed D=${detection.assessed}: ${counted.missed} of ${counted.occurrences} occurrence${counted.occurrences === 1 ? '' : 's'} in ${windowDays} days ` +
        `reported (by ${who}) but never shown by its signals`,
    );
  }
  return lines;
}

/** "4 episodes of 'db1 / check_disk' CRITICAL in 30 days", or the occurrences with what made them up. */
function describeCount(counted: OccurrenceCount, windowDays: number): string {
  const window = `in ${windowDays} days`;
  if (counted.occurrences === 0) return `no occurrence ${window}`;
  const parts = [
    ...counted.bySignal.map((s) => `${s.episodes} episode${s.episodes === 1 ? '' : 's'} of '${s.signal}' ${s.state}`),
    ...counted.missedBy.map((m) => `${m.reports} reported by ${m.by} that no signal showed`),
  ];
  const [only] = parts;
  const onlyEpisodes = counted.bySignal.length === 1 && counted.missedBy.length === 0 && counted.bySignal[0]?.episodes === counted.occurrences;
  if (onlyEpisodes && only) return `${only} ${window}`;
  return `${counted.occurrences} occurrence${counted.occurrences === 1 ? '' : 's'} ${window} (${parts.join(', ')})`;
}
