import { plainLine } from '../../../shared/plain-text.js';

/**
 * A load tool's output that cannot be imported, saying where and why in words a CI log can show:
 * `line 14: elapsed: expected a number, got "abc"` or `latency.p99: expected a number, got "fast"`.
 */
export class PerfImportError extends Error {
  override readonly name = 'PerfImportError';

  constructor(
    readonly problem: string,
    /** 1-based line of the file, when the format has lines that matter (CSV, a JSON syntax error). */
    readonly line: number | null = null,
    /** The field or JSON path, e.g. `elapsed` or `metrics.http_reqs.rate`. */
    readonly field: string | null = null,
  ) {
    super(`${line !== null ? `line ${line}: ` : ''}${field !== null ? `${field}: ` : ''}${problem}`);
  }
}

/** A value from the file for an error message: one plain line, short, quoted when it is text. */
export function shownValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(plainLine(value, 40));
  return plainLine(String(value), 40);
}
