import type { z } from 'zod';
import { type ConfigProblem, jsonPath } from '../config/config-error.js';
import { describeSchemaIssue, valueAt } from '../config/issue-words.js';
import { parseJsonText } from '../config/json-text.js';
import { type FmeaDocument, fmeaDocumentSchema } from './fmea-document.js';

export type ParsedFmea = { ok: true; document: FmeaDocument } | { ok: false; problems: ConfigProblem[] };

const SCHEMA_FILE = 'config/fmea.schema.json';

/**
 * The text of an FMEA file, checked like the board config: a byte order mark is skipped, a JSON
 * syntax error named by line and column, a key given twice refused, and every schema problem named
 * by its JSON path with what would be right.
 */
export function parseFmeaText(text: string): ParsedFmea {
  const parsed = parseJsonText(text, 'an FMEA document, a JSON object');
  if (!parsed.ok) return parsed;
  const result = fmeaDocumentSchema.safeParse(parsed.value);
  if (result.success) return { ok: true, document: result.data };
  return { ok: false, problems: result.error.issues.flatMap((issue) => describeFmeaIssue(issue, parsed.value)) };
}

function describeFmeaIssue(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem[] {
  if (issue.code !== 'unrecognized_keys') return [describeSchemaIssue(issue, raw, SCHEMA_FILE)];
  // a hand-typed RPN goes stale the moment a rating changes: say so at its own path, with the fix
  const typed = issue.keys.filter((key) => key.toLowerCase() === 'rpn');
  const others = issue.keys.filter((key) => key.toLowerCase() !== 'rpn');
  const problems = typed.map((key) => ({ path: jsonPath([...issue.path, key]), message: computedRpnMessage(valueAt(raw, issue.path)) }));
  if (others.length) problems.push(describeSchemaIssue({ ...issue, keys: others }, raw, SCHEMA_FILE));
  return problems;
}

function computedRpnMessage(mode: unknown): string {
  const [s, o, d] = ['severity', 'occurrence', 'detection'].map((key) => valueAt(mode, [key]));
  const product = [s, o, d].every((value) => typeof value === 'number') ? ` (here ${s} × ${o} × ${d} = ${Number(s) * Number(o) * Number(d)})` : '';
  return `the RPN is computed as severity × occurrence × detection${product}, never typed: remove "rpn" and rate the three instead`;
}
