import type { z } from 'zod';
import { type ConfigProblem, jsonPath } from './config-error.js';

/**
 * A schema problem of a hand-edited JSON file in words: missing fields said to be missing, unknown
 * keys named with where to look them up (`schemaFile`), and the offending value shown when it is a
 * plain one. The config adds its own wording for source types and widgets before falling back to this.
 */
export function describeSchemaIssue(issue: z.core.$ZodIssue, raw: unknown, schemaFile: string): ConfigProblem {
  const path = jsonPath(issue.path);
  const value = valueAt(raw, issue.path);
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_key') {
    // zod only says "Invalid key in record"; the key's own rule says what an id may look like
    const why = issue.issues.map((inner) => inner.message).join('; ');
    return { path, message: `invalid id ${JSON.stringify(String(last))}: ${why}` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling (see ${schemaFile})` };
  }
  if (issue.code === 'invalid_type' && value === undefined) {
    return { path, message: `missing; expected ${issue.expected}` };
  }
  const shown = value === undefined || isRecord(value) || Array.isArray(value) ? '' : ` (got ${clipped(JSON.stringify(value))})`;
  return { path, message: `${issue.message.replace(/^Invalid input: /, '')}${shown}` };
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

// a value quoted back is there to recognise it by, not to fill the screen
function clipped(json: string): string {
  return json.length <= 60 ? json : `${json.slice(0, 50)}…${json.endsWith('"') ? '"' : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
