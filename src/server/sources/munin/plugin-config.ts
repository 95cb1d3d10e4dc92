import type { Threshold } from '../../../shared/threshold.js';

/** munin data source types; DERIVE, COUNTER and ABSOLUTE are turned into per-second rates. */
export type FieldType = 'GAUGE' | 'DERIVE' | 'COUNTER' | 'ABSOLUTE';

/** One field of a graph as its `config` describes it. Plain data: it is cached in the reading's carry. */
export interface FieldConfig {
  name: string;
  label: string;
  type: FieldType;
  warning: Threshold | null;
  critical: Threshold | null;
  /** munin (like RRD) drops values outside min/max; Radiator applies this to rates only. */
  min: number | null;
  max: number | null;
  /** RPN expression applied to the value, e.g. "down,8,*" (bytes to bits). */
  cdef: string | null;
  /** false for `graph no`: munin does not draw the field, usually the lower half of a `negative` pair. */
  graph: boolean;
  /** The field drawn below the axis as this field's counterpart (`negative`), e.g. read vs write. */
  negative: string | null;
}

/** One graph: the plugin itself, or one `multigraph` section of it. */
export interface GraphConfig {
  /** The plugin name, or the multigraph section name (e.g. "diskstats_latency.vda"). */
  name: string;
  title: string;
  /** The vertical axis label with `${graph_period}` already replaced: the unit shown on tiles. */
  unit: string;
  /** "second", "minute" or "hour": the period rates are expressed in. */
  period: RatePeriod;
  args: string;
  category: string | null;
  /** Fields in `graph_order`, then in the order the config listed them. */
  fields: FieldConfig[];
}

export type RatePeriod = 'second' | 'minute' | 'hour';

export interface PluginConfig {
  graphs: GraphConfig[];
}
