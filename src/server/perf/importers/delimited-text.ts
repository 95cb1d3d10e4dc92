import { PerfImportError } from './import-error.js';

/** One record of a delimited text file and the line it starts on (1-based). */
export interface DelimitedRecord {
  line: number;
  fields: string[];
}

/** More fields than any JMeter result file has: a line of nothing but delimiters is not one. */
export const MAX_FIELDS_PER_RECORD = 500;

/**
 * The records of delimited text as JMeter writes it (CSVSaveService): a field holding the delimiter, a
 * quote or a line break is enclosed in double quotes, a quote inside doubled. Lines end in \n, \r\n or
 * \r; blank lines are skipped. A quote left open, text after a closing quote or a stray quote in a
 * plain field is an error naming its line: such a file was not written by JMeter, or was cut short.
 */
export function* delimitedRecords(text: string, delimiter: string): Generator<DelimitedRecord> {
  const end = text.length;
  let at = 0;
  let line = 1;
  while (at < end) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let field: string;
      if (text[at] === '"') {
        field = '';
        at++;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote < 0) throw new PerfImportError('a quoted field is not closed', startLine);
          field += text.slice(at, quote);
          line += countLineBreaks(text, at, quote);
          at = quote + 1;
          if (text[at] !== '"') break;
          field += '"';
          at++;
        }
        if (at < end && text[at] !== delimiter && text[at] !== '\n' && text[at] !== '\r') {
          throw new PerfImportError(`field ${fields.length + 1}: text after its closing quote`, line);
        }
      } else {
        let stop = at;
        while (stop < end && text[stop] !== delimiter && text[stop] !== '\n' && text[stop] !== '\r') stop++;
        field = text.slice(at, stop);
        if (field.includes('"')) throw new PerfImportError(`field ${fields.length + 1}: a quote inside a field that does not start with one`, line);
        at = stop;
      }
      fields.push(field);
      if (fields.length > MAX_FIELDS_PER_RECORD) throw new PerfImportError(`more than ${MAX_FIELDS_PER_RECORD} fields`, startLine);
      if (at < end && text[at] === delimiter) {
        at++;
        continue;
      }
      if (text[at] === '\r') at++;
      if (text[at] === '\n') at++;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: startLine, fields };
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) count++;
  return count;
}
