import type { SampleAxis } from '../../readings/metrics.js';

/** rrdtool graph options that take a value, long and short, as munin plugins write them. */
const VALUE_OPTIONS: Record<string, 'lower' | 'upper' | 'base'> = {
  '--lower-limit': 'lower',
  '-l': 'lower',
  '--upper-limit': 'upper',
  '-u': 'upper',
  '--base': 'base',
  '-b': 'base',
};

/**
 * The axis a plugin's `graph_args` asks for (e.g. `--base 1000 -r --lower-limit 0 --upper-limit 200`):
 * limits, `--rigid` and `--base`. Accepts `--opt value`, `--opt=value` and `-lVALUE`; other rrdtool
 * options are ignored. Null when the args say none of these things (or only `--base 1000`).
 */
export function parseGraphArgs(args: unknown): SampleAxis | null {
  if (typeof args !== 'string') return null; // a hand-edited carry
  const axis: SampleAxis = { lower: null, upper: null, rigid: false, base: 1000 };
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '--rigid' || token === '-r') {
      axis.rigid = true;
      continue;
    }
    let option = token;
    let value: string | undefined;
    const eq = token.indexOf('=');
    if (token.startsWith('--') && eq !== -1) {
      option = token.slice(0, eq);
      value = token.slice(eq + 1);
    } else if (/^-[lub]./.test(token)) {
      option = token.slice(0, 2);
      value = token.slice(2);
    }
    const key = VALUE_OPTIONS[option];
    if (!key) continue;
    if (value === undefined) value = tokens[++i];
    const n = Number(value);
    if (value === undefined || value.trim() === '' || !Number.isFinite(n)) continue;
    if (key === 'base') axis.base = n === 1024 ? 1024 : 1000;
    else axis[key] = n;
  }
  return axis.lower === null && axis.upper === null && !axis.rigid && axis.base === 1000 ? null : axis;
}
