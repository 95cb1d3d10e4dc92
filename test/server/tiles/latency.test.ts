import { describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { latencyTile } from '../../../src/server/tiles/latency.js';
import { noRelated } from '../../helpers/projection-input.js';

const NOW = Date.UTC(2026, 10, 25, 12);
const reading: MetricsReading = {
  type: 'metrics',
  at: NOW,
  samples: [
    { series: 'checkout', value: 250, unit: 'ms', label: 'checkout' },
    { series: 'search', value: null, unit: 'ms', label: 'search', error: 'HTTP 503' },
    { series: 'web01/test_latency/p95', value: 310, unit: 'ms', label: 'p95', warning: { min: null, max: 400 }, critical: { min: null, max: 800 } },
  ],
};
const history = (series: string): HistoryPoint[] =>
  series === 'checkout' ? [[NOW - 20 * 60_000, 999], [NOW - 60_000, 100], [NOW - 30_000, null], [NOW, 250]] : [];
const project = (options: Record<string, unknown>) =>
  latencyTile.project({ related: noRelated, tile: { id: 't', title: 'T', source: 's' }, options: latencyTile.options.parse(options), reading, history, now: NOW });

describe('latency tile', () => {
  it('colours a series by the tile\'s own limits and gives window statistics', () => {
    const { status, data } = project({ series: ['checkout'], warning: 200, critical: 400 });
    expect(status).toBe('warning');
    expect(data.series).toHaveLength(1);
    const s = data.series[0]!;
    expect(s).toMatchObject({ key: 'checkout', current: 250, status: 'warning', warning: { min: null, max: 200 }, critical: { min: null, max: 400 } });
    // the point 20 min ago is outside the 15 min window; nulls are gaps, not zeros
    expect(s.points).toEqual([[NOW - 60_000, 100], [NOW - 30_000, null], [NOW, 250]]);
    expect(s).toMatchObject({ min: 100, avg: 175, p95: 250 });
  });

  it('treats a failed probe as critical with its reason', () => {
    const { status, data, reason } = project({ series: ['search'] });
    expect(status).toBe('critical');
    expect(data.series[0]).toMatchObject({ current: null, status: 'critical', detail: 'HTTP 503' });
    // the tile's reason says it too, for whoever reads the API rather than the series
    expect(reason).toBe('search: HTTP 503');
    expect(project({ series: ['checkout'] }).reason).toBeNull();
  });

  it('uses thresholds from the source (munin warning/critical) unless the tile overrides them', () => {
    expect(project({ series: ['web01/*'] }).data.series[0]).toMatchObject({ status: 'ok', warning: { max: 400 } });
    expect(project({ series: ['web01/*'], warning: 300 }).data.series[0]).toMatchObject({ status: 'warning', warning: { max: 300 } });
  });

  it('shows several series with the worst status for the tile, and says when nothing matches', () => {
    expect(project({}).status).toBe('critical');
    expect(project({}).data.series.map((s) => s.key)).toEqual(['checkout', 'search', 'web01/test_latency/p95']);
    const none = project({ series: ['nothing*'] });
    expect(none).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^no series matches nothing\* \(\d+ series reported\)$/) });
  });

  it('is unknown with no data yet', () => {
    const r = latencyTile.project({ related: noRelated, tile: { id: 't', title: 'T', source: 's' }, options: latencyTile.options.parse({}), reading: null, history, now: NOW });
    expect(r).toMatchObject({ status: 'unknown', data: { series: [] } });
  });
});

describe('latency tile over time', () => {
  it('does not change while no new data arrives (its window ends at the reading)', () => {
    const options = latencyTile.options.parse({});
    const at = (now: number) => latencyTile.project({ related: noRelated, tile: { id: 't', title: 'T', source: 's' }, options, reading, history, now });
    expect(at(NOW + 60_000)).toEqual(at(NOW));
  });
});

describe('latency tile gaps', () => {
  /** Probes every 5 s, each landing up to 0.4 s late, with the ticks in `skipped` missing. */
  const probes = (skipped: readonly number[]): HistoryPoint[] =>
    Array.from({ length: 120 }, (_, i) => i)
      .filter((i) => !skipped.includes(i))
      .map((i): HistoryPoint => [NOW - (119 - i) * 5000 + ((i * 7919) % 400), 100 + i]);
  const sparkline = (points: HistoryPoint[]) =>
    latencyTile.project({ related: noRelated,
      tile: { id: 't', title: 'T', source: 's' },
      options: latencyTile.options.parse({ series: ['checkout'], windowMinutes: 15 }),
      reading: { ...reading, at: points.at(-1)![0] },
      history: () => points,
      now: NOW,
    }).data.series[0]!.points;

  it('carries a null where the probes stopped for more than 3 typical steps, so the widget breaks its line there', () => {
    const points = probes([50, 51, 52, 53]);
    const drawn = sparkline(points);
    const before = points[49]!; // the last probe before the outage (ticks 50–53)
    expect(drawn.filter(([, v]) => v === null)).toHaveLength(1);
    // one typical step (5 s give or take the jitter) after the last probe before the outage
    const [gapAt] = drawn.find(([, v]) => v === null)!;
    expect(gapAt - before[0]).toBeGreaterThan(4600);
    expect(gapAt - before[0]).toBeLessThan(5400);
    expect(drawn.filter(([, v]) => v !== null)).toEqual(points);
  });

  it('draws through a single late or skipped probe', () => {
    expect(sparkline(probes([50, 90])).filter(([, v]) => v === null)).toEqual([]);
  });
});
