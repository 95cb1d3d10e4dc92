import { describe, expect, it } from 'vitest';
import type { BuildJob, BuildsReading } from '../../../../src/server/readings/builds.js';
import { withBrokenSince } from '../../../../src/server/sources/builds/broken-since.js';

const job = (key: string, over: Partial<BuildJob>): BuildJob => ({
  key, name: key, url: null, status: 'success', lastResult: 'success', number: '1', startedAt: 1_000, finishedAt: 2_000,
  durationMs: 1_000, estimatedMs: null, culprits: [], changes: [], brokenSince: null, ...over,
});

const reading = (jobs: BuildJob[], carry: unknown): BuildsReading => ({ type: 'builds', at: 0, jobs, carry });

describe('withBrokenSince', () => {
  it('starts a streak at the failing build, keeps it while the job fails or rebuilds, and ends it on success', () => {
    const first = withBrokenSince([job('app', { status: 'failed', lastResult: 'failed', finishedAt: 5_000 })], null, 9_000);
    expect(first.jobs[0]!.brokenSince).toBe(5_000);
    const rebuilding = withBrokenSince([job('app', { status: 'building', lastResult: 'failed', finishedAt: null })], reading(first.jobs, first.carry), 12_000);
    expect(rebuilding.jobs[0]!.brokenSince).toBe(5_000);
    const stillFailing = withBrokenSince([job('app', { status: 'failed', lastResult: 'failed', finishedAt: 20_000 })], reading(rebuilding.jobs, rebuilding.carry), 21_000);
    expect(stillFailing.jobs[0]!.brokenSince).toBe(5_000);
    const fixed = withBrokenSince([job('app', { status: 'success' })], reading(stillFailing.jobs, stillFailing.carry), 30_000);
    expect(fixed.jobs[0]!.brokenSince).toBeNull();
    expect(fixed.carry).toEqual({ brokenSince: {} });
  });

  it('ignores a carry of the wrong shape (restored from an older version) and starts afresh', () => {
    const out = withBrokenSince([job('app', { status: 'unstable', lastResult: 'unstable', finishedAt: 7_000 })], reading([], { brokenSince: { app: 'yesterday' } }), 9_000);
    expect(out.jobs[0]!.brokenSince).toBe(7_000);
  });
});
