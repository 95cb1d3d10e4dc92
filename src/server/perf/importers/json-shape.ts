import { z } from 'zod';
import { PerfImportError, shownValue } from './import-error.js';

/** A number in a tool's JSON output (finite: JSON's 1e999 is not one). */
export const jsonNumber = z.number({ error: (issue) => `expected a number, got ${shownValue(issue.input)}` });

/** An object in a tool's JSON output; fields it does not name are let through (newer tool versions add some). */
export const jsonObject = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.looseObject(shape, { error: (issue) => `expected an object, got ${shownValue(issue.input)}` });

/** `value` read as `shape`, or an error naming the first field that is not what the tool writes. */
export function readShape<T>(shape: z.ZodType<T>, value: unknown, expected: string): T {
  const parsed = shape.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new PerfImportError(field === '' ? `${issue.message}; expected ${expected}` : issue.message, null, field === '' ? null : field);
}
