import { z } from 'zod';

/** The parts of Buildbot's REST API v2 answers the adapter reads (loose: other fields are fine). */
export const buildersAnswer = z.looseObject({
  builders: z.array(z.looseObject({ builderid: z.number().int(), name: z.string().min(1) })).max(5_000),
});

const build = z.looseObject({
  buildid: z.number().int(),
  builderid: z.number().int(),
  number: z.number().int(),
  complete: z.boolean(),
  results: z.number().int().nullable(),
  started_at: z.number().nullable(),
  complete_at: z.number().nullable(),
});
export type BuildbotBuild = z.infer<typeof build>;

export const buildsAnswer = z.looseObject({ builds: z.array(build).max(10_000) });

const change = z.looseObject({
  author: z.string().nullable().optional(),
  comments: z.string().nullable().optional(),
  revision: z.string().nullable().optional(),
});
export type BuildbotChange = z.infer<typeof change>;

export const changesAnswer = z.looseObject({ changes: z.array(change).max(1_000) });

/**
 * Workers as Buildbot 3.7 answers /api/v2/workers?field=name&field=connected_to&field=configured_on:
 * `configured_on` lists {builderid, masterid} per builder the worker may run, `connected_to` one
 * {masterid} per master it is connected to (empty while it is offline).
 */
export const workersAnswer = z.looseObject({
  workers: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        connected_to: z.array(z.looseObject({ masterid: z.number().int() })).max(1_000),
        configured_on: z.array(z.looseObject({ builderid: z.number().int(), masterid: z.number().int() })).max(10_000),
      }),
    )
    .max(5_000),
});
export type BuildbotWorker = z.infer<typeof workersAnswer>['workers'][number];

/** The fields asked for in builds queries: the answer stays small however many properties builds carry. */
export const BUILD_FIELDS = ['buildid', 'builderid', 'number', 'complete', 'results', 'started_at', 'complete_at'] as const;

/** An answer checked against its shape, or an error naming the path that is wrong and the endpoint. */
export function checked<T>(schema: z.ZodType<T>, json: unknown, endpoint: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = issue.path.length ? issue.path.join('.') : '(root)';
  throw new Error(`not a Buildbot REST API answer at ${endpoint}: ${at}: ${issue.message}`);
}
