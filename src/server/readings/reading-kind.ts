import { z } from 'zod';

/**
 * Every kind of reading, by its `type`. Empty here on purpose: each reading kind's own file adds its
 * entry by declaration merging and registers its schema in ./registry.ts, so a new kind (builds,
 * deploys, perf results) is one new file, not an edit of a closed union in several folders:
 *
 *     declare module './reading-kind.js' {
 *       interface ReadingTypes { metrics: MetricsReading }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ReadingTypes {}

export type ReadingType = keyof ReadingTypes;

/** Normalized readings: what adapters return and the store keeps, in no upstream's wire format. */
export type Reading = ReadingTypes[ReadingType];

/** What every reading has: the store keys on `type` and times the data by `at`. */
export interface ReadingFrame<K extends string> {
  type: K;
  /** Epoch ms of the measurement. */
  at: number;
}

// a kind filed under a key other than its own `type` would make `reading.type === kind` lie to
// tiles and the store: such a kind fails type-checking here, naming its key
type Misfiled = { [K in ReadingType]: ReadingTypes[K] extends ReadingFrame<K> ? never : K }[ReadingType];
const everyKindFiledUnderItsType: [Misfiled] extends [never] ? true : Misfiled = true;
void everyKindFiledUnderItsType;

export interface ReadingKind<K extends ReadingType = ReadingType> {
  type: K;
  /** One line for the docs. */
  description: string;
  /**
   * Checks a reading read back from disk (the state file, the database): kept readings outlive the
   * code that wrote them and may have been edited by hand. Loose objects, so a field written by a
   * newer version survives a restart; everything tiles and the store rely on is checked.
   */
  schema: z.ZodType<ReadingTypes[K]>;
}

export function defineReadingKind<K extends ReadingType>(kind: ReadingKind<K>): ReadingKind<K> {
  return kind;
}

/** The runtime check that narrows any reading to the kind a source produces or a tile consumes. */
export function isReadingOf<K extends ReadingType>(type: K, reading: Reading): reading is ReadingTypes[K] {
  return reading.type === type;
}

/**
 * One schema for any of `kinds`: the reading's `type` picks its kind's schema, so a wrong field is
 * reported at its own path ("samples.3.value"), and an unknown type names the types there are.
 */
export function anyReadingSchema(kinds: readonly ReadingKind[]): z.ZodType<Reading> {
  const byType = new Map<string, ReadingKind>(kinds.map((kind) => [kind.type, kind]));
  const known = kinds.map((kind) => kind.type).join(', ');
  return z.looseObject({ type: z.string(), at: z.number() }).transform((value, ctx): Reading => {
    const kind = byType.get(value.type);
    if (!kind) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `unknown reading type ${JSON.stringify(value.type)}; expected one of ${known}` });
      return z.NEVER;
    }
    const result = kind.schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });
}
