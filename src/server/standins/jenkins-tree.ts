/** A parsed `tree=` expression: property → what to keep below it (null: the value as is) and which items of a list. */
export type TreeSpec = Map<string, { below: TreeSpec | null; from: number; to: number }>;

/**
 * Parses Stapler's `tree=` syntax, `a,b[c,d{0,5}]`, as Jenkins does enough for the stand-in: names,
 * nested brackets, ranges of list items. Anything else throws, like Jenkins' "Malformed tree
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
      let from = 0;
      let to = Infinity;
      if (expression[at] === '{') {
        // {M,N}: items M (inclusive) to N (exclusive); {M,}, {,N}; {N}: item N alone
        const range = /^\{(\d*)(,?)(\d*)\}/.exec(expression.slice(at)) ?? fail();
        at += range[0].length;
        from = range[1] ? Number(range[1]) : 0;
        to = range[2] ? (range[3] ? Number(range[3]) : Infinity) : from + 1;
      }
      spec.set(name, { below, from, to });
      if (expression[at] !== ',') return spec;
      at++;
    }
  };
  const spec = list();
  if (at !== expression.length) fail();
  return spec;
}

/** What Jenkins would send for `tree`: only the properties (and list items) asked for, plus `_class` wherever it is. */
export function pruneToTree(value: unknown, spec: TreeSpec | null): unknown {
  if (Array.isArray(value)) return value.map((v) => pruneToTree(v, spec));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ('_class' in source) out._class = source._class;
  for (const [key, { below, from, to }] of spec ?? []) {
    if (!(key in source)) continue;
    const value = source[key];
    out[key] = pruneToTree(Array.isArray(value) ? value.slice(from, to) : value, below ?? new Map());
  }
  return out;
}
