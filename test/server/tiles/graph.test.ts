import { describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/sources/reading.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { graphTile } from '../../../src/server/tiles/graph.js';

const AT = Date.UTC(2026, 10, 25, 12);
const reading: MetricsReading = {
  type: 'metrics',
  at: AT,
  samples: [
    { series: 'web1/load/load', value: 0.8, unit: 'load', label: 'web1 load', group: 'Load average', warning: { min: null, max: 4 }, critical: { min: null, max: 8 } },
    { series: 'web2/load/load', value: 5.5, unit: 'load', label: 'web2 load', group: 'Load average', warning: { min: null, max: 4 }, critical: { min: null, max: 8 } },
    { series: 'web3/load', value: null, unit: '', label: 'web3', error: 'munin-node 10.0.0.3:4949: connection refused' },
    { series: 'web1/cpu/user', value: 40, unit: '%', label: 'web1 user', group: 'CPU usage' },
  ],
};
/** 24 h of 5 s points for every series: far more than a socket should carry. */
const history = (series: string): HistoryPoint[] =>
  series === 'web3/load' ? [] : Array.from({ length: 17_281 }, (_, i) => [AT - 86_400_000 + i * 5000, series.startsWith('web2') ? 5 : (i % 12) / 10]);
const project = (options: Record<string, unknown>, r: MetricsReading | null = reading) =>
  graphTile.project({ tile: { id: 'g', title: 'G', source: 's' }, options: graphTile.options.parse(options), reading: r, history, now: AT + 999 });

describe('graph tile', () => {
  it('charts the matching series over the window, downsampled on shared bucket starts', () => {
    const { status, data } = project({ series: ['*/load/load'], windowMinutes: 24 * 60 });
    expect(status).toBe('warning'); // web2 at 5.5 is above its warning of 4
    expect(data).toMatchObject({ windowMs: 86_400_000, to: AT, bucketMs: 300_000, aggregate: 'avg', stacked: false, yMin: null, yMax: null, unit: 'load' });
    expect(data.series.map((s) => [s.key, s.label, s.group, s.current, s.status])).toEqual([
      ['web1/load/load', 'web1 load', 'Load average', 0.8, 'ok'],
      ['web2/load/load', 'web2 load', 'Load average', 5.5, 'warning'],
    ]);
    const [a, b] = data.series;
    expect(a!.points.length).toBeLessThanOrEqual(300);
    expect(a!.points.map((p) => p[0])).toEqual(b!.points.map((p) => p[0]));
    // 60 points per 5-minute bucket with values 0.0 … 1.1 repeating: the average is 0.55
    expect(a!.points[5]![1]).toBeCloseTo(0.55, 6);
  });

  it('keeps spikes with the max aggregate', () => {
    const { data } = project({ series: ['web1/load/load'], aggregate: 'max', windowMinutes: 24 * 60 });
    // every full 5-minute bucket peaks at 1.1; the newest holds only the point at AT (0.0)
    expect(data.series[0]!.points.slice(0, -1).every((p) => p[1] === 1.1)).toBe(true);
  });

  it('passes chart options through and takes the unit only when the series share one', () => {
    const { data } = project({ stacked: true, yMin: 0, yMax: 10, windowMinutes: 10 });
    expect(data).toMatchObject({ stacked: true, yMin: 0, yMax: 10, unit: '', bucketMs: 5000 });
    expect(data.series[0]!.points[0]![0]).toBeGreaterThanOrEqual(AT - 600_000);
    expect(() => graphTile.options.parse({ yMin: 5, yMax: 1 })).toThrow(/yMin must be below yMax/);
  });

  it('shows a failed node as critical with its reason', () => {
    const { status, data } = project({ series: ['web3/*'] });
    expect(status).toBe('critical');
    expect(data.series[0]).toMatchObject({ current: null, status: 'critical', detail: 'munin-node 10.0.0.3:4949: connection refused', points: [] });
  });

  it('lets the tile override the source thresholds, with numbers or munin ranges', () => {
    expect(project({ series: ['web2/*'], critical: 5 }).data.series[0]).toMatchObject({ status: 'critical', critical: { min: null, max: 5 } });
    expect(project({ series: ['web1/load/load'], warning: '1:' }).data.series[0]).toMatchObject({ status: 'warning', warning: { min: 1, max: null } });
  });

  it('is unknown with a reason when nothing matches, and with no reading yet', () => {
    expect(project({ series: ['db*'] })).toMatchObject({ status: 'unknown', reason: 'no series matches db*', data: { series: [] } });
    expect(project({}, null)).toMatchObject({ status: 'unknown', data: { to: null, series: [] } });
  });

  it('does not change between polls just because time passes', () => {
    const at = (now: number) => graphTile.project({ tile: { id: 'g', title: 'G', source: 's' }, options: graphTile.options.parse({}), reading, history, now });
    expect(JSON.stringify(at(AT + 1000))).toBe(JSON.stringify(at(AT + 4000)));
  });
});
