import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PerfImportError } from '../../../../src/server/perf/importers/import-error.js';
import { importK6 } from '../../../../src/server/perf/importers/k6.js';

const fixture = () => readFileSync(new URL('../../../fixtures/perf/k6-summary-export.json', import.meta.url), 'utf8');
type Summary = { metrics: Record<string, Record<string, unknown>> };
const summary = () => JSON.parse(fixture()) as Summary;
const run = { revision: 'r7' };
const problemOf = (text: string) => {
  try {
    importK6(text, run);
  } catch (err) {
    if (err instanceof PerfImportError) return err.message;
    throw err;
  }
  throw new Error('imported');
};

describe('k6 importer', () => {
  it('reads http_req_duration\'s median and percentiles with the timing layers, requests/s, failed requests and checks', () => {
    const events = importK6(fixture(), run);
    const layers = { connect: 0, tls: 0, sending: 0.017811, waiting: 35.9822605, receiving: 0.0883615 };
    expect(events).toEqual([
      { kind: 'perf', revision: 'r7', metric: 'http p50 latency', value: 36.744301, unit: 'ms', higherIsBetter: false, layers },
      { kind: 'perf', revision: 'r7', metric: 'http p90 latency', value: 67.2305186, unit: 'ms', higherIsBetter: false, layers },
      { kind: 'perf', revision: 'r7', metric: 'http p95 latency', value: 85.1098512, unit: 'ms', higherIsBetter: false, layers },
      { kind: 'perf', revision: 'r7', metric: 'http requests/s', value: 79.95304419081473, unit: 'req/s', higherIsBetter: true },
      { kind: 'perf', revision: 'r7', metric: 'http errors', value: 0.375, unit: '%', higherIsBetter: false },
      { kind: 'perf', revision: 'r7', metric: 'http failed checks', value: 0.375, unit: '%', higherIsBetter: false },
    ]);
  });

  it('takes every percentile --summary-trend-stats asked for, in order', () => {
    const s = summary();
    s.metrics.http_req_duration = { avg: 40, med: 35, 'p(99.9)': 400, 'p(99)': 190, 'p(50)': 35.5, count: 2400 };
    expect(importK6(JSON.stringify(s), { ...run, name: 'search' }).slice(0, 3).map((e) => [e.metric, e.value])).toEqual([
      ['search p50 latency', 35.5],
      ['search p99 latency', 190],
      ['search p99.9 latency', 400],
    ]);
  });

  it('reads handleSummary\'s data too (values nested, a rate named rate)', () => {
    const s = summary();
    const nested = { metrics: Object.fromEntries(Object.entries(s.metrics).map(([name, values]) => [name, { type: 'trend', contains: 'time', values: name === 'http_req_failed' ? { rate: 0.01, passes: 24, fails: 2376 } : values }])) };
    const events = importK6(JSON.stringify(nested), run);
    expect(events.find((e) => e.metric === 'http p95 latency')?.value).toBe(85.1098512);
    expect(events.find((e) => e.metric === 'http errors')?.value).toBe(1);
  });

  it('leaves out what the summary does not have (no checks, no http_req_failed in k6 before 0.31, no layers)', () => {
    const s = summary();
    for (const name of ['checks', 'http_req_failed', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving']) delete s.metrics[name];
    const events = importK6(JSON.stringify(s), run);
    expect(events.map((e) => e.metric)).toEqual(['http p50 latency', 'http p90 latency', 'http p95 latency', 'http requests/s']);
    expect(events[0]!.layers).toBeUndefined();
  });

  it('names the field of a summary it cannot read', () => {
    const s = summary();
    expect(problemOf(JSON.stringify({ ...s, metrics: { ...s.metrics, http_req_duration: { ...s.metrics.http_req_duration, 'p(95)': '85ms' } } }))).toBe('metrics.http_req_duration.p(95): expected a number, got "85ms"');
    expect(problemOf(JSON.stringify({ ...s, metrics: { ...s.metrics, http_reqs: { count: 1, rate: null } } }))).toBe('metrics.http_reqs.rate: expected a number, got null');
    expect(problemOf(JSON.stringify({ ...s, metrics: { ...s.metrics, http_reqs: 'many' } }))).toBe('metrics.http_reqs: expected an object, got "many"');
    const withoutDuration = summary();
    delete withoutDuration.metrics.http_req_duration;
    expect(problemOf(JSON.stringify(withoutDuration))).toMatch(/^metrics\.http_req_duration: missing; /);
    expect(problemOf(JSON.stringify({ ...s, metrics: { ...s.metrics, http_req_duration: { avg: 1, max: 2 } } }))).toBe('metrics.http_req_duration: has neither "med" nor a percentile such as "p(95)"');
    expect(problemOf('{"root_group": {}}')).toBe('metrics: expected an object, got nothing');
    expect(problemOf('{"metrics": {"http_reqs": {"count": 1,}}}')).toMatch(/^line 1: column 39: not valid JSON \(/);
  });
});
