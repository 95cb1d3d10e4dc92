import { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';

/** Longer than any configured id needs; keeps error messages and room names small. */
export const MAX_BOARD_ID_CHARS = 128;

const boardIdSchema = z.string().min(1).max(MAX_BOARD_ID_CHARS);

export type BoardIdCheck = { ok: true; boardId: string } | { ok: false; error: string };

/**
 * A board id as a display sends it. Anything a client sends is hostile: the value is only ever
 * inspected through the schema and `typeof`, never converted with String() (an object with a
 * throwing or non-function `toString` must not reach the conversion).
 */
export function readBoardId(event: string, raw: unknown): BoardIdCheck {
  // typeof first: zod runs a string's length checks even on a non-string, and `{ length: { toString: 1 } }`
  // makes them throw while formatting the issue
  const parsed = typeof raw === 'string' ? boardIdSchema.safeParse(raw) : null;
  if (parsed === null) return refused(event, raw);
  return parsed.success ? { ok: true, boardId: parsed.data } : refused(event, raw);
}

function refused(event: string, raw: unknown): BoardIdCheck {
  return { ok: false, error: `${event} expects a board id: a string of 1 to ${MAX_BOARD_ID_CHARS} characters (got ${describeValue(raw)})` };
}

/** What a refused value was, in words that are safe to send back and log. */
function describeValue(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  if (typeof raw === 'string') return raw.length === 0 ? 'an empty string' : `a string of ${raw.length} characters`;
  if (typeof raw === 'object') return 'an object';
  return `a ${typeof raw}`;
}

/** A client-sent id fit to quote in a reply: no control or bidi characters, bounded. */
export function quotedId(boardId: string): string {
  return JSON.stringify(plainLine(boardId, 64));
}
