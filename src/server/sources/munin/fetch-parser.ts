/** One `<field>.value` line of a fetch. */
export interface FetchedValue {
  /** The raw number (a counter for DERIVE/COUNTER fields); null for `U` or garbage. */
  raw: number | null;
  /** Epoch ms the plugin stamped the value with (`field.value EPOCH:VALUE`), else null. */
  at: number | null;
  /** Set when the line held something other than a number or `U`. */
  invalid: string | null;
}

/** graph name (the plugin, or a multigraph section) → field → value. */
export type FetchResult = Map<string, Map<string, FetchedValue>>;

const VALUE_LINE = /^([A-Za-z_][A-Za-z0-9_]*)\.value\s+(\S*)/;
const MULTIGRAPH = /^multigraph\s+(\S+)/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the reply to `fetch <plugin>`. Other attributes a plugin may print (`extinfo`) are
 * skipped. An empty reply is valid: multigraph plugins such as diskstats print nothing on their
 * first run, while they gather a baseline.
 */
export function parseFetch(plugin: string, lines: readonly string[]): FetchResult {
  const result: FetchResult = new Map();
  let graph = plugin;
  for (const raw of lines) {
    const line = raw.trim();
    const multigraph = MULTIGRAPH.exec(line);
    if (multigraph) {
      graph = multigraph[1]!;
      continue;
    }
    const match = VALUE_LINE.exec(line);
    if (!match) continue;
    let values = result.get(graph);
    if (!values) result.set(graph, (values = new Map()));
    values.set(match[1]!, parseValue(match[2]!));
  }
  return result;
}

function parseValue(text: string): FetchedValue {
  let at: number | null = null;
  let value = text;
  const colon = text.indexOf(':');
  if (colon !== -1) {
    const stamp = text.slice(0, colon);
    if (/^\d+$/.test(stamp)) {
      at = Number(stamp) * 1000;
      value = text.slice(colon + 1);
    }
  }
  if (value === 'U') return { raw: null, at, invalid: null };
  if (NUMBER.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n)) return { raw: n, at, invalid: null };
  }
  return { raw: null, at, invalid: text.slice(0, 40) };
}
