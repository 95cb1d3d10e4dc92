import type { CachedConfig, NodeCarry } from './carry.js';
import { parsePluginConfig } from './config-parser.js';
import { parseFetch, type FetchResult } from './fetch-parser.js';
import { formatNodeAddress, type NodeAddress } from './node-address.js';
import type { PluginConfig } from './plugin-config.js';
import { deadlinePassed, linkedSignal } from './poll-deadline.js';
import { selectPlugins } from './plugin-selection.js';
import { MuninConnection, type PluginReply } from './protocol-client.js';

export interface NodePollRequest {
  address: NodeAddress;
  /** Plugin names or globs; undefined = all listed. */
  patterns: readonly string[] | undefined;
  /** Parallel connections to this node (munin-node forks one child per connection). */
  concurrency: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Re-read a plugin's config after this long even when nothing suggests it changed. */
  configMaxAgeMs: number;
  /** Aborting it fails the whole node poll (the scheduler gave up: nothing of it would be used). */
  signal: AbortSignal;
  /**
   * The node's own time limit, in ms from the start (keep it below the source's timeoutMs): what has
   * answered by then is returned, plugins still running or never started get an error. Default none.
   */
  deadlineMs?: number;
  now(): number;
  /** What the previous poll of this node left, if anything. */
  previous: NodeCarry | undefined;
}

export interface PluginOutcome {
  plugin: string;
  /** This round's config, or the cached one; null when never obtained. */
  config: CachedConfig | null;
  fetch: FetchResult | null;
  /** Epoch ms the fetch reply arrived: the time of counter values without their own timestamp. */
  fetchedAt: number;
  error: string | null;
}

export interface NodePollResult {
  bannerName: string;
  /** The node's `list` (after `cap multigraph`), sorted. */
  listed: string[];
  unmatched: string[];
  outcomes: PluginOutcome[];
}

interface Task {
  plugin: string;
  /** The best config known: the carried one, or this round's once `config` has answered. */
  cached: CachedConfig | null;
  needsConfig: boolean;
}

/**
 * One poll of one node: banner, `cap multigraph`, `list`, then `config` (only when not cached or
 * stale) and `fetch` for each selected plugin, spread over up to `concurrency` connections. Throws
 * only when the node cannot be reached at all (or not up to its `list` before the deadline), or when
 * `signal` aborts; per-plugin failures, a connection lost midway, and plugins still unanswered at the
 * deadline become errors of the plugins concerned.
 */
export async function pollNode(request: NodePollRequest): Promise<NodePollResult> {
  const linked = linkedSignal(request.signal, request.deadlineMs);
  try {
    return await pollWithin(request, linked.signal);
  } finally {
    linked.dispose();
  }
}

async function pollWithin(request: NodePollRequest, signal: AbortSignal): Promise<NodePollResult> {
  const { now } = request;
  const where = `munin-node ${formatNodeAddress(request.address)}`;
  const connect = () => MuninConnection.open({ ...request.address, connectTimeoutMs: request.connectTimeoutMs, readTimeoutMs: request.readTimeoutMs, signal });
  const first = await connect();
  const connections: MuninConnection[] = [first];
  try {
    await first.capabilities(['multigraph']);
    const listed = [...new Set(await first.list())].sort();
    const { plugins, unmatched } = selectPlugins(listed, request.patterns);
    const previous = request.previous;
    const listChanged = !previous || previous.plugins.join(' ') !== listed.join(' ');
    const queue: Task[] = plugins.map((plugin) => {
      const cached = previous?.configs[plugin] ?? null;
      const fresh = cached !== null && !listChanged && now() - cached.fetchedAt < request.configMaxAgeMs;
      return { plugin, cached, needsConfig: !fresh };
    });
    const outcomes = new Map<string, PluginOutcome>();
    let lastConnectionError = '';

    const worker = async (initial: MuninConnection | null): Promise<void> => {
      let connection = initial;
      while (queue.length > 0 && !signal.aborted) {
        if (!connection || !connection.usable) {
          try {
            connection = await connect();
            connections.push(connection);
          } catch (err) {
            lastConnectionError = (err as Error).message;
            return;
          }
        }
        // another worker may have emptied the queue while this one was connecting
        const task = queue.shift();
        if (!task) return;
        try {
          outcomes.set(task.plugin, await pollPlugin(connection, task, now));
        } catch (err) {
          lastConnectionError = (err as Error).message;
          outcomes.set(task.plugin, { plugin: task.plugin, config: task.cached, fetch: null, fetchedAt: now(), error: lastConnectionError });
        }
      }
    };
    const extra = Math.max(0, Math.min(request.concurrency, queue.length) - 1);
    await Promise.all([worker(first), ...Array.from({ length: extra }, () => worker(null))]);
    // a poll the scheduler gave up on must fail as a whole, not pass off a half-polled node as current;
    // at the node's own deadline, what answered is kept and the rest says why it has no value
    if (signal.aborted && !deadlinePassed(signal)) throw new Error(`${where}: ${abortReason(signal)}`);
    const notPolled = deadlinePassed(signal) ? `${where}: not polled, ${abortReason(signal)}` : lastConnectionError || 'not polled';
    for (const task of queue.splice(0)) {
      outcomes.set(task.plugin, { plugin: task.plugin, config: task.cached, fetch: null, fetchedAt: now(), error: notPolled });
    }
    return { bannerName: first.nodeName, listed, unmatched, outcomes: plugins.map((p) => outcomes.get(p)!) };
  } finally {
    for (const c of connections) c.quit();
  }
}

async function pollPlugin(connection: MuninConnection, task: Task, now: () => number): Promise<PluginOutcome> {
  const { plugin } = task;
  let config = task.cached;
  if (task.needsConfig) {
    const reply = await connection.config(plugin);
    if (!reply.ok) return { plugin, config: task.cached, fetch: null, fetchedAt: now(), error: reply.error };
    config = { fetchedAt: now(), config: parsePluginConfig(plugin, reply.lines) };
    // should the fetch fail, the plugin's series are still known (and carried to the next poll)
    task.cached = config;
  }
  const reply: PluginReply = await connection.fetch(plugin);
  const fetchedAt = now();
  if (!reply.ok) return { plugin, config, fetch: null, fetchedAt, error: reply.error };
  const fetched = parseFetch(plugin, reply.lines);
  // fields the cached config does not know mean the plugin changed under us: learn its new config now
  if (!task.needsConfig && config && hasUnknownFields(config.config, fetched)) {
    const again = await connection.config(plugin);
    if (again.ok) config = { fetchedAt: now(), config: parsePluginConfig(plugin, again.lines) };
  }
  return { plugin, config, fetch: fetched, fetchedAt, error: null };
}

function hasUnknownFields(config: PluginConfig, fetched: FetchResult): boolean {
  for (const [graphName, values] of fetched) {
    const graph = config.graphs.find((g) => g.name === graphName);
    if (!graph) return true;
    for (const field of values.keys()) if (!graph.fields.some((f) => f.name === field)) return true;
  }
  return false;
}

function abortReason(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
}
