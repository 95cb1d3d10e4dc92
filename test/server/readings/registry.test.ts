import { describe, expect, it } from 'vitest';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import type { MonitoringReading } from '../../../src/server/readings/monitoring.js';
import { readingKinds, readingSchema } from '../../../src/server/readings/registry.js';
import { parseStoreState } from '../../../src/server/store/state-schema.js';

const metrics: MetricsReading = { type: 'metrics', at: 1_000, samples: [{ series: 'checkout', value: 120, unit: 'ms', label: 'checkout' }], carry: { version: 1 } };
const monitoring: MonitoringReading = {
  type: 'monitoring',
  at: 1_000,
  upstream: { program: 'Nagios Core 4.4.6', reachable: true, checking: true, lastUpdate: 900, detail: null },
  checks: [],
};

const issues = (value: unknown) => {
  const result = readingSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
};

describe('reading kinds', () => {
  it('lists every kind once, by its type', () => {
    expect(readingKinds.map((kind) => kind.type)).toEqual(['builds', 'deploys', 'fmea', 'incidents', 'metrics', 'monitoring', 'notes', 'perf']);
  });

  it('checks a reading with the schema of its own kind and keeps fields this version does not know', () => {
    expect(readingSchema.parse(metrics)).toEqual(metrics);
    expect(readingSchema.parse(monitoring)).toEqual(monitoring);
    expect(readingSchema.parse({ ...metrics, fromANewerVersion: [1] })).toMatchObject({ fromANewerVersion: [1] });
  });

  it('names the field that is wrong at its own path', () => {
    expect(issues({ ...metrics, samples: [{ ...metrics.samples[0], value: 'fast' }] })).toEqual([{ path: ['samples', 0, 'value'], message: expect.stringMatching(/expected number/) }]);
    expect(issues({ ...monitoring, upstream: { ...monitoring.upstream, reachable: 'yes' } })).toEqual([{ path: ['upstream', 'reachable'], message: expect.stringMatching(/expected boolean/) }]);
  });

  it('names an unknown type and the types there are', () => {
    expect(issues({ type: 'perf-results', at: 1 })).toEqual([{ path: ['type'], message: 'unknown reading type "perf-results"; expected one of builds, deploys, fmea, incidents, metrics, monitoring, notes, perf' }]);
    expect(issues({ at: 1 })).toEqual([{ path: ['type'], message: expect.stringMatching(/expected string/) }]);
  });

  it('is what the state file checks its readings with, reported by JSON path', () => {
    const poll = { state: 'ok', lastSuccessAt: 1_000, lastAttemptAt: 1_000, lastError: null, lastErrorAt: null, consecutiveFailures: 0, restored: false };
    const state = (reading: unknown) => ({ version: 1, savedAt: 2_000, sources: { web: { poll, reading, history: {} } } });
    expect(parseStoreState(state(metrics))).toMatchObject({ ok: true });
    expect(parseStoreState(state({ ...metrics, samples: [{ ...metrics.samples[0], unit: 7 }] }))).toEqual({
      ok: false,
      problem: expect.stringContaining('$.sources.web.reading.samples[0].unit: expected string'),
    });
    expect(parseStoreState(state({ type: 'perf-results', at: 1 }))).toEqual({
      ok: false,
      problem: expect.stringContaining('$.sources.web.reading.type: unknown reading type "perf-results"; expected one of builds, deploys, fmea, incidents, metrics, monitoring, notes, perf'),
    });
  });
});
