import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PerfImportError } from '../../../../src/server/perf/importers/import-error.js';
import { importJmeterJtl, JTL_LIMITS } from '../../../../src/server/perf/importers/jmeter-jtl.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/perf/${name}`, import.meta.url), 'utf8');
const run = { revision: 'r7' };
const HEADER = 'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect';
const row = (fields: Partial<Record<'timeStamp' | 'elapsed' | 'label' | 'success' | 'Latency' | 'Connect', string>> = {}) =>
  [fields.timeStamp ?? '1764511200000', fields.elapsed ?? '100', fields.label ?? 'Login', '200', 'OK', 'Users 1-1', 'text', fields.success ?? 'true', '', '1834', '412', '1', '1', 'http://shop.test/login', fields.Latency ?? '90', '0', fields.Connect ?? '2'].join(',');
const problemOf = (text: string, limits = JTL_LIMITS) => {
  try {
    importJmeterJtl(text, run, limits);
  } catch (err) {
    if (err instanceof PerfImportError) return err.message;
    throw err;
  }
  throw new Error('imported');
};

describe('JMeter JTL importer', () => {
  it('aggregates the samples overall and per label: p50/p95/p99 of elapsed, throughput over the run\'s span, failed %', () => {
    const events = importJmeterJtl(fixture('jmeter-results.jtl'), run);
    const summary = Object.fromEntries(events.map((e) => [e.metric, e.value]));
    expect(summary).toEqual({
      'overall p50 latency': 199,
      'overall p95 latency': 371,
      'overall p99 latency': 1200,
      // 30 samples from the first start to the last end, 7.448 s
      'overall requests/s': 30 / 7.448,
      'overall errors': (100 * 2) / 30,
      'Login p50 latency': 105,
      'Login p95 latency': 143,
      'Login p99 latency': 143,
      'Login requests/s': expect.closeTo(1.5133, 4),
      'Login errors': 0,
      // a label with a comma comes quoted
      'Search, filtered p50 latency': 205,
      'Search, filtered p95 latency': 260,
      'Search, filtered p99 latency': 260,
      'Search, filtered requests/s': expect.closeTo(1.6671, 4),
      'Search, filtered errors': 0,
      'Checkout p50 latency': 355,
      'Checkout p95 latency': 1200,
      'Checkout p99 latency': 1200,
      'Checkout requests/s': expect.closeTo(1.4265, 4),
      'Checkout errors': 25,
    });
    expect(events.find((e) => e.metric === 'Checkout p95 latency')).toMatchObject({ unit: 'ms', higherIsBetter: false, layers: { connect: 0, server: 347.5, download: 9 }, at: 1764511207448 });
    expect(events.find((e) => e.metric === 'overall requests/s')).toMatchObject({ unit: 'req/s', higherIsBetter: true });
    expect(events.find((e) => e.metric === 'overall requests/s')!.layers).toBeUndefined();
  });

  it('prefixes the metrics with the run\'s name and keeps the most sampled labels only', () => {
    const events = importJmeterJtl(fixture('jmeter-results.jtl'), { ...run, name: 'shop' }, { ...JTL_LIMITS, maxLabels: 1 });
    expect([...new Set(events.map((e) => e.metric.replace(/ (p\d+ latency|requests\/s|errors)$/, '')))]).toEqual(['shop', 'shop Search, filtered']);
  });

  it('reads another delimiter, \\r\\n line ends, TRUE/FALSE and a file without Latency or Connect', () => {
    const text = ['timeStamp;elapsed;label;success', '1764511200000;100;Login;TRUE', '1764511201000;300;Login;FALSE', ''].join('\r\n');
    const events = importJmeterJtl(text, run);
    expect(events.slice(0, 5).map((e) => [e.metric, e.value])).toEqual([
      ['overall p50 latency', 100],
      ['overall p95 latency', 300],
      ['overall p99 latency', 300],
      ['overall requests/s', 2 / 1.3],
      ['overall errors', 50],
    ]);
    expect(events[0]!.layers).toBeUndefined();
  });

  it('names the line and field of a malformed file', () => {
    expect(problemOf(fixture('jmeter-malformed.jtl'))).toBe('line 14: elapsed: expected a number, got "abc"');
    expect(problemOf([HEADER, row({ timeStamp: '2026/12/01 12:00:00' })].join('\n'))).toBe('line 2: timeStamp: expected epoch milliseconds (jmeter.save.saveservice.timestamp_format=ms), got "2026/12/01 12:00:00"');
    expect(problemOf([HEADER, row({ success: 'yes' })].join('\n'))).toBe('line 2: success: expected true or false, got "yes"');
    expect(problemOf([HEADER, row({ Latency: '-3' })].join('\n'))).toBe('line 2: Latency: expected a number, got "-3"');
    expect(problemOf([HEADER, row(), row().split(',').slice(0, 15).join(',')].join('\n'))).toBe('line 3: expected 17 fields as in the header, got 15');
    expect(problemOf([HEADER, row({ label: '"Log"in' })].join('\n'))).toBe('line 2: field 3: text after its closing quote');
    expect(problemOf([HEADER, row({ label: 'Log"in' })].join('\n'))).toBe('line 2: field 3: a quote inside a field that does not start with one');
    expect(problemOf([HEADER, row(), row({ label: '"Login\nand so on' })].join('\n'))).toBe('line 3: a quoted field is not closed');
    expect(problemOf(HEADER.replace(',elapsed', ''))).toBe('line 1: header: no "elapsed" column; JMeter saves it unless its jmeter.save.saveservice property says false');
    expect(problemOf(`${HEADER}\n`)).toBe('no samples after the header line');
    expect(problemOf(row())).toMatch(/^line 1: expected the header line JMeter writes \(timeStamp,elapsed,label,responseCode,…\), got "1764511200000,100,Login,200,OK,Users 1-…"; save the field names/);
    expect(problemOf('<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">')).toMatch(/^line 1: expected the header line JMeter writes .*output_format=csv\)$/);
  });

  it('is bounded: characters, samples, and labels with metrics of their own', () => {
    const rows = (n: number, label: (i: number) => string = () => 'Login') => [HEADER, ...Array.from({ length: n }, (_, i) => row({ label: label(i) }))].join('\n');
    expect(problemOf(rows(3), { ...JTL_LIMITS, maxSamples: 2 })).toBe('line 4: more than 2 samples; aggregate a shorter run or raise the limit');
    expect(problemOf(rows(3), { ...JTL_LIMITS, maxChars: 100 })).toMatch(/^the file has \d+ characters; at most 100 are read$/);
    expect(problemOf(`${HEADER}\n${','.repeat(600)}`)).toBe('line 2: more than 500 fields');
    // every sample still counts overall; labels beyond the tracked ones have no metrics of their own
    const events = importJmeterJtl(rows(40, (i) => `page ${i}`), run, { ...JTL_LIMITS, maxLabels: 50, maxTrackedLabels: 5 });
    expect(events.filter((e) => e.metric.endsWith(' errors')).map((e) => e.metric)).toEqual(['overall errors', 'page 0 errors', 'page 1 errors', 'page 2 errors', 'page 3 errors', 'page 4 errors']);
  });

  it('makes hostile labels plain text in the metric names', () => {
    const events = importJmeterJtl([HEADER, row({ label: '"\u001b[31mLogin\u202e, red"' })].join('\n'), run);
    expect(events.map((e) => e.metric)).toContain('Login , red p95 latency');
  });
});
