/** A parsed `tree=` expression: property → what to keep below it (null: the value as is). */
export type TreeSpec = Map<string, TreeSpec | null>;

/**
 * Parses Stapler's `tree=` syntax, `a,b[c,d{0,5}]`, as Jenkins does enough for the stand-in: names,
 * nested brackets, ranges (accepted and ignored). Anything else throws, like Jenkins' "Malformed tree
 * expression".
 */
export function parseTree(expression: string): TreeSpec {
  let at = 0;
  const fail = (): never => {
    throw new Error(`Malformed tree expression at ${at}: ${expression.slice(at, at + 20)}`);
  };
  const list = (): TreeSpec => {
    const spec: TreeSpec = new Map();
    for (;;) {
      const name = /^[\w$]+/.exec(expression.slice(at))?.[0] ?? fail();
      at += name.length;
      let below: TreeSpec | null = null;
      if (expression[at] === '[') {
        at++;
        below = list();
        if (expression[at] !== ']') fail();
        at++;
      }
      if (expression[at] === '{') {
        const range = /^\{\d*,?\d*\}/.exec(expression.slice(at))?.[0] ?? fail();
        at += range.length;
      }
      spec.set(name, below);
      if (expression[at] !== ',') return spec;
      at++;
    }
  };
  const spec = list();
  if (at !== expression.length) fail();
  return spec;
}

/** What Jenkins would send for `tree`: only the properties asked for, plus `_class` wherever it is. */
export function pruneToTree(value: unknown, spec: TreeSpec | null): unknown {
  if (Array.isArray(value)) return value.map((v) => pruneToTree(v, spec));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ('_class' in source) out._class = source._class;
  for (const [key, below] of spec ?? []) if (key in source) out[key] = pruneToTree(source[key], below ?? new Map());
  return out;
}
