import { describe, expect, it } from 'vitest';
import { DEFAULT_EVIDENCE_RULES, type ModeEvidence } from '../../../src/server/fmea/evidence.js';
import { countOccurrences } from '../../../src/server/fmea/occurrences.js';

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2030, 5, 30, 12);
const WINDOW = 30 * DAY;
const ago = (ms: number) => NOW - ms;
const disk = (start: number, end: number | null, signal = 'db1 / check_disk') => ({ signal, state: 'CRITICAL', start, end });
const evidence = (parts: Partial<ModeEvidence>): ModeEvidence => ({ signalsKnownSince: ago(60 * DAY), episodes: [], reports: [], ...parts });
const count = (parts: Partial<ModeEvidence>) => countOccurrences(evidence(parts), NOW, WINDOW, DEFAULT_EVIDENCE_RULES);

describe('counting occurrences in a window', () => {
  it('counts episodes that overlap the window, one occurrence per overlapping group', () => {
    const counted = count({
      episodes: [
        disk(ago(40 * DAY), ago(40 * DAY - 10 * MIN)), // before the window
        disk(ago(30 * DAY + 5 * MIN), ago(30 * DAY - 5 * MIN)), // reaching into it
        disk(ago(3 * DAY), ago(3 * DAY - 30 * MIN)),
        disk(ago(3 * DAY - 10 * MIN), ago(3 * DAY - 60 * MIN), 'db1 / check_load'), // the same outage, another check
        disk(ago(20 * MIN), null),
      ],
    });
    expect(counted.occurrences).toBe(3);
    expect(counted.missed).toBe(0);
    expect(counted.bySignal).toEqual([
      { signal: 'db1 / check_disk', state: 'CRITICAL', episodes: 3 },
      { signal: 'db1 / check_load', state: 'CRITICAL', episodes: 1 },
    ]);
    expect(counted.coversWindow).toBe(true);
    expect(counted.happeningNow).toEqual({ signal: 'db1 / check_disk', state: 'CRITICAL', since: ago(20 * MIN) });
  });

  it('says whether the signals\' history covers the whole window', () => {
    expect(count({ signalsKnownSince: ago(3 * DAY) }).coversWindow).toBe(false);
    expect(count({ signalsKnownSince: null }).coversWindow).toBe(false);
    expect(count({ signalsKnownSince: ago(WINDOW) }).coversWindow).toBe(true);
  });

  it('judges a report seen when a bound signal showed it, within the grace after it began', () => {
    const counted = count({
      episodes: [disk(ago(5 * DAY - 10 * MIN), ago(5 * DAY - 40 * MIN))],
      reports: [
        { by: 'alice', start: ago(5 * DAY), end: ago(5 * DAY - 5 * MIN) }, // the check went critical 10 min in: seen
        { by: 'bob', start: ago(2 * DAY), end: ago(2 * DAY - 60 * MIN) }, // nothing showed it: missed
        { by: 'carol', start: ago(5 * MIN), end: null }, // still within the grace: not judged yet
      ],
    });
    expect(counted.occurrences).toBe(3);
    expect(counted.missed).toBe(1);
    expect(counted.missedBy).toEqual([{ by: 'bob', reports: 1 }]);
    expect(counted.happeningNow).toEqual({ reportedBy: 'carol', since: ago(5 * MIN) });
  });

  it('counts a report missed once its grace has passed without a signal', () => {
    const reports = [{ by: 'carol', start: ago(16 * MIN), end: null }];
    expect(count({ reports })).toMatchObject({ occurrences: 1, missed: 1 });
    expect(count({ reports, episodes: [disk(ago(2 * MIN), null)] })).toMatchObject({ occurrences: 1, missed: 0 });
  });

  it('does not depend on the order evidence comes in', () => {
    const episodes = [disk(ago(9 * DAY), ago(9 * DAY - MIN)), disk(ago(DAY), ago(DAY - MIN), 'db2 / check_disk'), disk(ago(4 * DAY), ago(4 * DAY - MIN))];
    expect(count({ episodes: [...episodes].reverse() })).toEqual(count({ episodes }));
  });
});
