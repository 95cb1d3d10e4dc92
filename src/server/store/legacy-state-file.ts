import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { jsonPath } from '../config/config-error.js';
import type { LegacyState } from './persistent-store.js';
import type { KeptSource } from './store-ports.js';

const FILE_NAME = 'store.json';
const IMPORTED_SUFFIX = '.imported';
const MAX_ISSUES_SHOWN = 3;

/*
 * The JSON state file's shape (written by StateFile up to the SQLite store). The file is read back after
 * crashes, disk-full episodes and hand edits, so it is checked like outside input before anything of it
 * reaches the database or the tiles. Objects are loose: a field this version does not know passes.
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
  axis: z.looseObject({ lower: z.number().nullable(), upper: z.number().nullable(), rigid: z.boolean(), base: z.union([z.literal(1000), z.literal(1024)]) }).optional(),
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

const keptSource = z.object({
  poll: z.object({
    state: z.enum(['pending', 'ok', 'error']),
    lastSuccessAt: optionalTime,
    lastAttemptAt: optionalTime,
    lastError: z.string().nullable(),
    lastErrorAt: optionalTime,
    consecutiveFailures: z.number().int().nonnegative(),
    restored: z.boolean(),
  }),
  reading: reading.nullable(),
  history: z.record(z.string(), z.array(z.tuple([time, z.number().nullable()]))),
});

const stateFile = z.object({ version: z.literal(1), savedAt: time, sources: z.record(z.string(), keptSource) });

// the schema must produce what the store imports: a change to Reading or PollRecord that the schema
// does not follow fails type-checking here
const parsedFits = (parsed: z.infer<typeof keptSource>): KeptSource => parsed;
void parsedFits;

/**
 * DATA/store.json of earlier versions, for the one-time import into the database: read and checked
 * (a corrupt or wrong-shaped file rejects with the JSON paths at fault), then renamed
 * store.json.imported once its contents are in the database.
 */
export function legacyStateFile(dataDir: string): LegacyState {
  const file = path.join(dataDir, FILE_NAME);
  return {
    file,
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new Error(`cannot read ${file}: ${(err as Error).message}`);
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        throw new Error(`${file} is corrupt (${(err as Error).message})`);
      }
      const parsed = stateFile.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues;
        const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
        const more = issues.length > MAX_ISSUES_SHOWN ? ` (and ${issues.length - MAX_ISSUES_SHOWN} more)` : '';
        throw new Error(`${file} is not a Radiator state file: ${shown.join('; ')}${more}`);
      }
      return parsed.data.sources;
    },
    async retire() {
      const retired = `${file}${IMPORTED_SUFFIX}`;
      await rename(file, retired);
      return retired;
    },
  };
}
