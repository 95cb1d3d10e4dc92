import { z } from 'zod';
import type { PerfEvent } from '../../../shared/pushed-events/perf.js';
import { parseJsonDocument } from './json-document.js';
import { jsonNumber, jsonObject, readShape } from './json-shape.js';
import { perfEventsOf, type ImportRun, type PerfMeasure } from './perf-run.js';

/** An autocannon result is a few kilobytes; anything much larger is not one. */
export const MAX_AUTOCANNON_CHARS = 1_000_000;

const EXPECTED = "autocannon's result object (autocannon --json, or what autocannon() resolves to)";

// the fields of autocannon's result (lib/aggregateResult.js) this reads; latency in ms, requests per second
const autocannonResult = jsonObject({
  title: z.string().optional(),
  finish: z.string().optional(),
  latency: jsonObject({ p50: jsonNumber, p90: jsonNumber.optional(), p97_5: jsonNumber, p99: jsonNumber }),
  requests: jsonObject({ average: jsonNumber, total: jsonNumber, sent: jsonNumber.optional() }),
  errors: jsonNumber,
  non2xx: jsonNumber,
});

/**
 * autocannon's JSON result → `perf` events for one revision: latency percentiles (ms; autocannon
 * measures p50, p90, p97.5 and p99, no p95), requests/s (its per-second average) and the share of
 * requests that failed (connection errors and timeouts, and non-2xx answers) in %. A run that completed
 * no request reports only that: its zero latencies would read as a spectacular improvement.
 */
export function importAutocannon(text: string, run: ImportRun): PerfEvent[] {
  const result = readShape(autocannonResult, parseJsonDocument(text, MAX_AUTOCANNON_CHARS, EXPECTED), EXPECTED);
  const name = run.name ?? result.title ?? 'http';
  const attempted = result.requests.sent ?? result.requests.total + result.errors;
  const errors: PerfMeasure = { metric: `${name} errors`, value: attempted > 0 ? (100 * (result.errors + result.non2xx)) / attempted : 100, unit: '%', higherIsBetter: false };
  const finishedAt = result.finish === undefined ? null : Date.parse(result.finish);
  if (result.requests.total === 0) return perfEventsOf([errors], run, finishedAt);
  const latency = (label: string, value: number): PerfMeasure => ({ metric: `${name} ${label} latency`, value, unit: 'ms', higherIsBetter: false });
  return perfEventsOf(
    [
      latency('p50', result.latency.p50),
      ...(result.latency.p90 === undefined ? [] : [latency('p90', result.latency.p90)]),
      latency('p97.5', result.latency.p97_5),
      latency('p99', result.latency.p99),
      { metric: `${name} requests/s`, value: result.requests.average, unit: 'req/s', higherIsBetter: true },
      errors,
    ],
    run,
    finishedAt,
  );
}
