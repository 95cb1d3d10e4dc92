import { describe, expect, it } from 'vitest';
import type { MetricSample } from '../../../src/server/readings/metrics.js';
import { seriesStatus } from '../../../src/server/tiles/series-status.js';

const sample = (value: number | null, extra: Partial<MetricSample> = {}): MetricSample => ({ series: 's', label: 's', unit: 'ms', value, ...extra });
const fromMunin = { warning: { min: null, max: 400 }, critical: { min: null, max: 800 } };

describe('series status', () => {
  it("judges a value against the source's limits: outside critical is critical, outside warning a warning", () => {
    expect(seriesStatus(sample(300, fromMunin), {})).toEqual({ status: 'ok', detail: null, ...fromMunin });
    expect(seriesStatus(sample(450, fromMunin), {}).status).toBe('warning');
    expect(seriesStatus(sample(900, fromMunin), {}).status).toBe('critical');
  });

  it("lets the tile's own limits override the source's, one by one", () => {
    expect(seriesStatus(sample(300, fromMunin), { warning: 250 })).toEqual({ status: 'warning', detail: null, warning: { min: null, max: 250 }, critical: fromMunin.critical });
    expect(seriesStatus(sample(5, fromMunin), { critical: '10:' })).toMatchObject({ status: 'critical', critical: { min: 10, max: null } });
  });

  it('is unknown without a value, and critical with the error as detail when the upstream failed', () => {
    expect(seriesStatus(sample(null), {})).toEqual({ status: 'unknown', detail: 'no value', warning: null, critical: null });
    expect(seriesStatus(sample(null, { error: 'HTTP 503' }), {})).toMatchObject({ status: 'critical', detail: 'HTTP 503' });
    // an error wins over a value within its limits
    expect(seriesStatus(sample(10, { ...fromMunin, error: 'plugin failed (bad exit)' }), {}).status).toBe('critical');
  });
});
