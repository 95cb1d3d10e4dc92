import { describe, expect, it } from 'vitest';
import { readingSchema } from '../../../src/server/readings/registry.js';
import { perfSource } from '../../../src/server/sources/perf.js';
import { registerSourceKind, type AcceptedPush } from '../../../src/server/sources/registered-source-kind.js';
import { sourceKinds } from '../../../src/server/sources/registry.js';

const T0 = Date.UTC(2026, 11, 1);
const bound = (options: unknown = {}) => {
  const source = registerSourceKind(perfSource).bind(options);
  if (source.arrives !== 'pushed') throw new Error('the perf kind must be pushed');
  return source;
};

describe('perf source: results pushed as perf events', () => {
  it('folds a request\'s events into a perf reading that the reading schema reads back as it is', () => {
    const source = bound();
    const accepted = [
      { kind: 'perf', revision: 'r7', metric: 'checkout p95 latency', value: 182, unit: 'ms', layers: { cpu: 40, db: 142 }, commits: [{ id: 'c0ffee', author: 'Dana', message: 'Add the\u202e order index' }] },
      { kind: 'perf', revision: 'r7', metric: 'checkout requests/s', value: 910, unit: 'req/s', higherIsBetter: true },
    ].map((payload) => source.accept(payload));
    expect(accepted.every((a) => a.ok)).toBe(true);
    const reading = source.readingAfter(accepted as AcceptedPush[], { previous: null, now: () => T0 });
    expect(reading).toMatchObject({
      type: 'perf',
      at: T0,
      judging: { baselineRuns: 10, tolerancePercent: 10, madK: 3, driftRuns: 20 },
      revisions: [{ revision: 'r7', ordinal: 0, commits: [{ id: 'c0ffee', author: 'Dana', message: 'Add the order index' }] }],
      series: [
        { metric: 'checkout p95 latency', unit: 'ms', higherIsBetter: false, results: [{ ordinal: 0, value: 182, layers: { cpu: 40, db: 142 } }] },
        { metric: 'checkout requests/s', unit: 'req/s', higherIsBetter: true, results: [{ ordinal: 0, value: 910, layers: null }] },
      ],
    });
    expect(readingSchema.parse(reading)).toEqual(reading);
  });

  it('takes its judging settings from the options, and refuses options out of range', () => {
    const source = bound({ baselineRuns: 5, tolerancePercent: 20, madK: 2, driftRuns: 30 });
    const accepted = source.accept({ kind: 'perf', revision: 'r1', metric: 'p95', value: 1 });
    if (!accepted.ok) throw new Error(JSON.stringify(accepted.problems));
    expect(source.readingAfter([accepted], { previous: null, now: () => T0 })).toMatchObject({ judging: { baselineRuns: 5, tolerancePercent: 20, madK: 2, driftRuns: 30 } });
    expect(perfSource.options.safeParse({ baselineRuns: 1 }).success).toBe(false);
    expect(perfSource.options.safeParse({ keepRevisions: 1_000_000 }).success).toBe(false);
  });

  it('refuses an event that is not a perf result, naming each problem by path', () => {
    const problems = (payload: unknown) => {
      const result = bound().accept(payload);
      return result.ok ? [] : result.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    };
    expect(problems({ kind: 'perf', revision: 'r1', metric: 'p95', value: 'fast' })).toEqual([expect.stringMatching(/^value: .*expected number/)]);
    expect(problems({ kind: 'perf', revision: '\u200f', metric: 'p95', value: 1 })).toEqual(['revision: expected text with at least one visible character']);
    expect(problems({ kind: 'perf', revision: 'r1', metric: 'p95', value: 1, colour: 'red' })).toEqual([expect.stringMatching(/^: .*colour/)]);
  });

  it('is registered as a pushed kind producing perf readings from perf events', () => {
    expect(sourceKinds.find((kind) => kind.kind === 'perf')).toMatchObject({ arrives: 'pushed', produces: 'perf' });
  });
});
