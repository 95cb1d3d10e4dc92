import type { MetricSample } from '../../readings/metrics.js';
import type { CachedConfig } from './carry.js';
import { evaluateCdef } from './cdef.js';
import type { FetchResult } from './fetch-parser.js';
import { parseGraphArgs } from './graph-args.js';
import type { PluginOutcome } from './node-poll.js';
import type { FieldConfig, GraphConfig } from './plugin-config.js';
import { counterRate, type CounterSample } from './rates.js';

/** The error of a plugin whose config and fetch replies were both empty (just the "." terminator). */
export const EMPTY_PLUGIN = 'the plugin answered with no fields (empty config and fetch replies)';

export interface NodeSamplesInput {
  /** The node part of every series name. */
  node: string;
  /** Put in front of each label, e.g. "web1 " when a source polls several nodes; else "". */
  labelPrefix: string;
  outcomes: readonly PluginOutcome[];
  previousCounters: Readonly<Record<string, CounterSample>>;
  maxGapMs: number;
}

export interface NodeSamples {
  samples: MetricSample[];
  /** Counters to carry to the next poll (this round's, or the previous one where none was fetched). */
  counters: Record<string, CounterSample>;
  configs: Record<string, CachedConfig>;
}

/**
 * Turns one node's plugin outcomes into samples named `node/graph/field`, where graph is the plugin
 * (or its multigraph section). GAUGE values are taken as they are; DERIVE/COUNTER/ABSOLUTE become
 * rates against the previous poll's counters; then `cdef` is applied. A failed plugin still yields
 * its known series, each with no value and the error, so tiles show the outage where the data was.
 */
export function nodeSamples(input: NodeSamplesInput): NodeSamples {
  const { node, outcomes } = input;
  const samples: MetricSample[] = [];
  const counters: Record<string, CounterSample> = {};
  const configs: Record<string, CachedConfig> = {};

  for (const outcome of outcomes) {
    if (outcome.config) configs[outcome.plugin] = outcome.config;
    const graphs = graphsOf(outcome.config, outcome.fetch);
    if (outcome.error !== null) {
      if (graphs.length === 0) {
        samples.push({ series: `${node}/${outcome.plugin}`, label: `${input.labelPrefix}${outcome.plugin}`, unit: '', value: null, error: outcome.error });
      }
      for (const graph of graphs) {
        const labels = displayLabels(graph.fields);
        for (const field of graph.fields) {
          const series = `${node}/${graph.name}/${field.name}`;
          const kept = input.previousCounters[series];
          if (kept) counters[series] = kept;
          samples.push({ ...describe(input, graph, field, labels), series, value: null, error: outcome.error });
        }
      }
      continue;
    }
    if (graphs.length === 0) {
      // answered, but with nothing: without this series the plugin would vanish from the wall unexplained
      samples.push({ series: `${node}/${outcome.plugin}`, label: `${input.labelPrefix}${outcome.plugin}`, unit: '', value: null, error: EMPTY_PLUGIN });
      continue;
    }
    for (const graph of graphs) {
      const values = graphValues(input, graph, outcome, counters);
      const labels = displayLabels(graph.fields);
      for (const field of graph.fields) {
        const series = `${node}/${graph.name}/${field.name}`;
        const { value, error } = values.get(field.name)!;
        samples.push({ ...describe(input, graph, field, labels), series, value, error });
      }
    }
  }
  return { samples, counters, configs };
}

function describe(input: NodeSamplesInput, graph: GraphConfig, field: FieldConfig, labels: Map<string, string>) {
  const axis = parseGraphArgs(graph.args);
  return {
    label: `${input.labelPrefix}${labels.get(field.name) ?? field.label}`,
    unit: graph.unit,
    group: graph.title,
    warning: field.warning,
    critical: field.critical,
    // the graph's own limits (graph_args), so charts need no yMin/yMax typed into the board
    ...(axis ? { axis } : {}),
  };
}

interface FieldValue {
  value: number | null;
  error: string | null;
}

function graphValues(input: NodeSamplesInput, graph: GraphConfig, outcome: PluginOutcome, counters: Record<string, CounterSample>): Map<string, FieldValue> {
  const fetched = outcome.fetch?.get(graph.name);
  const values = new Map<string, FieldValue>();
  for (const field of graph.fields) {
    const series = `${input.node}/${graph.name}/${field.name}`;
    const previous = input.previousCounters[series];
    const got = fetched?.get(field.name);
    if (!got || got.raw === null) {
      // no counter this round: keep the old one, so the next round can still compute a rate
      if (previous && field.type !== 'GAUGE') counters[series] = previous;
      values.set(field.name, { value: null, error: got?.invalid ? `invalid value "${got.invalid}"` : null });
      continue;
    }
    if (field.type === 'GAUGE') {
      values.set(field.name, { value: got.raw, error: null });
      continue;
    }
    const current: CounterSample = [got.at ?? outcome.fetchedAt, got.raw];
    counters[series] = current;
    const rate = counterRate({ type: field.type, previous, current, maxGapMs: input.maxGapMs, min: field.min, max: field.max, period: graph.period });
    values.set(field.name, { value: rate === null ? null : round(rate), error: null });
  }
  // cdefs read the other fields' values before any cdef is applied, like munin's RRD CDEFs
  const base = new Map([...values].map(([name, v]) => [name, v.value]));
  for (const field of graph.fields) {
    if (!field.cdef) continue;
    const result = evaluateCdef(field.cdef, (name) => base.get(name));
    values.set(field.name, 'error' in result ? { value: null, error: result.error } : { value: result.value === null ? null : round(result.value), error: values.get(field.name)!.error });
  }
  return values;
}

/** The cached config's graphs, plus graphs and fields the fetch has and the config lacks (as GAUGE). */
function graphsOf(config: CachedConfig | null, fetched: FetchResult | null): GraphConfig[] {
  const graphs = (config?.config.graphs ?? []).map((g) => ({ ...g, fields: [...g.fields] }));
  for (const [name, values] of fetched ?? []) {
    let graph = graphs.find((g) => g.name === name);
    if (!graph) graphs.push((graph = { name, title: name, unit: '', period: 'second', args: '', category: null, fields: [] }));
    for (const field of values.keys()) {
      if (!graph.fields.some((f) => f.name === field)) graph.fields.push(plainField(field));
    }
  }
  return graphs;
}

function plainField(name: string): FieldConfig {
  return { name, label: name, type: 'GAUGE', warning: null, critical: null, min: null, max: null, cdef: null, graph: true, negative: null };
}

/**
 * munin draws a `negative` pair as one legend entry: the hidden field below the axis, the named one
 * above (read/write, in/out), and the hidden one's own label is often a placeholder ("dummy"). So
 * both get the visible field's label, marked (-) and (+) as in munin's vertical labels.
 */
function displayLabels(fields: readonly FieldConfig[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const field of fields) {
    if (!field.negative || !fields.some((f) => f.name === field.negative)) continue;
    labels.set(field.negative, `${field.label} (-)`);
    labels.set(field.name, `${field.label} (+)`);
  }
  return labels;
}

/** Rates are long fractions; seven significant digits are more than any display shows. */
function round(value: number): number {
  return Number(value.toPrecision(7));
}
