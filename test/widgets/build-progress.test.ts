import { describe, expect, it } from 'vitest';
import { buildProgress } from '../../src/widgets/build-progress.js';

const NOW = Date.UTC(2030, 0, 10, 10, 30);
const MIN = 60_000;

describe('a running build: progress and ETA', () => {
  it('counts the time left against its usual duration', () => {
    expect(buildProgress({ startedAt: NOW - 4 * MIN, estimatedMs: 10 * MIN }, NOW)).toEqual({ elapsedMs: 4 * MIN, fraction: 0.4, overdue: false, eta: '6 min left' });
  });

  it('says overdue, and by how much, past its usual duration, the bar full', () => {
    expect(buildProgress({ startedAt: NOW - 12 * MIN, estimatedMs: 10 * MIN }, NOW)).toEqual({ elapsedMs: 12 * MIN, fraction: 1, overdue: true, eta: 'overdue 2 min' });
    // exactly at the estimate it is not overdue yet
    expect(buildProgress({ startedAt: NOW - 10 * MIN, estimatedMs: 10 * MIN }, NOW)).toMatchObject({ fraction: 1, overdue: false, eta: '0 s left' });
  });

  it('says how long it runs without an estimate, and only "running" without a start', () => {
    expect(buildProgress({ startedAt: NOW - 3 * MIN, estimatedMs: null }, NOW)).toEqual({ elapsedMs: 3 * MIN, fraction: null, overdue: false, eta: 'running 3 min' });
    expect(buildProgress({ startedAt: null, estimatedMs: 10 * MIN }, NOW)).toEqual({ elapsedMs: null, fraction: null, overdue: false, eta: 'running' });
  });

  it('never runs backwards on a display whose clock is behind the server', () => {
    expect(buildProgress({ startedAt: NOW + MIN, estimatedMs: 10 * MIN }, NOW)).toEqual({ elapsedMs: 0, fraction: 0, overdue: false, eta: '10 min left' });
  });
});
