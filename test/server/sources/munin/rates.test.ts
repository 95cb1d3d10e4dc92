import { describe, expect, it } from 'vitest';
import { counterRate, type RateInput } from '../../../../src/server/sources/munin/rates.js';

const T = 1_800_000_000_000;
const base = { maxGapMs: 600_000, min: null, max: null, period: 'second' } as const;
const rate = (input: Partial<RateInput> & Pick<RateInput, 'type' | 'current'>) => counterRate({ ...base, previous: undefined, ...input });

describe('munin counter rates', () => {
  it('gives no rate on the first fetch', () => {
    expect(rate({ type: 'DERIVE', current: [T, 100] })).toBeNull();
  });

  it('divides the DERIVE delta by the seconds between fetches', () => {
    expect(rate({ type: 'DERIVE', previous: [T, 1000], current: [T + 5000, 1500] })).toBe(100);
  });

  it('treats a falling DERIVE as a reset: no value this round', () => {
    expect(rate({ type: 'DERIVE', previous: [T, 5000], current: [T + 5000, 20] })).toBeNull();
  });

  it('adds 2^32 when a 32-bit COUNTER wraps', () => {
    expect(rate({ type: 'COUNTER', previous: [T, 2 ** 32 - 100], current: [T + 10_000, 900] })).toBe(100);
  });

  it('adds 2^64 when a 64-bit COUNTER wraps near its end', () => {
    const r = rate({ type: 'COUNTER', previous: [T, 2 ** 64 - 2 ** 20], current: [T + 1000, 2 ** 20] });
    expect(r).toBeCloseTo(2 ** 21, -4);
  });

  it('treats a COUNTER that falls from far below 2^64 as a reset, not a wrap', () => {
    expect(rate({ type: 'COUNTER', previous: [T, 2 ** 40], current: [T + 1000, 10] })).toBeNull();
  });

  it('drops rates outside the field min/max, as munin does for resets mistaken for wraps', () => {
    expect(rate({ type: 'COUNTER', previous: [T, 5_000_000], current: [T + 1000, 100], max: 1e8 })).toBeNull();
    expect(rate({ type: 'DERIVE', previous: [T, 0], current: [T + 1000, 50], min: 0, max: 100 })).toBe(50);
  });

  it('takes an ABSOLUTE value as the delta since the last read', () => {
    expect(rate({ type: 'ABSOLUTE', previous: [T, 999], current: [T + 4000, 80] })).toBe(20);
  });

  it('refuses a rate across a gap longer than the limit (a restart after downtime)', () => {
    expect(rate({ type: 'DERIVE', previous: [T, 0], current: [T + 601_000, 601] })).toBeNull();
    expect(rate({ type: 'DERIVE', previous: [T, 0], current: [T, 5] })).toBeNull();
  });

  it('expresses rates per minute or hour when graph_period says so', () => {
    expect(rate({ type: 'DERIVE', previous: [T, 0], current: [T + 2000, 10], period: 'minute' })).toBe(300);
    expect(rate({ type: 'DERIVE', previous: [T, 0], current: [T + 2000, 10], period: 'hour' })).toBe(18_000);
  });
});
