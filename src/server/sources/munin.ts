import { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';
import { newCarry, readCarry, type NodeCarry } from './munin/carry.js';
import { formatNodeAddress, parseNodeAddress, type NodeAddress } from './munin/node-address.js';
import { pollNode, type NodePollResult, type PluginOutcome } from './munin/node-poll.js';
import { nodeSamples } from './munin/node-samples.js';
import { linkedSignal, nodeDeadlineMs } from './munin/poll-deadline.js';
import type { MetricSample, MetricsReading } from '../readings/metrics.js';
import { defineSourceKind } from './source-kind.js';

const address = z
  .string()
  .refine((s) => parseNodeAddress(s) !== null, 'a munin-node address: "host" or "host:port" (default port 4949)');

const node = z.union([
  address,
  z
    .object({
      address,
      name: z.string().min(1).regex(/^[^/\s]+$/, 'a name without "/" or spaces').optional().describe('Node name in series names; default the name in the node\'s banner'),
    })
    .strict(),
]);

interface Target {
  address: NodeAddress;
  key: string;
  name: string | undefined;
}

/**
 * Polls munin-nodes over their TCP protocol: values of the selected plugins with labels, units and
 * warning/critical ranges from each plugin's config, counters turned into per-second rates.
 * A node that cannot be reached gives its series an error; when no node answers, the poll fails.
 */
export const muninSource = defineSourceKind({
  kind: 'munin',
  description: 'Polls munin-nodes (TCP 4949): plugin values with labels, units, warning/critical; counters as rates.',
  produces: 'metrics',
  options: z.object({
    nodes: z.array(node).min(1).describe('munin-node addresses, "host" or "host:port", or { "address", "name" }'),
    plugins: z
      .array(z.string().min(1).regex(/^[^\s]+$/, 'a plugin name or glob without spaces'))
      .min(1)
      .optional()
      .describe('Plugin names or globs (e.g. "load", "if_*"); default every plugin the node lists'),
    concurrency: z.number().int().min(1).max(16).default(2).describe('Parallel connections per node'),
    connectTimeoutMs: z.number().int().min(100).max(60_000).default(3_000),
    readTimeoutMs: z
      .number()
      .int()
      .min(100)
      .max(300_000)
      .default(5_000)
      .describe('Longest wait for one reply (a plugin may run for seconds); must be below the source timeoutMs'),
    configRefreshMinutes: z
      .number()
      .positive()
      .default(60)
      .describe('Re-read plugin configs this often; they are also re-read when the plugin list changes'),
    rateMaxGapSeconds: z
      .number()
      .positive()
      .default(600)
      .describe('No counter rate across a longer gap between two fetches (e.g. after downtime)'),
  }),
  checkTimeout(options, timeoutMs) {
    if (options.readTimeoutMs < timeoutMs) return [];
    return [{ path: ['readTimeoutMs'], message: `must be below the source's timeoutMs (${timeoutMs}), so that one slow plugin cannot time out the whole source` }];
  },
  async poll(options, signal, context): Promise<MetricsReading> {
    const at = context.now();
    const previous = readCarry(context.previous);
    const targets: Target[] = options.nodes.map((n) => {
      const spec = typeof n === 'string' ? { address: n, name: undefined } : n;
      const parsed = parseNodeAddress(spec.address)!; // validated by the schema
      return { address: parsed, key: formatNodeAddress(parsed), name: spec.name };
    });
    // nodes stop at their own deadline, before the scheduler's, so what answered is kept
    const deadlineMs = nodeDeadlineMs(context.deadline - at);
    const linked = linkedSignal(signal); // one listener on the scheduler's signal, however many nodes
    const results = await Promise.all(
      targets.map((t) =>
        pollNode({
          address: t.address,
          patterns: options.plugins,
          concurrency: options.concurrency,
          connectTimeoutMs: options.connectTimeoutMs,
          readTimeoutMs: options.readTimeoutMs,
          configMaxAgeMs: options.configRefreshMinutes * 60_000,
          signal: linked.signal,
          deadlineMs,
          now: context.now,
          previous: previous.nodes[t.key],
        }).then(
          (result) => ({ ok: true as const, result }),
          (err: Error) => ({ ok: false as const, error: err.message }),
        ),
      ),
    ).finally(() => linked.dispose());
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
    const failures = results.flatMap((r) => (r.ok ? [] : [r.error]));
    if (failures.length === results.length) throw new Error(plainLine(failures.join('; '), REASON_CHARS));

    const names = nodeNames(targets, results, previous.nodes);
    const samples: MetricSample[] = [];
    const carried: Record<string, NodeCarry> = {};
    targets.forEach((target, i) => {
      const outcome = results[i]!;
      const name = names[i]!;
      const before = previous.nodes[target.key];
      const labelPrefix = targets.length > 1 ? `${name} ` : '';
      const common = { node: name, labelPrefix, previousCounters: before?.counters ?? {}, maxGapMs: options.rateMaxGapSeconds * 1000 };
      if (!outcome.ok) {
        // the node is down: its last known series carry the reason, so tiles show where it hurts
        const outcomes: PluginOutcome[] = Object.entries(before?.configs ?? {}).map(([plugin, config]) => ({ plugin, config, fetch: null, fetchedAt: at, error: outcome.error }));
        const built = nodeSamples({ ...common, outcomes });
        samples.push(...(built.samples.length ? built.samples : [{ series: name, label: name, unit: '', value: null, error: outcome.error }]));
        if (before) carried[target.key] = { ...before, name };
        return;
      }
      const { result } = outcome;
      const built = nodeSamples({ ...common, outcomes: result.outcomes });
      samples.push(...built.samples);
      if (result.outcomes.length === 0) {
        const wanted = (options.plugins ?? []).join(', ');
        samples.push({ series: name, label: name, unit: '', value: null, error: wanted ? `no plugin matches ${wanted} (the node lists: ${result.listed.join(' ') || 'nothing'})` : 'the node lists no plugins' });
      }
      carried[target.key] = { name, plugins: result.listed, configs: built.configs, counters: built.counters };
    });
    return { type: 'metrics', at, samples: samples.map(plainSample), carry: newCarry(carried) };
  },
});

const REASON_CHARS = 600;

/**
 * Everything in a sample came from the node (its banner, plugin list, config and error lines): one plain
 * line each, so a bidi override or C1 control cannot reach series keys, labels or reasons.
 */
function plainSample(sample: MetricSample): MetricSample {
  return {
    ...sample,
    // per part, so a part that was only control characters does not leave a space before its "/"
    series: sample.series.split('/').map((part) => plainLine(part, 120)).join('/'),
    label: plainLine(sample.label, 120),
    unit: plainLine(sample.unit, 60),
    ...(sample.group === undefined ? {} : { group: plainLine(sample.group, 120) }),
    ...(sample.error == null ? {} : { error: plainLine(sample.error, 300) }),
  };
}

type NodeOutcome = { ok: true; result: NodePollResult } | { ok: false; error: string };

/**
 * Series use the configured name, else the banner's `# munin node at NAME`, else (for a node that has
 * never answered) its host. Two nodes calling themselves the same (e.g. "localhost") are told apart
 * by the address of the later one.
 */
function nodeNames(targets: readonly Target[], results: readonly NodeOutcome[], previous: Record<string, NodeCarry>): string[] {
  const seen = new Set<string>();
  return targets.map((target, i) => {
    const outcome = results[i]!;
    let name = target.name ?? (outcome.ok ? outcome.result.bannerName : previous[target.key]?.name) ?? target.address.host;
    name = name.replace(/[/\s]/g, '_');
    if (seen.has(name)) name = `${name}@${target.key}`;
    seen.add(name);
    return name;
  });
}
