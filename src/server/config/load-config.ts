import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem, jsonPath } from './config-error.js';
import { describeSchemaIssue, valueAt } from './issue-words.js';
import { parseJsonText } from './json-text.js';
import { referenceProblems } from './reference-check.js';
import { type ConfigKinds, configSchemaFor, POLLED_ONLY_KEYS, PUSHED_ONLY_KEYS, type RadiatorConfig } from './schema.js';

/** Reads, parses and validates a config file naming `kinds`; throws ConfigError with every problem found. */
export function loadConfigFile(file: string, kinds: ConfigKinds): RadiatorConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError(file, [{ path: '$', message: `cannot read the config: ${why}; pass another with --config FILE or RADIATOR_CONFIG` }]);
  }
  return parseConfig(text, file, kinds);
}

export function parseConfig(fileText: string, file: string, kinds: ConfigKinds): RadiatorConfig {
  const parsed = parseJsonText(fileText);
  if (!parsed.ok) throw new ConfigError(file, parsed.problems);
  return validateConfig(parsed.value, file, kinds);
}

export function validateConfig(raw: unknown, file: string, kinds: ConfigKinds): RadiatorConfig {
  const result = configSchemaFor(kinds).safeParse(raw);
  if (!result.success) {
    throw new ConfigError(file, result.error.issues.map((issue) => describeIssue(issue, raw, kinds)));
  }
  const config: RadiatorConfig = result.data;
  const problems = referenceProblems(config, kinds);
  if (problems.length) throw new ConfigError(file, problems);
  return config;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, kinds: ConfigKinds): ConfigProblem {
  const path = jsonPath(issue.path);
  const value = valueAt(raw, issue.path);
  // discriminated unions: say which kinds exist instead of zod's generic "invalid input"
  const last = issue.path[issue.path.length - 1];
  const unknownOrMissing = (what: string) => (value === undefined ? `missing; expected a ${what}, one of` : `unknown ${what} ${JSON.stringify(value)}; expected one of`);
  if (issue.code === 'invalid_union' && last === 'type' && issue.path[0] === 'sources') {
    return { path, message: `${unknownOrMissing('source type')}: ${kinds.sources.map((k) => k.kind).join(', ')}` };
  }
  if (issue.code === 'invalid_union' && last === 'widget') {
    return { path, message: `${unknownOrMissing('widget')}: ${kinds.tiles.map((k) => k.widget).join(', ')}` };
  }
  const arrival = sourceArrivalProblem(issue, raw, kinds);
  if (arrival) return { path, message: arrival };
  return describeSchemaIssue(issue, raw, 'config/boards.schema.json');
}

/**
 * A polled source without a schedule, or a pushed source with one (or another key of the other
 * sort): said in words of polling and pushing, not as a missing or unknown key.
 */
function sourceArrivalProblem(issue: z.core.$ZodIssue, raw: unknown, kinds: ConfigKinds): string | null {
  if (issue.path[0] !== 'sources' || typeof issue.path[1] !== 'string') return null;
  const type = valueAt(raw, ['sources', issue.path[1], 'type']);
  const kind = kinds.sources.find((k) => k.kind === type);
  if (!kind) return null;
  if (kind.arrives === 'polled' && issue.code === 'invalid_type' && issue.path.length === 3 && issue.path[2] === 'schedule' && valueAt(raw, issue.path) === undefined) {
    return `missing: ${kind.kind} sources are polled and need a "schedule", a 6-field cron with seconds (e.g. "*/15 * * * * *")`;
  }
  if (issue.code !== 'unrecognized_keys' || issue.path.length !== 2) return null;
  const otherSort = kind.arrives === 'polled' ? PUSHED_ONLY_KEYS : POLLED_ONLY_KEYS;
  const misplaced = issue.keys.filter((key) => otherSort.includes(key));
  if (!misplaced.length) return null;
  const keys = misplaced.map((k) => `"${k}"`).join(', ');
  const others = issue.keys.filter((key) => !otherSort.includes(key)).map((k) => `"${k}"`);
  const alsoUnknown = others.length ? `; unknown key${others.length > 1 ? 's' : ''} ${others.join(', ')} too` : '';
  return kind.arrives === 'pushed'
    ? `${kind.kind} sources are pushed, not polled: remove ${keys} (their data arrives when it is sent; "expectEvery" says how often it should)${alsoUnknown}`
    : `${kind.kind} sources are polled on their "schedule", which also says how often fresh data is due: remove ${keys}${alsoUnknown}`;
}
