import { describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { latencyTile } from '../../../src/server/tiles/latency.js';
import { noRelated } from '../../helpers/projection-input.js';

const NOW = Date.UTC(2026, 10, 25, 12);
const reading: MetricsReading = {
  type: 'metrics',
  at: NOW,
  samples: [{ series: 'web1/test_latency/p95', value: 950, unit: 'ms', label: 'p95', warning: { min: null, max: 400 }, critical: { min: null, max: 800 } }],
};
/** 24 h of 5 s points with one spike. */
const history = (): HistoryPoint[] => Array.from({ length: 17_281 }, (_, i) => [NOW - 86_400_000 + i * 5000, i === 10_000 ? 5000 : 100]);
const project = (options: Record<string, unknown>) =>
  latencyTile.project({ related: noRelated, tile: { id: 't', title: 'T', source: 's' }, options: latencyTile.options.parse(options), reading, history, now: NOW });

describe('latency tile with munin sources and long windows', () => {
  it('turns critical when a munin value crosses the source\'s critical', () => {
    expect(project({}).data.series[0]).toMatchObject({ status: 'critical', warning: { max: 400 }, critical: { max: 800 } });
  });

  it('accepts munin-style ranges as overrides', () => {
    expect(project({ warning: '100:2000', critical: '50:' }).data.series[0]).toMatchObject({ status: 'ok', warning: { min: 100, max: 2000 }, critical: { min: 50, max: null } });
    expect(project({ critical: '1000:' }).status).toBe('critical');
  });

  it('downsamples a long window for the sparkline but keeps statistics and spikes exact', () => {
    const s = project({ windowMinutes: 24 * 60 }).data.series[0]!;
    expect(s.points.length).toBeLessThanOrEqual(300);
    expect(Math.max(...s.points.map((p) => p[1] ?? 0))).toBe(5000);
    expect(s.min).toBe(100);
    expect(s.p95).toBe(100);
  });

  it('leaves short windows untouched', () => {
    expect(project({ windowMinutes: 15 }).data.series[0]!.points).toHaveLength(181);
  });
});
