import { describe, expect, it } from 'vitest';
import { judgeHealth, NEVER_POLLED, type PollRecord } from '../../../src/server/store/source-health.js';

const T0 = 1_000_000;
const ok: PollRecord = { ...NEVER_POLLED, state: 'ok', lastSuccessAt: T0, lastAttemptAt: T0 };

describe('source health', () => {
  it('judges a polled source by two schedule intervals', () => {
    expect(judgeHealth(ok, { intervalMs: 5_000 }, T0 + 10_000)).toMatchObject({ stale: false });
    expect(judgeHealth(ok, { intervalMs: 5_000 }, T0 + 10_001)).toMatchObject({ stale: true, staleReason: 'no fresh data for over 10 s (polled every 5 s)' });
    expect(judgeHealth(NEVER_POLLED, { intervalMs: 5_000 }, T0).staleReason).toBe('waiting for the first poll');
  });

  it('judges a pushed source by two expectEvery intervals, in words of pushing', () => {
    const pushed = { arrives: 'pushed', intervalMs: 300_000 } as const;
    expect(judgeHealth(ok, pushed, T0 + 600_000)).toMatchObject({ stale: false });
    expect(judgeHealth(ok, pushed, T0 + 600_001)).toMatchObject({ stale: true, staleReason: 'no fresh data for over 600 s (pushed, expected every 300 s)' });
    expect(judgeHealth(NEVER_POLLED, pushed, T0).staleReason).toBe('waiting for the first push');
    // restored: what it holds was committed before each push was acknowledged, so it is as current as before
    expect(judgeHealth({ ...ok, restored: true }, pushed, T0)).toMatchObject({ stale: false, staleReason: null });
    expect(judgeHealth({ ...ok, restored: true }, pushed, T0 + 600_001).staleReason).toBe('no fresh data for over 600 s (pushed, expected every 300 s)');
    expect(judgeHealth({ ...ok, restored: true }, { intervalMs: 5_000 }, T0).staleReason).toBe('restored from disk after a restart; waiting for the first poll');
  });

  it('never judges a pushed source without expectEvery stale by age', () => {
    expect(judgeHealth(ok, { arrives: 'pushed', intervalMs: null }, T0 + 10 * 365 * 86_400_000)).toMatchObject({ stale: false, staleReason: null });
  });
});
