import { describe, expect, it } from 'vitest';
import type { MetricSample, MetricsReading } from '../../../src/server/readings/metrics.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { graphTile } from '../../../src/server/tiles/graph.js';
import { noRelated } from '../../helpers/projection-input.js';

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
  graphTile.project({ related: noRelated, tile: { id: 'g', title: 'G', source: 's' }, options: graphTile.options.parse(options), reading: r, history, now: AT + 999 });

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
    expect(project({ series: ['db*'] })).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^no series matches db\* \(\d+ series reported\)$/), data: { series: [] } });
    expect(project({}, null)).toMatchObject({ status: 'unknown', data: { to: null, series: [] } });
  });

  describe('vertical range from the source (munin graph_args)', () => {
    const cpu = (axis: MetricSample['axis'], values: number[]): { reading: MetricsReading; history: (series: string) => HistoryPoint[] } => ({
      reading: {
        type: 'metrics',
        at: AT,
        samples: values.map((v, i) => ({ series: `web1/cpu/f${i}`, value: v, unit: '%', label: `f${i}`, group: 'CPU usage', ...(axis ? { axis } : {}) })),
      },
      history: (series) => [[AT - 60_000, values[Number(series.slice(-1))]!], [AT, values[Number(series.slice(-1))]!]],
    });
    const projectWith = (options: Record<string, unknown>, input: ReturnType<typeof cpu>) =>
      graphTile.project({ related: noRelated, tile: { id: 'g', title: 'G', source: 's' }, options: graphTile.options.parse(options), reading: input.reading, history: input.history, now: AT });
    const range = (options: Record<string, unknown>, input: ReturnType<typeof cpu>) => {
      const { yMin, yMax } = projectWith(options, input).data;
      return { yMin, yMax };
    };
    const rigid = { lower: 0, upper: 200, rigid: true, base: 1000 } as const;
    const extent = { lower: 0, upper: 200, rigid: false, base: 1000 } as const;

    it('uses --upper-limit as the top when the tile sets none, so CPU shows 0–200 % without yMax', () => {
      expect(range({ stacked: true }, cpu(rigid, [30, 10, 5]))).toEqual({ yMin: null, yMax: 200 });
      expect(range({}, cpu(extent, [30, 10]))).toEqual({ yMin: null, yMax: 200 });
    });

    it('lets data beyond a non-rigid limit widen the chart, and holds a --rigid one', () => {
      // stacked, the values add up to 230: above the limit
      expect(range({ stacked: true }, cpu(extent, [150, 80]))).toEqual({ yMin: null, yMax: null });
      expect(range({}, cpu(extent, [150, 80]))).toEqual({ yMin: null, yMax: 200 });
      expect(range({ stacked: true }, cpu(rigid, [150, 80]))).toEqual({ yMin: null, yMax: 200 });
      // a lower limit below the data's own bottom (0) is shown; a rigid one cuts off data below it
      expect(range({}, cpu({ ...extent, lower: -50 }, [10]))).toEqual({ yMin: -50, yMax: 200 });
      expect(range({}, cpu({ ...extent, lower: 20 }, [10]))).toEqual({ yMin: null, yMax: 200 });
      expect(range({}, cpu({ ...rigid, lower: 20 }, [10]))).toEqual({ yMin: 20, yMax: 200 });
      expect(range({}, cpu({ ...rigid, upper: null }, [-10]))).toEqual({ yMin: 0, yMax: null });
    });

    it('gives way to the tile\'s yMin/yMax, and to a tile limit it would contradict', () => {
      expect(range({ yMax: 100 }, cpu(rigid, [30]))).toEqual({ yMin: null, yMax: 100 });
      expect(range({ yMin: 10 }, cpu(rigid, [30]))).toEqual({ yMin: 10, yMax: 200 });
      expect(range({ yMin: 300 }, cpu(rigid, [30]))).toEqual({ yMin: 300, yMax: null });
      expect(range({ yMax: 5 }, cpu({ ...rigid, lower: 10 }, [30]))).toEqual({ yMin: null, yMax: 5 });
    });

    it('uses limits only when every charted series has one, and then the widest', () => {
      const mixed = cpu(rigid, [30, 10]);
      mixed.reading.samples[1] = { ...mixed.reading.samples[1]!, axis: { ...rigid, upper: 400 } };
      expect(range({}, mixed)).toEqual({ yMin: null, yMax: 400 });
      delete mixed.reading.samples[1]!.axis;
      expect(range({}, mixed)).toEqual({ yMin: null, yMax: null });
      expect(range({}, cpu(undefined, [30]))).toEqual({ yMin: null, yMax: null });
    });

    it('counts in powers of 1024 only when every series says --base 1024 (memory, bytes)', () => {
      expect(projectWith({}, cpu({ ...extent, base: 1024 }, [30, 10])).data.base).toBe(1024);
      expect(projectWith({}, cpu(extent, [30, 10])).data.base).toBe(1000);
      const mixed = cpu({ ...extent, base: 1024 }, [30, 10]);
      delete mixed.reading.samples[1]!.axis;
      expect(projectWith({}, mixed).data.base).toBe(1000);
    });
  });

  it('does not change between polls just because time passes', () => {
    const at = (now: number) => graphTile.project({ related: noRelated, tile: { id: 'g', title: 'G', source: 's' }, options: graphTile.options.parse({}), reading, history, now });
    expect(JSON.stringify(at(AT + 1000))).toBe(JSON.stringify(at(AT + 4000)));
  });
});
