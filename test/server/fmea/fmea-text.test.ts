import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFmeaText } from '../../../src/server/fmea/fmea-text.js';
import { fmeaJsonSchema } from '../../../src/server/fmea/fmea-json-schema.js';
import { exampleFmea } from './example-fmea.js';

const problemsOf = (value: unknown) => {
  const parsed = parseFmeaText(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return parsed.ok ? [] : parsed.problems;
};

describe('FMEA documents', () => {
  it('accepts the shipped example: Database storage with its four failure modes', () => {
    const parsed = parseFmeaText(readFileSync('config/fmea/database-storage.json', 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.document.function).toBe('Database storage');
    expect(parsed.document.modes.map((m) => [m.id, m.severity, m.occurrence, m.detection])).toEqual([
      ['data-corruption', 8, 2, 7],
      ['high-latency', 4, 6, 3],
      ['disk-full', 7, 3, 1],
      ['storage-unavailable', 10, 2, 6],
    ]);
    expect(parsed.document.observedOccurrence).toEqual({ windowDays: 30, episodesFrom: [0, 1, 2, 3, 5, 9, 17, 33, 65, 129] });
  });

  it('refuses a rating outside 1–10 or not whole, naming its JSON path', () => {
    const doc = exampleFmea();
    doc.modes[0]!.severity = 11;
    doc.modes[1]!.occurrence = 0;
    doc.modes[2]!.detection = 2.5;
    doc.modes[3]!.severity = '10';
    expect(problemsOf(doc)).toEqual([
      { path: '$.modes[0].severity', message: 'expected a whole number from 1 to 10 (severity) (got 11)' },
      { path: '$.modes[1].occurrence', message: 'expected a whole number from 1 to 10 (occurrence) (got 0)' },
      { path: '$.modes[2].detection', message: 'expected a whole number from 1 to 10 (detection) (got 2.5)' },
      { path: '$.modes[3].severity', message: 'expected a whole number from 1 to 10 (severity) (got "10")' },
    ]);
  });

  it('refuses a missing field as missing, at its path', () => {
    const doc = exampleFmea();
    delete doc.modes[2]!.effect;
    delete (doc.ratingKey as { detection: Record<string, string> }).detection['7'];
    expect(problemsOf(doc)).toEqual([
      { path: '$.ratingKey.detection["7"]', message: 'missing; expected string' },
      { path: '$.modes[2].effect', message: 'missing; expected string' },
    ]);
  });

  it('refuses an RPN typed by hand, saying it is computed and how', () => {
    const doc = exampleFmea();
    doc.modes[0]!.rpn = 112;
    doc.modes[3]!.RPN = 100;
    expect(problemsOf(doc)).toEqual([
      { path: '$.modes[0].rpn', message: 'the RPN is computed as severity × occurrence × detection (here 8 × 2 × 7 = 112), never typed: remove "rpn" and rate the three instead' },
      { path: '$.modes[3].RPN', message: expect.stringMatching(/^the RPN is computed .*10 × 2 × 6 = 120/) },
    ]);
  });

  it('names unknown keys, duplicate mode ids and a bad occurrence table', () => {
    const doc = exampleFmea();
    doc.modes[1]!.colour = 'red';
    doc.modes[3]!.id = 'data-corruption';
    doc.observedOccurrence = { windowDays: 30, episodesFrom: [1, 2, 2, 3, 5, 9, 17, 33, 65, 129] };
    expect(problemsOf(doc)).toEqual([
      { path: '$.observedOccurrence.episodesFrom[0]', message: expect.stringMatching(/^expected 0/) },
      { path: '$.observedOccurrence.episodesFrom[2]', message: expect.stringMatching(/^expected more than 2/) },
      { path: '$.modes[1]', message: 'unknown key "colour"; remove it or check the spelling (see config/fmea.schema.json)' },
      { path: '$.modes[3].id', message: 'this id is also the id of modes[0]; give each failure mode its own id (got "data-corruption")' },
    ]);
  });

  it('checks the signals a mode is bound to', () => {
    const doc = exampleFmea();
    doc.modes[1]!.signals = { series: [{ source: 'munin', series: 'db1/latency', threshold: {} }], checks: [{ source: 'nagios' }] };
    expect(problemsOf(doc)).toEqual([
      { path: '$.modes[1].signals.checks[0].host', message: 'missing; expected a name or glob ("db*"), or a list of them' },
      { path: '$.modes[1].signals.series[0].threshold', message: 'expected "above", "below" or both, e.g. {"above": 500}' },
    ]);
  });

  it('refuses over-long text instead of clipping it, and makes text one plain line', () => {
    const doc = exampleFmea();
    doc.modes[0]!.effect = 'x'.repeat(501);
    expect(problemsOf(doc)).toEqual([{ path: '$.modes[0].effect', message: `expected at most 500 characters; shorten it (got "${'x'.repeat(49)}…")` }]);
    doc.modes[0]!.effect = 'Rows \u202ewrong\u0007\n  until\u001b[31m restored';
    const parsed = parseFmeaText(JSON.stringify(doc));
    expect(parsed.ok && parsed.document.modes[0]!.effect).toBe('Rows wrong until restored');
  });

  it('reads the file as the board config is read: BOM skipped, syntax errors by line and column, duplicate keys refused', () => {
    const text = JSON.stringify(exampleFmea(), null, 2);
    expect(parseFmeaText(`\uFEFF${text}`).ok).toBe(true);
    expect(problemsOf(text.replace('"severity": 8,', '"severity": 8'))).toEqual([
      { path: '$', message: expect.stringMatching(/^not valid JSON at line \d+, column \d+: .*; expected an FMEA document/) },
    ]);
    expect(problemsOf(text.replace('"severity": 8,', '"severity": 8, "severity": 9,'))).toEqual([
      { path: '$.modes[0].severity', message: expect.stringMatching(/^duplicate key "severity" \(lines \d+ and \d+\)/) },
    ]);
  });
});

describe('published FMEA JSON Schema', () => {
  it('is up to date with the zod schema (npm run schema rewrites it)', () => {
    expect(JSON.parse(readFileSync('config/fmea.schema.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(fmeaJsonSchema())));
  });
});
