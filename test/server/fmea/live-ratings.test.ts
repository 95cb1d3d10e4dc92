import { describe, expect, it } from 'vitest';
import { DEFAULT_EVIDENCE_RULES, type ModeEvidence } from '../../../src/server/fmea/evidence.js';
import { liveRatings } from '../../../src/server/fmea/live-ratings.js';
import { DEFAULT_OCCURRENCE_TABLE } from '../../../src/server/fmea/occurrence-table.js';

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2030, 5, 30, 12);
const ago = (ms: number) => NOW - ms;
const diskFull = { severity: 7, occurrence: 3, detection: 1 };
const episodes = (n: number) => Array.from({ length: n }, (_, i) => ({ signal: 'db1 / check_disk', state: 'CRITICAL', start: ago((i + 1) * DAY), end: ago((i + 1) * DAY - 30 * MIN) }));
const evidence = (parts: Partial<ModeEvidence>): ModeEvidence => ({ signalsKnownSince: ago(90 * DAY), episodes: [], reports: [], ...parts });
const live = (assessed: typeof diskFull, parts: Partial<ModeEvidence> | null) =>
  liveRatings(assessed, parts && evidence(parts), DEFAULT_OCCURRENCE_TABLE, DEFAULT_EVIDENCE_RULES, NOW);

describe('live ratings', () => {
  it('are the assessed ones without evidence', () => {
    expect(live(diskFull, null)).toMatchObject({
      severity: 7,
      occurrence: { assessed: 3, observed: null, live: 3 },
      detection: { assessed: 1, live: 1 },
      rpn: { assessed: 21, live: 21 },
      evidence: false,
    });
  });

  it('take the observed O when the history covers the window, up or down', () => {
    expect(live(diskFull, { episodes: episodes(6) })).toMatchObject({ occurrence: { observed: 5, live: 5 }, rpn: { assessed: 21, live: 35 }, evidence: true });
    // a quiet month of a bound mode rates 1
    expect(live(diskFull, { episodes: [] })).toMatchObject({ occurrence: { observed: 1, live: 1 }, rpn: { live: 7 }, evidence: true });
  });

  it('only raise O from a history shorter than the window', () => {
    const young = ago(3 * DAY);
    expect(live(diskFull, { signalsKnownSince: young, episodes: [] })).toMatchObject({ occurrence: { observed: null, live: 3 }, evidence: false });
    expect(live(diskFull, { signalsKnownSince: young, episodes: episodes(1) })).toMatchObject({ occurrence: { observed: 2, live: 3 }, evidence: true });
    expect(live(diskFull, { signalsKnownSince: young, episodes: episodes(2).concat(episodes(5).slice(2)) })).toMatchObject({ occurrence: { observed: 5, live: 5 } });
  });

  it('raise D by the share of occurrences reported but never shown by the signals', () => {
    const missed = (day: number) => ({ by: 'alice', start: ago(day * DAY), end: ago(day * DAY - 20 * MIN) });
    // one occurrence, missed: detection failed every time
    expect(live(diskFull, { reports: [missed(2)] })).toMatchObject({ detection: { assessed: 1, live: 10 }, occurrence: { live: 2 }, rpn: { live: 7 * 2 * 10 } });
    // one of four missed: at least 3 on the scale (10 × 1/4, rounded up)
    expect(live(diskFull, { episodes: episodes(3), reports: [missed(10)] })).toMatchObject({ detection: { live: 3 } });
    // never below the assessed D
    expect(live({ ...diskFull, detection: 6 }, { episodes: episodes(3), reports: [missed(10)] })).toMatchObject({ detection: { live: 6 } });
  });
});
