import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { sourceKinds } from '../sources/registry.js';
import { tileKinds } from '../tiles/registry.js';
import { ConfigError, type ConfigProblem, jsonPath } from './config-error.js';
import { duplicateKeyProblems } from './duplicate-keys.js';
import { referenceProblems } from './reference-check.js';
import { configSchema, type RadiatorConfig } from './schema.js';

/** Reads, parses and validates a config file; throws ConfigError with every problem found. */
export function loadConfigFile(file: string): RadiatorConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError(file, [{ path: '$', message: `cannot read the config: ${why}; pass another with --config FILE or RADIATOR_CONFIG` }]);
  }
  return parseConfig(text, file);
}

export function parseConfig(fileText: string, file: string): RadiatorConfig {
  // editors on Windows save UTF-8 with a byte order mark; JSON.parse refuses it with an invisible character
  const text = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [{ path: '$', message: describeJsonError(err as Error, text) }]);
  }
  const duplicates = duplicateKeyProblems(text);
  if (duplicates.length) throw new ConfigError(file, duplicates);
  return validateConfig(raw, file);
}

export function validateConfig(raw: unknown, file: string): RadiatorConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(file, result.error.issues.map((issue) => describeIssue(issue, raw)));
  }
  const config = result.data as RadiatorConfig;
  const problems = referenceProblems(config);
  if (problems.length) throw new ConfigError(file, problems);
  return config;
}

function describeJsonError(err: Error, text: string): string {
  const position = /position (\d+)/.exec(err.message);
  let where = '';
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
  }
  const what = err.message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '');
  return `not valid JSON${where}: ${what}; expected a JSON object (check for a missing comma, quote or brace there)`;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem {
  const path = jsonPath(issue.path);
  const value = valueAt(raw, issue.path);
  // discriminated unions: say which kinds exist instead of zod's generic "invalid input"
  const last = issue.path[issue.path.length - 1];
  const unknownOrMissing = (what: string) => (value === undefined ? `missing; expected a ${what}, one of` : `unknown ${what} ${JSON.stringify(value)}; expected one of`);
  if (issue.code === 'invalid_union' && last === 'type' && issue.path[0] === 'sources') {
    return { path, message: `${unknownOrMissing('source type')}: ${sourceKinds.map((k) => k.kind).join(', ')}` };
  }
  if (issue.code === 'invalid_union' && last === 'widget') {
    return { path, message: `${unknownOrMissing('widget')}: ${tileKinds.map((k) => k.widget).join(', ')}` };
  }
  if (issue.code === 'invalid_key') {
    // zod only says "Invalid key in record"; the key's own rule says what an id may look like
    const why = issue.issues.map((inner) => inner.message).join('; ');
    return { path, message: `invalid id ${JSON.stringify(String(last))}: ${why}` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling (see config/boards.schema.json)` };
  }
  if (issue.code === 'invalid_type' && value === undefined) {
    return { path, message: `missing; expected ${issue.expected}` };
  }
  const shown = value === undefined || isRecord(value) || Array.isArray(value) ? '' : ` (got ${JSON.stringify(value)})`;
  return { path, message: `${issue.message.replace(/^Invalid input: /, '')}${shown}` };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
