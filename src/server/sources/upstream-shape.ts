import type { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';

/** Words for zod's `expected` when a schema gives no message of its own. */
const EXPECTED: Record<string, string> = {
  record: 'an object',
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

/**
 * The part of an upstream's answer an adapter relies on, checked against `schema` at the edge. Data of
 * the wrong shape fails the poll with a reason naming the first place that is wrong and what was there
 * ("statusjson.cgi query=hostlist: data.hostlist.web1 is a number (2), expected a host's details (an
 * object)") — never turns into invented hosts or states.
 */
export function parseUpstreamShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const expected = issue.message.startsWith('Invalid input')
    ? (EXPECTED[(issue as { expected?: string }).expected ?? ''] ?? plainLine(issue.message, 80))
    : issue.message;
  throw new Error(`${what}: ${formatPath(issue.path)} is ${describeValue(valueAt(value, issue.path))}, expected ${expected}`);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** `data.servicelist.web01["HTTP health"]`: names from the upstream, as plain text. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the answer';
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = plainLine(String(key), 60);
      return /^[A-Za-z_][\w-]*$/.test(name) ? `${i === 0 ? '' : '.'}${name}` : `[${JSON.stringify(name)}]`;
    })
    .join('');
}

/** What was there instead, briefly: the value itself only when it is short and plain. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (${value.length} items)`;
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(plainLine(value, 40))})`;
    case 'number':
    case 'boolean':
      return `${typeof value === 'number' ? 'a number' : 'a boolean'} (${String(value)})`;
    default:
      return `an ${typeof value}`;
  }
}
