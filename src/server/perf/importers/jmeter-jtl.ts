import type { PerfEvent } from '../../../shared/pushed-events/perf.js';
import { median, percentileOfSorted } from '../order-statistics.js';
import { delimitedRecords } from './delimited-text.js';
import { PerfImportError, shownValue } from './import-error.js';
import { perfEventsOf, type ImportRun, type PerfMeasure } from './perf-run.js';

export interface JtlLimits {
  /** Characters read at most (a 10-minute run at 500 requests/s is about 45 MB). */
  maxChars: number;
  /** Samples read at most. */
  maxSamples: number;
  /** Labels (samplers) with metrics of their own, the most sampled first; every sample counts in the overall ones. */
  maxLabels: number;
  /** Different labels tracked at most; samples of further labels count in the overall metrics only. */
  maxTrackedLabels: number;
}

export const JTL_LIMITS: JtlLimits = { maxChars: 64 * 1024 * 1024, maxSamples: 1_000_000, maxLabels: 8, maxTrackedLabels: 1_000 };

const REQUIRED = ['timeStamp', 'elapsed', 'label', 'success'] as const;
// JMeter's default_delimiter is "," but may be set to any of these (or "\t")
const DELIMITERS = [',', ';', '\t', '|'];

interface LabelSamples {
  elapsed: number[];
  failures: number;
  firstStart: number;
  lastEnd: number;
  connect: number[];
  server: number[];
  download: number[];
}

/**
 * A JMeter results file (JTL, CSV format, with its header line) → `perf` events for one revision, per
 * label (the most sampled `maxLabels`) and over all samples: p50/p95/p99 of `elapsed` (ms, nearest rank),
 * throughput (samples / the span from the first start to the last end, as JMeter's Aggregate Report
 * computes it) and the % of samples that failed. With `Latency` (and `Connect`) saved, the latency
 * metrics carry layers: connect, server (first byte after connecting) and download, their medians.
 */
export function importJmeterJtl(fileText: string, run: ImportRun, limits: JtlLimits = JTL_LIMITS): PerfEvent[] {
  if (fileText.length > limits.maxChars) throw new PerfImportError(`the file has ${fileText.length} characters; at most ${limits.maxChars} are read`);
  const text = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  const firstLine = /^[^\r\n]*/.exec(text)![0];
  const delimiter = firstLine.startsWith('timeStamp') ? firstLine['timeStamp'.length] : undefined;
  if (delimiter === undefined || !DELIMITERS.includes(delimiter)) {
    throw new PerfImportError(
      `expected the header line JMeter writes (timeStamp,elapsed,label,responseCode,…), got ${shownValue(firstLine)}; save the field names (jmeter.save.saveservice.print_field_names=true) and the CSV format (jmeter.save.saveservice.output_format=csv)`,
      1,
    );
  }

  const records = delimitedRecords(text, delimiter);
  const header = records.next().value!.fields;
  const column = (name: string) => header.indexOf(name);
  for (const name of REQUIRED) {
    if (column(name) < 0) throw new PerfImportError(`no "${name}" column; JMeter saves it unless its jmeter.save.saveservice property says false`, 1, 'header');
  }
  const [timeStampAt, elapsedAt, labelAt, successAt] = REQUIRED.map(column) as [number, number, number, number];
  const latencyAt = column('Latency');
  const connectAt = column('Connect');

  const byLabel = new Map<string, LabelSamples>();
  const all = emptySamples();
  let samples = 0;
  for (const { line, fields } of records) {
    if (fields.length !== header.length) throw new PerfImportError(`expected ${header.length} fields as in the header, got ${fields.length}`, line);
    if (++samples > limits.maxSamples) throw new PerfImportError(`more than ${limits.maxSamples} samples; aggregate a shorter run or raise the limit`, line);
    const field = (at: number) => fields[at]!;
    const timeStamp = wholeNumber(field(timeStampAt), line, 'timeStamp', 'epoch milliseconds (jmeter.save.saveservice.timestamp_format=ms)');
    const elapsed = wholeNumber(field(elapsedAt), line, 'elapsed', 'a number');
    const success = flag(field(successAt), line);
    const latency = latencyAt < 0 || field(latencyAt) === '' ? null : wholeNumber(field(latencyAt), line, 'Latency', 'a number');
    const connect = connectAt < 0 || field(connectAt) === '' ? null : wholeNumber(field(connectAt), line, 'Connect', 'a number');

    const label = field(labelAt);
    let own = byLabel.get(label);
    if (!own && byLabel.size < limits.maxTrackedLabels) byLabel.set(label, (own = emptySamples()));
    for (const into of own ? [own, all] : [all]) {
      into.elapsed.push(elapsed);
      if (!success) into.failures++;
      into.firstStart = Math.min(into.firstStart, timeStamp);
      into.lastEnd = Math.max(into.lastEnd, timeStamp + elapsed);
      if (latency !== null) {
        if (connect !== null) into.connect.push(connect);
        into.server.push(Math.max(0, latency - (connect ?? 0)));
        into.download.push(Math.max(0, elapsed - latency));
      }
    }
  }
  if (samples === 0) throw new PerfImportError('no samples after the header line');

  const labelled = [...byLabel.entries()]
    .map(([label, own], index) => ({ label, own, index }))
    .sort((a, b) => b.own.elapsed.length - a.own.elapsed.length || a.index - b.index)
    .slice(0, limits.maxLabels)
    .sort((a, b) => a.index - b.index);
  const prefix = run.name === undefined ? '' : `${run.name} `;
  return perfEventsOf(
    [...measuresOf(run.name ?? 'overall', all), ...labelled.flatMap(({ label, own }) => measuresOf(`${prefix}${label}`, own))],
    run,
    all.lastEnd,
  );
}

function measuresOf(name: string, samples: LabelSamples): PerfMeasure[] {
  const sorted = Float64Array.from(samples.elapsed).sort();
  const layers: Record<string, number> = {};
  if (samples.connect.length > 0) layers.connect = median(samples.connect);
  if (samples.server.length > 0) {
    layers.server = median(samples.server);
    layers.download = median(samples.download);
  }
  const hasLayers = Object.keys(layers).length > 0;
  const latency = (percent: number): PerfMeasure => ({
    metric: `${name} p${percent} latency`,
    value: percentileOfSorted(sorted, percent),
    unit: 'ms',
    higherIsBetter: false,
    ...(hasLayers && { layers }),
  });
  const spanSeconds = (samples.lastEnd - samples.firstStart) / 1000;
  return [
    latency(50),
    latency(95),
    latency(99),
    ...(spanSeconds > 0 ? [{ metric: `${name} requests/s`, value: samples.elapsed.length / spanSeconds, unit: 'req/s', higherIsBetter: true }] : []),
    { metric: `${name} errors`, value: (100 * samples.failures) / samples.elapsed.length, unit: '%', higherIsBetter: false },
  ];
}

function emptySamples(): LabelSamples {
  return { elapsed: [], failures: 0, firstStart: Number.POSITIVE_INFINITY, lastEnd: Number.NEGATIVE_INFINITY, connect: [], server: [], download: [] };
}

function wholeNumber(text: string, line: number, field: string, expected: string): number {
  // JMeter writes these as Java longs: digits only
  if (!/^\d{1,15}$/.test(text)) throw new PerfImportError(`expected ${expected}, got ${shownValue(text)}`, line, field);
  return Number(text);
}

function flag(text: string, line: number): boolean {
  // JMeter writes true/false; a spreadsheet that opened the file may have written TRUE/FALSE
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new PerfImportError(`expected true or false, got ${shownValue(text)}`, line, 'success');
}
