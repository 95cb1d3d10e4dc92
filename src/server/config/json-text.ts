import { type ConfigProblem } from './config-error.js';
import { duplicateKeyProblems } from './duplicate-keys.js';

export type ParsedJsonText = { ok: true; value: unknown } | { ok: false; problems: ConfigProblem[] };

/**
 * The text of a JSON file people edit by hand (the config, an FMEA), parsed: a leading byte order mark
 * is skipped, a syntax error is named by line and column, and keys given twice in one object are
 * refused (JSON.parse would keep the last silently). `expected` says what the file should hold.
 */
export function parseJsonText(fileText: string, expected = 'a JSON object'): ParsedJsonText {
  // editors on Windows save UTF-8 with a byte order mark; JSON.parse refuses it with an invisible character
  const text = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ path: '$', message: describeJsonError(err as Error, text, expected) }] };
  }
  const duplicates = duplicateKeyProblems(text);
  if (duplicates.length) return { ok: false, problems: duplicates };
  return { ok: true, value };
}

function describeJsonError(err: Error, text: string, expected: string): string {
  const position = /position (\d+)/.exec(err.message);
  let where = '';
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
  }
  const what = err.message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '');
  return `not valid JSON${where}: ${what}; expected ${expected} (check for a missing comma, quote or brace there)`;
}
