import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delimitedRecords } from '../../../../src/server/perf/importers/delimited-text.js';

const records = (text: string, delimiter = ',') => [...delimitedRecords(text, delimiter)];
// how JMeter's CSVSaveService quotes a field: when it holds the delimiter, a quote or a line break
const quoted = (field: string, delimiter: string) => (/["\r\n]/.test(field) || field.includes(delimiter) ? `"${field.replaceAll('"', '""')}"` : field);

describe('delimited text as JMeter writes it', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, numbering records by the line they start on', () => {
    expect(records('a,"b,c",d\n"say ""hi""",,"two\nlines"\r\nlast,\n\n')).toEqual([
      { line: 1, fields: ['a', 'b,c', 'd'] },
      { line: 2, fields: ['say "hi"', '', 'two\nlines'] },
      { line: 4, fields: ['last', ''] },
    ]);
    expect(records('a\tb\rc\td', '\t')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('reads back whatever JMeter\'s quoting wrote (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '"', '\n', '\r', 'é'), maxLength: 8 });
    fc.assert(
      fc.property(fc.constantFrom(',', ';', '\t', '|'), fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { maxLength: 6 }), (delimiter, rows) => {
        const text = rows.map((row) => row.map((f) => quoted(f, delimiter)).join(delimiter)).join('\n');
        expect(records(text, delimiter).map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});
