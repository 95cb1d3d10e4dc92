import { z } from 'zod';
import { sourceKinds } from '../sources/registry.js';
import { standInKinds } from '../standins/registry.js';
import { tileKinds } from '../tiles/registry.js';
import { cronProblem } from './cron-schedule.js';
import { parseDurationMs } from './duration.js';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const id = z.string().regex(ID_PATTERN, 'an id of letters, digits, "-", "_" or "." (e.g. "web-latency")');

const schedule = z
  .string()
  .describe('6-field cron with seconds: "sec min hour day month weekday", e.g. "*/15 * * * * *"')
  .superRefine((value, ctx) => {
    const problem = cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `expected ${problem}` });
  });

const sourceCommon = {
  schedule,
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(300_000)
    .default(10_000)
    .describe('Abort a poll after this many ms; keep it below the schedule interval'),
  historyHours: z
    .number()
    .positive()
    .max(24 * 31)
    .default(24)
    .describe('How long each series keeps its history (bounded, persisted)'),
};

function oneOf<T extends z.ZodObject>(key: string, members: T[]) {
  return z.discriminatedUnion(key, members as unknown as [T, ...T[]]);
}

export const sourceSchema = oneOf(
  'type',
  sourceKinds.map((k) =>
    k.options
      .extend({ type: z.literal(k.kind).describe(k.description), ...sourceCommon })
      .strict(),
  ),
);

const tileCommon = {
  id,
  title: z.string().min(1).optional().describe('Shown on the tile; defaults to the id'),
  source: id.optional().describe('Id of the source this tile reads (under "sources")'),
  x: z.number().int().min(0).describe('Column, counting from 0'),
  y: z.number().int().min(0).describe('Row, counting from 0'),
  w: z.number().int().min(1).default(1).describe('Width in columns'),
  h: z.number().int().min(1).default(1).describe('Height in rows'),
};

export const tileSchema = oneOf(
  'widget',
  tileKinds.map((k) =>
    z
      .object({
        widget: z.literal(k.widget).describe(k.description),
        ...tileCommon,
        options: k.options.prefault({} as never),
      })
      .strict(),
  ),
);

export const boardSchema = z
  .object({
    title: z.string().min(1),
    columns: z.number().int().min(1).max(24),
    rows: z.number().int().min(1).max(24),
    tiles: z.array(tileSchema),
  })
  .strict();

const duration = z
  .union([z.number().positive(), z.string()])
  .describe('"30s", "2m", "1h" or a number of seconds')
  .superRefine((value, ctx) => {
    if (parseDurationMs(value) === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as "30s", "2m", "1h" or a number of seconds' });
    }
  });

export const playlistSchema = z
  .object({
    title: z.string().min(1).optional(),
    boards: z.array(id).min(1).describe('Board ids, shown in this order'),
    every: duration.describe('How long each board stays on screen'),
  })
  .strict();

const standInSchema = z
  .object({
    kind: z.enum(standInKinds.map((k) => k.kind) as [string, ...string[]]),
    port: z.number().int().min(1).max(65535),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    demo: z
      .object({
        standIns: z
          .array(standInSchema)
          .describe('Local stand-ins for real upstreams, started with the server (demo only)'),
      })
      .strict()
      .optional(),
    sources: z.record(id, sourceSchema).default({}),
    boards: z.record(id, boardSchema),
    playlists: z.record(id, playlistSchema).default({}),
  })
  .strict();

export type RadiatorConfig = Omit<z.infer<typeof configSchema>, 'sources'> & { sources: Record<string, SourceConfig> };
/** A source entry: the common fields, plus its kind's own options (validated by that kind's schema). */
export interface SourceConfig {
  type: string;
  schedule: string;
  timeoutMs: number;
  historyHours: number;
  [option: string]: unknown;
}
export type BoardConfig = z.infer<typeof boardSchema>;
export type TileConfig = z.infer<typeof tileSchema>;
export type PlaylistConfig = z.infer<typeof playlistSchema>;
