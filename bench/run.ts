import type { Benchmark } from './benchmark.js';
import { eventsIngestBenchmark } from './events-ingest.bench.js';
import { jenkinsBenchmark } from './jenkins.bench.js';
import { joinFloodBenchmark } from './join-flood.bench.js';
import { nagiosStatusDatBenchmark } from './nagios-status-dat.bench.js';
import { perfTrendBenchmark } from './perf-trend.bench.js';
import { sqliteStoreBenchmark } from './sqlite-store.bench.js';
import { stateSaveBenchmark } from './state-save.bench.js';
import { viewDiffBenchmark } from './view-diff.bench.js';

/** `npm run bench`: every benchmark in one run, one JSON document on stdout. Compare ratios within a run. */
const benchmarks: Benchmark[] = [viewDiffBenchmark, nagiosStatusDatBenchmark, stateSaveBenchmark, joinFloodBenchmark, sqliteStoreBenchmark, jenkinsBenchmark, eventsIngestBenchmark, perfTrendBenchmark];

const only = process.argv[2];
const results: Record<string, unknown> = {};
for (const b of benchmarks) {
  if (only && b.name !== only) continue;
  results[b.name] = await b.run();
}
console.log(JSON.stringify({ node: process.version, at: new Date().toISOString(), results }, null, 2));
