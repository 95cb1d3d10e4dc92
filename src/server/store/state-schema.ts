import { z } from 'zod';
import { jsonPath } from '../config/config-error.js';
import type { StoreState } from './store.js';

/**
 * The state file's shape. The file is ours, but it is read back after crashes, disk-full episodes,
 * upgrades and hand edits, so it is checked like any outside input: a wrong shape is reported with its
 * JSON path and the server starts empty, instead of failing deep inside the store.
 *
 * Reading objects are loose (fields this version does not know pass through), so a newer field written
 * by an adapter survives a restart; everything the store and tiles rely on is checked.
 */
const time = z.number();
const optionalTime = z.number().nullable();
const threshold = z.object({ min: z.number().nullable(), max: z.number().nullable() });

const metricSample = z.looseObject({
  series: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  label: z.string(),
  group: z.string().optional(),
  warning: threshold.nullable().optional(),
  critical: threshold.nullable().optional(),
  error: z.string().nullable().optional(),
  httpStatus: z.number().nullable().optional(),
  axis: z
    .looseObject({ lower: z.number().nullable(), upper: z.number().nullable(), rigid: z.boolean(), base: z.union([z.literal(1000), z.literal(1024)]) })
    .optional(),
});

const check = z.looseObject({
  host: z.string(),
  service: z.string().nullable(),
  state: z.enum(['up', 'down', 'unreachable', 'pending', 'ok', 'warning', 'critical', 'unknown']),
  hard: z.boolean(),
  output: z.string(),
  longOutput: z.string(),
  lastCheck: optionalTime,
  lastStateChange: optionalTime,
  acknowledged: z.boolean(),
  inDowntime: z.boolean(),
  flapping: z.boolean(),
  notificationsEnabled: z.boolean(),
  checkStale: z.boolean(),
  hostgroups: z.array(z.string()),
  servicegroups: z.array(z.string()),
});

const reading = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('metrics'), at: time, samples: z.array(metricSample), carry: z.unknown().optional() }),
  z.looseObject({
    type: z.literal('monitoring'),
    at: time,
    upstream: z.looseObject({ program: z.string(), reachable: z.boolean(), checking: z.boolean(), lastUpdate: optionalTime, detail: z.string().nullable() }),
    checks: z.array(check),
  }),
]);

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
  sources: z.record(z.string(), z.object({ poll: pollRecord, reading: reading.nullable(), history: z.record(z.string(), historyPointsSchema) })),
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
