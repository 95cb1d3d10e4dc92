import type { MetricsReading } from '../../readings/metrics.js';
import type { PluginConfig } from './plugin-config.js';
import type { CounterSample } from './rates.js';

const CARRY_VERSION = 1;

/** What the munin source remembers between polls, inside the reading's `carry` (persisted as JSON). */
export interface MuninCarry {
  version: typeof CARRY_VERSION;
  /** Keyed by node address ("host:port"). */
  nodes: Record<string, NodeCarry>;
}

export interface NodeCarry {
  /** The node name used in series names. */
  name: string;
  /** The node's `list`, sorted; when it changes, every config is fetched again. */
  plugins: string[];
  configs: Record<string, CachedConfig>;
  /** Last raw value of each DERIVE/COUNTER/ABSOLUTE series, for the next rate. */
  counters: Record<string, CounterSample>;
}

export interface CachedConfig {
  /** Epoch ms of the `config` call, to refresh it now and then. */
  fetchedAt: number;
  config: PluginConfig;
}

/**
 * The carry of the previous reading, or an empty one. The carry may come from a state file written
 * by an older version or edited by hand, so anything of an unexpected shape is dropped, never trusted.
 */
export function readCarry(previous: MetricsReading | null): MuninCarry {
  const empty: MuninCarry = { version: CARRY_VERSION, nodes: {} };
  const carry = previous?.carry as Partial<MuninCarry> | undefined;
  if (!carry || carry.version !== CARRY_VERSION || !isRecord(carry.nodes)) return empty;
  const nodes: Record<string, NodeCarry> = {};
  for (const [address, node] of Object.entries(carry.nodes)) {
    if (isNodeCarry(node)) nodes[address] = node;
  }
  return { version: CARRY_VERSION, nodes };
}

export function newCarry(nodes: Record<string, NodeCarry>): MuninCarry {
  return { version: CARRY_VERSION, nodes };
}

function isNodeCarry(node: unknown): node is NodeCarry {
  if (!isRecord(node)) return false;
  const { name, plugins, configs, counters } = node as Partial<NodeCarry>;
  return (
    typeof name === 'string' &&
    Array.isArray(plugins) &&
    plugins.every((p) => typeof p === 'string') &&
    isRecord(configs) &&
    Object.values(configs).every(isCachedConfig) &&
    isRecord(counters) &&
    Object.values(counters).every((c) => Array.isArray(c) && c.length === 2 && c.every(Number.isFinite))
  );
}

function isCachedConfig(value: unknown): value is CachedConfig {
  if (!isRecord(value)) return false;
  const { fetchedAt, config } = value as Partial<CachedConfig>;
  return (
    typeof fetchedAt === 'number' &&
    isRecord(config) &&
    Array.isArray(config.graphs) &&
    config.graphs.every(
      (g) =>
        isRecord(g) &&
        typeof g.name === 'string' &&
        Array.isArray(g.fields) &&
        g.fields.every((f) => isRecord(f) && typeof f.name === 'string' && typeof f.label === 'string' && typeof f.type === 'string'),
    )
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
