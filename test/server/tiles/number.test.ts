import { describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/sources/reading.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { numberTile } from '../../../src/server/tiles/number.js';

const AT = Date.UTC(2026, 10, 25, 12);
const MIN = 60_000;
const reading: MetricsReading = {
  type: 'metrics',
  at: AT,
  samples: [
    { series: 'db1/df/_var', value: 93.5, unit: '%', label: '/var', group: 'Disk usage in percent', warning: { min: null, max: 92 }, critical: { min: null, max: 98 } },
    { series: 'db1/df/_home', value: 40, unit: '%', label: '/home', warning: { min: null, max: 92 }, critical: { min: null, max: 98 } },
    { series: 'db1/test_broken/x', value: null, unit: '', label: 'x', error: 'plugin failed (bad exit)' },
    { series: 'db1/zero/z', value: 5, unit: '', label: 'z' },
  ],
};
const histories: Record<string, HistoryPoint[]> = {
  'db1/df/_var': [[AT - 90 * MIN, 70], [AT - 61 * MIN, 85], [AT - 59 * MIN, null], [AT - 30 * MIN, 90], [AT, 93.5]],
  'db1/df/_home': [[AT - 10 * MIN, 40], [AT, 40]],
  'db1/zero/z': [[AT - 70 * MIN, 0], [AT, 5]],
};
const project = (options: Record<string, unknown>) =>
  numberTile.project({ tile: { id: 'n', title: 'N', source: 's' }, options: numberTile.options.parse(options), reading, history: (s) => histories[s] ?? [], now: AT });

describe('number tile', () => {
  it('shows the value coloured by the source thresholds and its change since N minutes ago', () => {
    const { status, data, reason } = project({ series: 'db1/df/_var' });
    expect(status).toBe('warning');
    expect(reason).toBeNull();
    expect(data).toMatchObject({ key: 'db1/df/_var', label: '/var', unit: '%', current: 93.5, compareMs: 60 * MIN, warning: { max: 92 }, critical: { max: 98 }, detail: null, decimals: null });
    // the last value at or before 60 min ago is the 85 % of 61 min ago (the null after it is skipped)
    expect(data.change).toEqual({ since: AT - 61 * MIN, previous: 85, delta: 8.5, percent: 10, direction: 'up' });
    expect(data.points.length).toBeGreaterThan(0);
    expect(data.points.every(([t]) => t >= AT - 60 * MIN - 30_000)).toBe(true);
  });

  it('has no change when the history does not reach back that far', () => {
    expect(project({ series: 'db1/df/_home', compareMinutes: 60 }).data.change).toBeNull();
    expect(project({ series: 'db1/df/_home', compareMinutes: 5 }).data.change).toMatchObject({ delta: 0, percent: 0, direction: 'flat' });
  });

  it('gives no percentage against zero', () => {
    expect(project({ series: 'db1/zero/z' }).data.change).toMatchObject({ previous: 0, delta: 5, percent: null, direction: 'up' });
  });

  it('uses the tile\'s own limits and decimals when set', () => {
    const { status, data } = project({ series: 'db1/df/_var', warning: 95, critical: '10:99', decimals: 1 });
    expect(status).toBe('ok');
    expect(data).toMatchObject({ warning: { min: null, max: 95 }, critical: { min: 10, max: 99 }, decimals: 1 });
    expect(project({ series: 'db1/df/_home', critical: '50:' }).status).toBe('critical');
  });

  it('shows a failing plugin as critical with the reason', () => {
    expect(project({ series: 'db1/test_broken/x' })).toMatchObject({ status: 'critical', data: { current: null, detail: 'plugin failed (bad exit)', change: null } });
  });

  it('says which series it shows when a glob matches several, and when none', () => {
    expect(project({ series: 'db1/df/*' })).toMatchObject({ data: { key: 'db1/df/_var' }, reason: '"db1/df/*" matches 2 series; showing db1/df/_var' });
    expect(project({ series: 'nope' })).toMatchObject({ status: 'unknown', data: { key: null }, reason: 'no series matches nope' });
    expect(() => numberTile.options.parse({})).toThrow();
    expect(() => numberTile.options.parse({ series: 'x', warning: 'lots' })).toThrow(/munin-style range/);
  });
});
