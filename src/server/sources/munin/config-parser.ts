import { parseThresholdRange } from '../../../shared/threshold-range.js';
import type { FieldConfig, FieldType, GraphConfig, PluginConfig, RatePeriod } from './plugin-config.js';

const FIELD_ATTR = /^([A-Za-z_][A-Za-z0-9_]*)\.([a-z_]+)\s+(.*)$/;
const GRAPH_ATTR = /^(graph_[a-z_]+)\s+(.*)$/;
const MULTIGRAPH = /^multigraph\s+(\S+)/;
const TYPES: readonly FieldType[] = ['GAUGE', 'DERIVE', 'COUNTER', 'ABSOLUTE'];
const PERIODS: readonly RatePeriod[] = ['second', 'minute', 'hour'];

interface GraphDraft {
  name: string;
  attrs: Map<string, string>;
  fields: Map<string, Map<string, string>>;
}

/**
 * Parses the reply to `config <plugin>`: `graph_*` lines, `<field>.<attr> <value>` lines and, for
 * multigraph plugins, `multigraph <name>` lines that start a new graph. Unknown lines are ignored,
 * as munin's master does, so newer plugin attributes never break a poll.
 */
export function parsePluginConfig(plugin: string, lines: readonly string[]): PluginConfig {
  const drafts: GraphDraft[] = [];
  let current: GraphDraft | null = null;
  const graph = (name: string): GraphDraft => {
    let draft = drafts.find((d) => d.name === name);
    if (!draft) drafts.push((draft = { name, attrs: new Map(), fields: new Map() }));
    return draft;
  };

  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const multigraph = MULTIGRAPH.exec(line);
    if (multigraph) {
      current = graph(multigraph[1]!);
      continue;
    }
    const graphAttr = GRAPH_ATTR.exec(line);
    if (graphAttr) {
      (current ??= graph(plugin)).attrs.set(graphAttr[1]!, graphAttr[2]!.trim());
      continue;
    }
    const fieldAttr = FIELD_ATTR.exec(line);
    if (fieldAttr) {
      const target = (current ??= graph(plugin));
      const [, field = '', attr = '', value = ''] = fieldAttr; // the pattern's three groups always take part
      let attrs = target.fields.get(field);
      if (!attrs) target.fields.set(field, (attrs = new Map()));
      attrs.set(attr, value.trim());
    }
  }
  // a multigraph plugin's first section carries no graph of the plugin's own name unless it says so
  return { graphs: drafts.filter((d) => d.fields.size > 0 || d.attrs.size > 0).map(finishGraph) };
}

function finishGraph(draft: GraphDraft): GraphConfig {
  const period = PERIODS.find((p) => p === draft.attrs.get('graph_period')) ?? 'second';
  const vlabel = draft.attrs.get('graph_vlabel') ?? '';
  const fields = [...draft.fields].map(([name, attrs]) => finishField(name, attrs));
  const order = (draft.attrs.get('graph_order') ?? '')
    .split(/\s+/)
    .map((entry) => entry.split('=')[0]!)
    .filter(Boolean);
  const rank = (f: FieldConfig) => {
    const i = order.indexOf(f.name);
    return i === -1 ? order.length : i;
  };
  // Array.prototype.sort is stable, so unordered fields keep their config order
  fields.sort((a, b) => rank(a) - rank(b));
  return {
    name: draft.name,
    title: draft.attrs.get('graph_title') ?? draft.name,
    unit: vlabel.replace(/\$\{graph_period\}/g, period).trim(),
    period,
    args: draft.attrs.get('graph_args') ?? '',
    category: draft.attrs.get('graph_category') ?? null,
    fields,
  };
}

function finishField(name: string, attrs: Map<string, string>): FieldConfig {
  const type = (attrs.get('type') ?? 'GAUGE').toUpperCase();
  return {
    name,
    label: attrs.get('label') || name,
    type: TYPES.find((t) => t === type) ?? 'GAUGE',
    warning: parseThresholdRange(attrs.get('warning') ?? ''),
    critical: parseThresholdRange(attrs.get('critical') ?? ''),
    min: numberOrNull(attrs.get('min')),
    max: numberOrNull(attrs.get('max')),
    cdef: attrs.get('cdef') || null,
    graph: (attrs.get('graph') ?? 'yes').toLowerCase() !== 'no',
    negative: attrs.get('negative') || null,
  };
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
