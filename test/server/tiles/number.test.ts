import { describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { numberTile } from '../../../src/server/tiles/number.js';
import { noRelated } from '../../helpers/projection-input.js';

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
    { series: 'db1/outage/x', value: 50, unit: '', label: 'x' },
    { series: 'db1/slow/x', value: 12, unit: '', label: 'x' },
  ],
};
const histories: Record<string, HistoryPoint[]> = {
  'db1/df/_var': [[AT - 90 * MIN, 70], [AT - 61 * MIN, 85], [AT - 59 * MIN, null], [AT - 30 * MIN, 90], [AT, 93.5]],
  'db1/df/_home': [[AT - 10 * MIN, 40], [AT, 40]],
  'db1/zero/z': [[AT - 70 * MIN, 0], [AT, 5]],
  // polled every minute, then a 195-minute outage ending 5 minutes ago
  'db1/outage/x': [...everyMinute(AT - 300 * MIN, AT - 200 * MIN, 20), ...everyMinute(AT - 5 * MIN, AT, 50)],
  // polled every 5 minutes
  'db1/slow/x': [[AT - 15 * MIN, 9], [AT - 10 * MIN, 10], [AT - 5 * MIN, 11], [AT, 12]],
};

function everyMinute(from: number, to: number, value: number): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (let t = from; t <= to; t += MIN) out.push([t, value]);
  return out;
}
const project = (options: Record<string, unknown>) =>
  numberTile.project({ related: noRelated, tile: { id: 'n', title: 'N', source: 's' }, options: numberTile.options.parse(options), reading, history: (s) => histories[s] ?? [], now: AT });

describe('number tile', () => {
  it('shows the value coloured by the source thresholds and its change since N minutes ago', () => {
    const { status, data, reason } = project({ series: 'db1/df/_var' });
    expect(status).toBe('warning');
    expect(reason).toBeNull();
    expect(data).toMatchObject({ key: 'db1/df/_var', label: '/var', unit: '%', current: 93.5, compareMs: 60 * MIN, warning: { max: 92 }, critical: { max: 98 }, detail: null, decimals: null });
    // the last value at or before 60 min ago is the 85 % of 61 min ago (the null after it is skipped)
    expect(data.change).toEqual({ since: AT - 61 * MIN, spanMs: 61 * MIN, previous: 85, delta: 8.5, percent: 10, direction: 'up' });
    expect(data.points.length).toBeGreaterThan(0);
    expect(data.points.every(([t]) => t >= AT - 60 * MIN - 30_000)).toBe(true);
  });

  it('has no change when the history does not reach back that far', () => {
    expect(project({ series: 'db1/df/_home', compareMinutes: 60 }).data.change).toBeNull();
    expect(project({ series: 'db1/df/_home', compareMinutes: 5 }).data.change).toMatchObject({ delta: 0, percent: 0, direction: 'flat' });
  });

  it('does not compare against a value from long before the period, e.g. before an outage', () => {
    // 60 min ago the source was down; the last value before that is 200 min old: no change, rather than a wrong "in 60 min"
    expect(project({ series: 'db1/outage/x', compareMinutes: 60 }).data.change).toBeNull();
    expect(project({ series: 'db1/outage/x', compareMinutes: 120 }).data.change).toBeNull();
    // within half a period of the target the older value is used, and its real age is carried
    expect(project({ series: 'db1/outage/x', compareMinutes: 180 }).data.change).toMatchObject({ since: AT - 200 * MIN, spanMs: 200 * MIN, previous: 20, delta: 30 });
    expect(project({ series: 'db1/outage/x', compareMinutes: 240 }).data.change).toMatchObject({ since: AT - 240 * MIN, spanMs: 240 * MIN });
    expect(project({ series: 'db1/outage/x', compareMinutes: 3 }).data.change).toMatchObject({ since: AT - 3 * MIN, spanMs: 3 * MIN, delta: 0 });
  });

  it('compares against the previous poll when the source is polled less often than the period', () => {
    // polled every 5 minutes, compared over 1: the reading 5 minutes ago, and it says so
    expect(project({ series: 'db1/slow/x', compareMinutes: 1 }).data.change).toMatchObject({ since: AT - 5 * MIN, spanMs: 5 * MIN, previous: 11, delta: 1, direction: 'up' });
    expect(project({ series: 'db1/slow/x', compareMinutes: 10 }).data.change).toMatchObject({ spanMs: 10 * MIN, previous: 10 });
    // 15 minutes back is the oldest reading; 30 would need one from 30–45 min ago
    expect(project({ series: 'db1/slow/x', compareMinutes: 30 }).data.change).toBeNull();
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
    expect(project({ series: 'nope' })).toMatchObject({ status: 'unknown', data: { key: null }, reason: expect.stringMatching(/^no series matches nope \(\d+ series reported\)$/) });
    expect(() => numberTile.options.parse({})).toThrow();
    expect(() => numberTile.options.parse({ series: 'x', warning: 'lots' })).toThrow(/munin-style range/);
  });
});
