import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { PerfImportError } from './import-error.js';

/**
 * A JSON file a load tool wrote, parsed strictly (no comments, no trailing commas). A syntax error is
 * named by line and column, and the file's text is never echoed back.
 */
export function parseJsonDocument(fileText: string, maxChars: number, expected: string): unknown {
  if (fileText.length > maxChars) throw new PerfImportError(`the file has ${fileText.length} characters; at most ${maxChars} are read`);
  const text = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  if (text.trim() === '') throw new PerfImportError(`the file is empty; expected ${expected}`);
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse says what but (on Node 20) not where; jsonc-parser's scanner finds where
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (!first) throw new PerfImportError(`not valid JSON; expected ${expected}`);
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    throw new PerfImportError(`column ${column}: not valid JSON (${words(printParseErrorCode(first.error))}); expected ${expected}`, line);
  }
}

const words = (code: string) => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
