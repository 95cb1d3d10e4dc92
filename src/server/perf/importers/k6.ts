import { z } from 'zod';
import type { PerfEvent } from '../../../shared/pushed-events/perf.js';
import { PerfImportError, shownValue } from './import-error.js';
import { parseJsonDocument } from './json-document.js';
import { jsonObject, readShape } from './json-shape.js';
import { perfEventsOf, type ImportRun, type PerfMeasure } from './perf-run.js';

/** A k6 summary is tens of kilobytes even with many custom metrics. */
export const MAX_K6_CHARS = 2_000_000;

const EXPECTED = "k6's summary (k6 run --summary-export FILE, or JSON.stringify of handleSummary's data)";

// --summary-export writes each metric's values flat ({"avg": …, "p(95)": …}); handleSummary's data
// nests them under `values` (and names a rate's share `rate` where the export says `value`)
const metricValues = jsonObject({ values: z.record(z.string(), z.unknown()).optional() }).transform((metric) => metric.values ?? metric);
const k6Summary = jsonObject({ metrics: z.record(z.string(), metricValues, { error: (issue) => `expected an object, got ${shownValue(issue.input)}` }) });

/** The timing layers of k6's http_req_duration (sending + waiting + receiving) and of opening a connection. */
const LAYERS: readonly [layer: string, metric: string][] = [
  ['connect', 'http_req_connecting'],
  ['tls', 'http_req_tls_handshaking'],
  ['sending', 'http_req_sending'],
  ['waiting', 'http_req_waiting'],
  ['receiving', 'http_req_receiving'],
];

/**
 * k6's end-of-test summary → `perf` events for one revision: http_req_duration's median and every
 * percentile the summary has (`--summary-trend-stats`; p90 and p95 by default) in ms, each with the
 * timing layers' medians; http_reqs' rate as requests/s; http_req_failed and checks as the % that failed.
 */
export function importK6(text: string, run: ImportRun): PerfEvent[] {
  const { metrics } = readShape(k6Summary, parseJsonDocument(text, MAX_K6_CHARS, EXPECTED), EXPECTED);
  const name = run.name ?? 'http';
  const stat = (metric: string, key: string): number | undefined => {
    const value = metrics[metric]?.[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new PerfImportError(`expected a number, got ${shownValue(value)}`, null, `metrics.${metric}.${key}`);
    return value;
  };
  const duration = metrics.http_req_duration;
  if (!duration) throw new PerfImportError(`missing; ${EXPECTED} has it once a test made an HTTP request`, null, 'metrics.http_req_duration');

  const layers = Object.fromEntries(LAYERS.flatMap(([layer, metric]) => {
    const value = stat(metric, 'med') ?? stat(metric, 'avg');
    return value === undefined ? [] : [[layer, value]];
  }));
  const latency = (label: string, value: number): PerfMeasure => ({
    metric: `${name} ${label} latency`,
    value,
    unit: 'ms',
    higherIsBetter: false,
    ...(Object.keys(layers).length > 0 && { layers }),
  });
  const percentiles = Object.keys(duration)
    .flatMap((key) => {
      const percent = /^p\((\d{1,2}(?:\.\d{1,3})?)\)$/.exec(key)?.[1];
      return percent === undefined ? [] : [{ percent: Number(percent), value: stat('http_req_duration', key)! }];
    })
    .sort((a, b) => a.percent - b.percent);
  const median = stat('http_req_duration', 'med');
  const measures: PerfMeasure[] = [
    ...(median !== undefined && !percentiles.some((p) => p.percent === 50) ? [latency('p50', median)] : []),
    ...percentiles.map((p) => latency(`p${p.percent}`, p.value)),
  ];
  if (measures.length === 0) throw new PerfImportError('has neither "med" nor a percentile such as "p(95)"', null, 'metrics.http_req_duration');

  const rate = stat('http_reqs', 'rate');
  if (rate !== undefined) measures.push({ metric: `${name} requests/s`, value: rate, unit: 'req/s', higherIsBetter: true });
  const failed = stat('http_req_failed', 'value') ?? stat('http_req_failed', 'rate');
  if (failed !== undefined) measures.push({ metric: `${name} errors`, value: failed * 100, unit: '%', higherIsBetter: false });
  const passes = stat('checks', 'passes');
  const fails = stat('checks', 'fails');
  if (passes !== undefined && fails !== undefined && passes + fails > 0) {
    measures.push({ metric: `${name} failed checks`, value: (100 * fails) / (passes + fails), unit: '%', higherIsBetter: false });
  }
  return perfEventsOf(measures, run, null);
}
