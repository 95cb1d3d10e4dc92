import { z } from 'zod';
import type { WidgetKind } from '../../shared/tile-view.js';
import type { RegisteredSourceKind } from '../sources/registered-source-kind.js';
import type { RegisteredTileKind } from '../tiles/registered-tile-kind.js';
import { cronProblem } from './cron-schedule.js';
import { parseDurationMs } from './duration.js';

/**
 * The kinds a config may name. The composition root hands them over (src/server/built-in-kinds.ts),
 * so the schema is built from what the server runs, and config/ imports no adapter, widget or stand-in.
 */
export interface ConfigKinds {
  sources: readonly RegisteredSourceKind[];
  tiles: readonly RegisteredTileKind[];
  /** The stand-ins `demo.standIns` may start. */
  standIns: readonly { kind: string }[];
}

export interface RadiatorConfig {
  $schema?: string;
  demo?: { standIns: StandInConfig[] };
  /** The HTTP API's limits (the events API's body size, batch size and rate limit). */
  api: ApiConfig;
  sources: Record<string, SourceConfig>;
  boards: Record<string, BoardConfig>;
  playlists: Record<string, PlaylistConfig>;
}

export interface ApiConfig {
  /** The largest request body the events API reads, in bytes. */
  maxBodyBytes: number;
  /** The most events one POST may carry. */
  maxEventsPerRequest: number;
  rateLimit: {
    /** Requests per `per` that one token may make to the events API. */
    requests: number;
    /** The window: "10s", "1m" or seconds. */
    per: string | number;
    /** Requests per `per` from one address without a valid token. */
    requestsWithoutToken: number;
  };
}

/**
 * A source entry: its type, the keys of a polled or a pushed source, and its kind's own options
 * (validated by that kind's schema).
 */
export interface SourceConfig {
  type: string;
  /** Polled sources: when to poll (6-field cron). Pushed sources have none. */
  schedule?: string;
  /** Polled sources: a poll is aborted after this many ms. */
  timeoutMs?: number;
  /** Pushed sources: how often data should arrive ("5m", or seconds); none = never stale by age. */
  expectEvery?: string | number;
  /** Pushed sources: the environment variable holding the bearer tokens that may push to it (comma or whitespace separated). */
  tokensEnv?: string;
  historyHours: number;
  [option: string]: unknown;
}

export interface BoardConfig {
  title: string;
  columns: number;
  rows: number;
  tiles: TileConfig[];
}

/** A tile entry: where it sits, what it reads, and its widget's own options (validated by that widget's schema). */
export interface TileConfig {
  id: string;
  widget: WidgetKind;
  title?: string;
  source?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  options: Record<string, unknown>;
}

export interface PlaylistConfig {
  title?: string;
  boards: string[];
  every: string | number;
}

export interface StandInConfig {
  kind: string;
  port: number;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const id = z.string().regex(ID_PATTERN, 'an id of letters, digits, "-", "_" or "." (e.g. "web-latency")');

const schedule = z
  .string()
  .describe('6-field cron with seconds: "sec min hour day month weekday", e.g. "*/15 * * * * *"')
  .superRefine((value, ctx) => {
    const problem = cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `expected ${problem}` });
  });

const duration = z
  .union([z.number().positive(), z.string()])
  .describe('"30s", "2m", "1h" or a number of seconds')
  .superRefine((value, ctx) => {
    if (parseDurationMs(value) === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as "30s", "2m", "1h" or a number of seconds' });
    }
  });

const historyHours = z
  .number()
  .positive()
  .max(24 * 31)
  .default(24)
  .describe('How long each series keeps its history (bounded, persisted)');

const polledCommon = {
  schedule,
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(300_000)
    .default(10_000)
    .describe('Abort a poll after this many ms; keep it below the schedule interval'),
  historyHours,
};

const pushedCommon = {
  expectEvery: duration
    .optional()
    .describe('How often data should arrive, e.g. "5m": stale after twice that without a push; default never stale by age'),
  tokensEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name (letters, digits and "_"), e.g. "RADIATOR_DEPLOY_TOKENS"')
    .optional()
    .describe(
      'Environment variable holding the bearer tokens that may push to this source over POST /api/v1/events (one or more, comma or whitespace separated: two at once while rotating); without it the source takes no HTTP pushes',
    ),
  historyHours,
};

/** The keys only polled sources have, and only pushed ones: a source of the other sort gets told. */
export const POLLED_ONLY_KEYS: readonly string[] = ['schedule', 'timeoutMs'];
export const PUSHED_ONLY_KEYS: readonly string[] = ['expectEvery', 'tokensEnv'];

/** The events API's limits when the config leaves them out. */
export const API_DEFAULTS = {
  maxBodyBytes: 256 * 1024,
  maxEventsPerRequest: 1_000,
  // 4,000 requests a second per token: twice a deploy pipeline's 2,000 events a second sent one per request
  rateLimit: { requests: 40_000, per: '10s', requestsWithoutToken: 100 },
} as const;

const apiSchema = z
  .object({
    maxBodyBytes: z
      .number()
      .int()
      .min(1_024)
      .max(16 * 1024 * 1024)
      .default(API_DEFAULTS.maxBodyBytes)
      .describe('The largest request body POST /api/v1/events reads, in bytes; larger ones are refused with 413'),
    maxEventsPerRequest: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(API_DEFAULTS.maxEventsPerRequest)
      .describe('The most events one POST /api/v1/events may carry'),
    rateLimit: z
      .object({
        requests: z.number().int().min(1).default(API_DEFAULTS.rateLimit.requests).describe('Requests to /api/v1/events per window that one token may make; past that 429 with Retry-After'),
        per: duration.default(API_DEFAULTS.rateLimit.per).describe('The window, e.g. "10s" or "1m"'),
        requestsWithoutToken: z
          .number()
          .int()
          .min(1)
          .default(API_DEFAULTS.rateLimit.requestsWithoutToken)
          .describe('Requests to /api/v1/events per window from one address without a valid token'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({})
  .describe('Limits of the HTTP API');

function sourceSchema(kind: RegisteredSourceKind) {
  const type = z.literal(kind.kind).describe(kind.description);
  if (kind.arrives === 'pushed') return kind.options.extend({ type, ...pushedCommon }).strict();
  return kind.options
    .extend({ type, ...polledCommon })
    .strict()
    .superRefine((source, ctx) => {
      const { timeoutMs } = source;
      if (typeof timeoutMs !== 'number') return; // reported by its own schema
      for (const problem of kind.timeoutProblems(source, timeoutMs)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    });
}

const tileCommon = {
  id,
  title: z.string().min(1).optional().describe('Shown on the tile; defaults to the id'),
  source: id.optional().describe('Id of the source this tile reads (under "sources")'),
  x: z.number().int().min(0).describe('Column, counting from 0'),
  y: z.number().int().min(0).describe('Row, counting from 0'),
  w: z.number().int().min(1).default(1).describe('Width in columns'),
  h: z.number().int().min(1).default(1).describe('Height in rows'),
};

function tileSchema(kind: RegisteredTileKind) {
  return z
    .object({
      widget: z.literal(kind.widget).describe(kind.description),
      ...tileCommon,
      options: kind.options.prefault({}),
    })
    .strict();
}

/** The schema of a whole config file, for these kinds. */
export function configSchemaFor(kinds: ConfigKinds) {
  const boardSchema = z
    .object({
      title: z.string().min(1),
      columns: z.number().int().min(1).max(24),
      rows: z.number().int().min(1).max(24),
      tiles: z.array(z.discriminatedUnion('widget', nonEmpty(kinds.tiles.map(tileSchema), 'widget kind'))),
    })
    .strict();

  const playlistSchema = z
    .object({
      title: z.string().min(1).optional(),
      boards: z.array(id).min(1).describe('Board ids, shown in this order'),
      every: duration.describe('How long each board stays on screen'),
    })
    .strict();

  const standInSchema = z
    .object({
      kind: z.enum(nonEmpty(kinds.standIns.map((k) => k.kind), 'stand-in kind')),
      port: z.number().int().min(1).max(65535),
    })
    .strict();

  return z
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
      api: apiSchema,
      sources: z.record(id, z.discriminatedUnion('type', nonEmpty(kinds.sources.map(sourceSchema), 'source kind'))).default({}),
      boards: z.record(id, boardSchema),
      playlists: z.record(id, playlistSchema).default({}),
    })
    .strict();
}

function nonEmpty<T>(list: readonly T[], what: string): [T, ...T[]] {
  const [first, ...rest] = list;
  if (first === undefined) throw new Error(`no ${what} is registered`);
  return [first, ...rest];
}
