import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAutocannon } from '../../../../src/server/perf/importers/autocannon.js';
import { PerfImportError } from '../../../../src/server/perf/importers/import-error.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/perf/${name}`, import.meta.url), 'utf8');
const run = { revision: 'r7' };
const problemOf = (text: string) => {
  try {
    importAutocannon(text, run);
  } catch (err) {
    if (err instanceof PerfImportError) return err.message;
    throw err;
  }
  throw new Error('imported');
};

describe('autocannon importer', () => {
  it('reads the latency percentiles, requests/s and the failed share from autocannon\'s result', () => {
    const events = importAutocannon(fixture('autocannon-result.json'), { ...run, commits: [{ id: 'c0ffee', author: 'Dana' }] });
    const at = Date.parse('2026-11-30T14:02:21.437Z');
    expect(events.map((e) => [e.metric, e.value, e.unit, e.higherIsBetter])).toEqual([
      ['checkout p50 latency', 3, 'ms', false],
      ['checkout p90 latency', 6, 'ms', false],
      ['checkout p97.5 latency', 9, 'ms', false],
      ['checkout p99 latency', 13, 'ms', false],
      ['checkout requests/s', 2460, 'req/s', true],
      // 3 connection errors + 12 non-2xx of 24,613 requests sent
      ['checkout errors', (100 * 15) / 24_613, '%', false],
    ]);
    expect(events.every((e) => e.kind === 'perf' && e.revision === 'r7' && e.at === at && e.commits?.[0]?.id === 'c0ffee')).toBe(true);
  });

  it('names the metrics as the caller says, and takes the caller\'s time over the tool\'s', () => {
    const events = importAutocannon(fixture('autocannon-result.json'), { ...run, name: 'cart', at: Date.UTC(2026, 11, 1) });
    expect(events[0]).toMatchObject({ metric: 'cart p50 latency', at: Date.UTC(2026, 11, 1) });
  });

  it('reports only the failed share of a run that completed no request: its zero latencies are not a result', () => {
    expect(importAutocannon(fixture('autocannon-refused.json'), run).map((e) => [e.metric, e.value])).toEqual([['checkout errors', 100]]);
  });

  it('takes the result of an autocannon without p90 (older versions) and without a title', () => {
    const result = JSON.parse(fixture('autocannon-result.json')) as Record<string, unknown> & { latency: Record<string, unknown> };
    delete result.title;
    delete result.latency.p90;
    expect(importAutocannon(JSON.stringify(result), run).map((e) => e.metric)).toEqual(['http p50 latency', 'http p97.5 latency', 'http p99 latency', 'http requests/s', 'http errors']);
  });

  it('names the field or line of a file that is not autocannon\'s result', () => {
    const result = JSON.parse(fixture('autocannon-result.json')) as { latency: Record<string, unknown> };
    expect(problemOf(JSON.stringify({ ...result, latency: { ...result.latency, p99: 'fast' } }))).toBe('latency.p99: expected a number, got "fast"');
    expect(problemOf(JSON.stringify({ ...result, latency: undefined }))).toBe('latency: expected an object, got nothing');
    expect(problemOf('[1, 2]')).toBe("expected an object, got a list; expected autocannon's result object (autocannon --json, or what autocannon() resolves to)");
    expect(problemOf('{\n  "latency": {\n    "p50": 3,\n    "p99": 13,\n  }\n}')).toMatch(/^line 5: column 3: not valid JSON \(property name expected\)/);
    expect(problemOf('')).toMatch(/^the file is empty/);
    expect(problemOf('{"latency": 1e999}')).toBe('latency: expected an object, got Infinity');
  });

  it('does not read an answer larger than any autocannon result', () => {
    expect(problemOf(' '.repeat(1_000_001))).toBe('the file has 1000001 characters; at most 1000000 are read');
  });

  it('refuses a revision the event schema refuses, naming it', () => {
    expect(() => importAutocannon(fixture('autocannon-result.json'), { revision: '\u0007' })).toThrow('revision: expected text with at least one visible character');
  });
});
