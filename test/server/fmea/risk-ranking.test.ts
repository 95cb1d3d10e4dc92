import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModeEvidence } from '../../../src/server/fmea/evidence.js';
import { parseFmeaText } from '../../../src/server/fmea/fmea-text.js';
import { rankFailureModes } from '../../../src/server/fmea/risk-ranking.js';
import { rpn } from '../../../src/server/fmea/rpn.js';
import type { FmeaReadingDocument } from '../../../src/server/readings/fmea.js';

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2030, 5, 30, 12);
const ago = (ms: number) => NOW - ms;

function databaseStorage(): FmeaReadingDocument {
  const parsed = parseFmeaText(readFileSync('config/fmea/database-storage.json', 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const { $schema: _schema, ...document } = parsed.document;
  return { ...document, modes: document.modes.map((m) => ({ ...m, rpn: rpn(m.severity, m.occurrence, m.detection) })) };
}

const noEvidence = () => null;

describe('the risk ranking of the example FMEA (Database storage)', () => {
  it('ranks by assessed RPN without evidence: 120, 112, 72, 21', () => {
    const ranked = rankFailureModes([databaseStorage()], noEvidence, NOW);
    expect(ranked.map((m) => [m.key, m.rpn.assessed, m.rpn.live, m.rank, m.why])).toEqual([
      ['database-storage/storage-unavailable', 120, 120, 1, []],
      ['database-storage/data-corruption', 112, 112, 2, []],
      ['database-storage/high-latency', 72, 72, 3, []],
      ['database-storage/disk-full', 21, 21, 4, []],
    ]);
    expect(ranked[0]).toMatchObject({
      function: 'Database storage',
      failureMode: 'Storage unavailable',
      owner: 'Platform team',
      nextAction: { action: 'Add a synthetic write probe every 30 s', owner: 'Platform team', due: '2030-01-31', status: 'open' },
      active: null,
      evidence: false,
    });
    // the only action of disk-full is done: nothing next
    expect(ranked[3]!.nextAction).toBeNull();
  });

  it('moves disk full up on what check_disk saw, and says why', () => {
    const diskEpisodes = [4, 9, 15, 22].map((day) => ({ signal: 'db1 / check_disk', state: 'CRITICAL', start: ago(day * DAY), end: ago(day * DAY - 45 * MIN) }));
    const evidence = (_doc: string, mode: string): ModeEvidence | null =>
      mode === 'disk-full' ? { signalsKnownSince: ago(45 * DAY), episodes: diskEpisodes, reports: [] } : null;
    const ranked = rankFailureModes([databaseStorage()], evidence, NOW);
    expect(ranked.map((m) => [m.modeId, m.rpn.live])).toEqual([
      ['storage-unavailable', 120],
      ['data-corruption', 112],
      ['high-latency', 72],
      ['disk-full', 28],
    ]);
    expect(ranked[3]).toMatchObject({ occurrence: { assessed: 3, observed: 4, live: 4 }, evidence: true });
    expect(ranked[3]!.why).toEqual(["observed O=4 vs assessed O=3: 4 episodes of 'db1 / check_disk' CRITICAL in 30 days"]);
  });

  it('puts a mode happening now at the top and explains the move', () => {
    const evidence = (_doc: string, mode: string): ModeEvidence | null =>
      mode === 'high-latency'
        ? {
            signalsKnownSince: ago(45 * DAY),
            episodes: [
              { signal: 'db1/diskstats_latency/sda', state: 'above 500', start: ago(12 * MIN), end: null },
              { signal: 'db1/diskstats_latency/sda', state: 'above 500', start: ago(3 * DAY), end: ago(3 * DAY - 30 * MIN) },
              { signal: 'db2/diskstats_latency/sdb', state: 'above 500', start: ago(3 * DAY - 5 * MIN), end: ago(3 * DAY - 20 * MIN) },
            ],
            reports: [],
          }
        : null;
    const [top] = rankFailureModes([databaseStorage()], evidence, NOW);
    expect(top).toMatchObject({
      modeId: 'high-latency',
      rank: 1,
      assessedRank: 3,
      active: { signal: 'db1/diskstats_latency/sda', state: 'above 500', since: ago(12 * MIN) },
      occurrence: { assessed: 6, observed: 3, live: 3 },
      rpn: { assessed: 72, live: 36 },
    });
    expect(top!.why).toEqual([
      "up from #3 to #1: happening now: 'db1/diskstats_latency/sda' above 500 for 12 min (live RPN 36 vs assessed 72)",
      "observed O=3 vs assessed O=6: 2 occurrences in 30 days (2 episodes of 'db1/diskstats_latency/sda' above 500, 1 episode of 'db2/diskstats_latency/sdb' above 500)",
    ]);
  });

  it('raises D for an occurrence people reported that the checks never showed', () => {
    const evidence = (_doc: string, mode: string): ModeEvidence | null =>
      mode === 'data-corruption'
        ? { signalsKnownSince: ago(10 * DAY), episodes: [], reports: [{ by: 'incident INC-4411', start: ago(2 * DAY), end: ago(DAY) }] }
        : null;
    const ranked = rankFailureModes([databaseStorage()], evidence, NOW);
    expect(ranked[0]).toMatchObject({ modeId: 'data-corruption', detection: { assessed: 7, live: 10 }, occurrence: { observed: 2, live: 2 }, rpn: { live: 160 } });
    expect(ranked[0]!.why).toEqual([
      'up from #2 to #1: live RPN 160 vs assessed 112',
      'live D=10 vs assessed D=7: 1 of 1 occurrence in 30 days reported (by incident INC-4411) but never shown by its signals',
    ]);
  });

  it('ranks modes of several FMEAs together, known by document and mode id', () => {
    const other = { ...databaseStorage(), id: 'replica-storage', function: 'Replica storage' };
    const ranked = rankFailureModes([other, databaseStorage()], noEvidence, NOW);
    expect(ranked.slice(0, 2).map((m) => m.key)).toEqual(['database-storage/storage-unavailable', 'replica-storage/storage-unavailable']);
  });
});
