import { describe, expect, it } from 'vitest';
import type { IncidentsReading } from '../../../src/server/readings/incidents.js';
import { readingSchema } from '../../../src/server/readings/registry.js';
import { incidentsSource } from '../../../src/server/sources/incidents.js';
import { registerSourceKind } from '../../../src/server/sources/registered-source-kind.js';

const T0 = Date.UTC(2030, 0, 1, 12);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function incidentsSourceWith(options: Record<string, unknown> = {}) {
  const bound = registerSourceKind(incidentsSource).bind(options);
  if (bound.arrives !== 'pushed') throw new Error('the incidents kind must be pushed');
  return bound;
}

/** Folds one request's events into the reading after `previous`, as the push intake does. */
function fold(previous: IncidentsReading | null, events: unknown[], now: number, options: Record<string, unknown> = {}): IncidentsReading {
  const source = incidentsSourceWith(options);
  const accepted = events.map((event) => {
    const result = source.accept(event);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result;
  });
  const reading = source.readingAfter(accepted, { previous, now: () => now });
  if (reading.type !== 'incidents') throw new Error(`expected an incidents reading, got ${reading.type}`);
  return reading;
}

const incident = (fields: Record<string, unknown>) => ({ kind: 'incident', mode: 'database-storage/disk-full', by: 'alice', ...fields });

describe('incidents source: folding incident events', () => {
  it('keeps a failure mode marked as happening, from when it began (default: when it arrived) until resolved', () => {
    const reading = fold(null, [incident({ incident: 'INC-1', note: 'db1 /var at 100 %', at: T0 - 10 * MIN }), incident({ mode: 'web/health' })], T0);
    expect(reading).toEqual({
      type: 'incidents',
      at: T0,
      incidents: [
        { key: 'web/health@' + T0, mode: 'web/health', by: 'alice', note: null, at: T0, resolvedAt: null, closesAt: T0 + DAY },
        { key: 'INC-1', mode: 'database-storage/disk-full', by: 'alice', note: 'db1 /var at 100 %', at: T0 - 10 * MIN, resolvedAt: null, closesAt: T0 - 10 * MIN + DAY },
      ],
    });
    expect(readingSchema.parse(reading)).toEqual(reading);
  });

  it('updates an incident named again: resolvedAt ends it, what the update leaves out stays', () => {
    let reading = fold(null, [incident({ incident: 'INC-1', note: 'db1 full', at: T0 - 10 * MIN })], T0);
    reading = fold(reading, [incident({ incident: 'INC-1', by: 'bob', resolvedAt: T0 + 20 * MIN })], T0 + 30 * MIN);
    expect(reading.incidents).toEqual([{ key: 'INC-1', mode: 'database-storage/disk-full', by: 'bob', note: 'db1 full', at: T0 - 10 * MIN, resolvedAt: T0 + 20 * MIN, closesAt: T0 - 10 * MIN + DAY }]);
  });

  it('takes future times as now, ends one never resolved after closeAfter, and forgets resolved ones after keepForDays', () => {
    let reading = fold(null, [incident({ incident: 'future', at: T0 + HOUR }), incident({ incident: 'open', at: T0 - 2 * HOUR })], T0, { closeAfter: '1h' });
    expect(reading.incidents.find((i) => i.key === 'future')?.at).toBe(T0);
    expect(reading.incidents.find((i) => i.key === 'open')?.resolvedAt).toBe(T0 - HOUR);
    reading = fold(reading, [incident({ incident: 'later', at: T0 + 40 * DAY, resolvedAt: T0 + 40 * DAY + MIN })], T0 + 40 * DAY, { keepForDays: 30 });
    expect(reading.incidents.map((i) => i.key)).toEqual(['later']);
  });

  it('refuses an event without a mode key, or ending before it began, by path', () => {
    const source = incidentsSourceWith();
    const problems = (event: unknown) => {
      const result = source.accept(event);
      return result.ok ? [] : result.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    };
    expect(problems(incident({ mode: 'disk-full' }))).toEqual([expect.stringMatching(/^mode: expected "documentId\/modeId"/)]);
    expect(problems(incident({ by: undefined }))).toEqual([expect.stringMatching(/^by: /)]);
    expect(problems(incident({ at: T0, resolvedAt: T0 - 1 }))).toEqual(['resolvedAt: resolvedAt is before at: an incident ends after it begins']);
  });
});
