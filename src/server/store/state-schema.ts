import { z } from 'zod';
import { jsonPath } from '../config/config-error.js';
import { readingSchema } from '../readings/registry.js';
import type { StoreState } from './store.js';

/**
 * The state file's shape. The file is ours, but it is read back after crashes, disk-full episodes,
 * upgrades and hand edits, so it is checked like any outside input: a wrong shape is reported with its
 * JSON path and the server starts empty, instead of failing deep inside the store.
 *
 * Readings are checked by their own kind's schema (readings/registry.ts), which lets fields this
 * version does not know pass through, so a newer field written by an adapter survives a restart.
 */
const time = z.number();
const optionalTime = z.number().nullable();

const pollRecord = z.object({
  state: z.enum(['pending', 'ok', 'error']),
  lastSuccessAt: optionalTime,
  lastAttemptAt: optionalTime,
  lastError: z.string().nullable(),
  lastErrorAt: optionalTime,
  consecutiveFailures: z.number().int().nonnegative(),
  restored: z.boolean(),
});

export const historyPointsSchema = z.array(z.tuple([time, z.number().nullable()]));

export const storeStateSchema = z.object({
  version: z.literal(1),
  savedAt: time,
  sources: z.record(z.string(), z.object({ poll: pollRecord, reading: readingSchema.nullable(), history: z.record(z.string(), historyPointsSchema) })),
});

// the schema must produce what the store imports: a change to Reading or PollRecord that the
// schema does not follow fails type-checking here
const parsedStateFits = (parsed: z.infer<typeof storeStateSchema>): StoreState => parsed;
void parsedStateFits;

const MAX_ISSUES_SHOWN = 3;

/** The saved state, or why the text is not one, naming JSON paths. */
export function parseStoreState(value: unknown): { ok: true; state: StoreState } | { ok: false; problem: string } {
  const version = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { version?: unknown }).version : undefined;
  if (version !== undefined && version !== 1) {
    return { ok: false, problem: `not a Radiator state file of this version ($.version is ${JSON.stringify(version)}; expected 1)` };
  }
  const result = storeStateSchema.safeParse(value);
  if (result.success) return { ok: true, state: result.data };
  const issues = result.error.issues;
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `${jsonPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
  const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
  return { ok: false, problem: `not a valid Radiator state file: ${shown.join('; ')}${more}` };
}
