export interface PluginSelection {
  /** Plugins to poll: in pattern order, alphabetical within a glob (a node's `list` order varies). */
  plugins: string[];
  /** Globs that matched none of the listed plugins. */
  unmatched: string[];
}

const GLOB_CHARS = /[*?[]/;

/**
 * Picks the plugins to poll from a node's `list`. Plain names are polled even when not listed, so a
 * typo or a removed plugin shows up as "unknown service" instead of silently disappearing; globs
 * only expand to listed plugins. No patterns = every listed plugin.
 */
export function selectPlugins(listed: readonly string[], patterns: readonly string[] | undefined): PluginSelection {
  const sorted = [...new Set(listed)].sort();
  if (!patterns || patterns.length === 0) return { plugins: sorted, unmatched: [] };
  const chosen = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    if (!GLOB_CHARS.test(pattern)) {
      chosen.add(pattern);
      continue;
    }
    const regex = globRegex(pattern);
    const matches = sorted.filter((p) => regex.test(p));
    if (matches.length === 0) unmatched.push(pattern);
    for (const m of matches) chosen.add(m);
  }
  return { plugins: [...chosen], unmatched };
}

/** Shell-style: `*` any run, `?` one character, `[...]` a class. */
function globRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/\\/g, '\\\\').replace(/^!/, '^')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
