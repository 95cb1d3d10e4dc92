import { z } from 'zod';
import type { BuildsReading } from '../readings/builds.js';
import { globListOption, globMatcher } from '../tiles/glob.js';
import { withBrokenSince } from './builds/broken-since.js';
import { BUILD_FIELDS, buildersAnswer, buildsAnswer, changesAnswer, checked, workersAnswer, type BuildbotBuild } from './buildbot/api-shapes.js';
import { builderJob, resultOf, type BuilderBuilds } from './buildbot/normalize.js';
import { blockedReason, workersByBuilder } from './buildbot/workers.js';
import { basicAuthFromEnv } from './credentials.js';
import { getJson, type JsonRequest } from './json-over-http.js';
import { defineSourceKind } from './source-kind.js';
import { httpUrlOption } from './url-option.js';

const options = z.object({
  url: httpUrlOption.describe('Buildbot\'s root (its buildbotURL), e.g. "https://buildbot.example.com/" (with or without /api/v2)'),
  username: z.string().min(1).optional().describe('User for HTTP basic auth (with passwordEnv)'),
  passwordEnv: z.string().min(1).optional().describe('Name of the environment variable holding the password'),
  include: globListOption.describe('Builder names or globs to show; default all'),
  exclude: globListOption.describe('Builder names or globs to leave out'),
  recentBuilds: z
    .number()
    .int()
    .min(10)
    .max(2_000)
    .default(200)
    .describe('How many of the newest builds (of all builders) one query reads; builders with none among them are asked one by one'),
  maxBuilderQueries: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(20)
    .describe('At most this many per-builder queries per poll, for builders with no finished build among the recent ones'),
  maxChangeQueries: z
    .number()
    .int()
    .min(0)
    .max(100)
    .default(20)
    .describe('At most this many builds (failed, unstable or running) have their changes read per poll'),
  insecureTls: z.boolean().default(false).describe('Accept self-signed TLS certificates'),
  maxBytes: z.number().int().min(1024).default(16 * 1024 * 1024).describe('Largest API answer accepted, in bytes'),
});

/**
 * Buildbot builders and their latest builds over the REST API v2, normalized to the builds reading.
 * Requests per poll are bounded: the builders, one query for the newest builds of all builders, a
 * per-builder query only for builders missing from it (at most maxBuilderQueries), the workers (a
 * builder none of whose workers is connected is `blocked`), and the changes of failed, unstable and
 * running builds only (at most maxChangeQueries).
 */
export const buildbotSource = defineSourceKind({
  kind: 'buildbot',
  description: 'Buildbot builders with their latest build, progress and the authors of its changes, from the REST API v2.',
  produces: 'builds',
  options: options.superRefine((o, ctx) => {
    if (!o.username !== !o.passwordEnv) ctx.addIssue({ code: 'custom', path: [o.username ? 'passwordEnv' : 'username'], message: 'username and passwordEnv go together' });
  }),
  async poll(o, signal, context): Promise<BuildsReading> {
    const at = context.now();
    const root = `${o.url.replace(/\/+$/, '').replace(/\/api\/v2$/, '')}/`;
    const request: Omit<JsonRequest, 'url'> = { api: 'Buildbot REST API', auth: basicAuthFromEnv(o.username, o.passwordEnv, context.env), insecureTls: o.insecureTls, maxBytes: o.maxBytes, signal };
    const get = async <T>(schema: z.ZodType<T>, path: string) => checked(schema, (await getJson({ ...request, url: `${root}api/v2/${path}` })).json, `/api/v2/${path.split('?')[0]}`);
    const fields = BUILD_FIELDS.map((f) => `field=${f}`).join('&');

    const [{ builders: allBuilders }, { builds: recent }, { workers }] = await Promise.all([
      get(buildersAnswer, 'builders?field=builderid&field=name'),
      get(buildsAnswer, `builds?order=-buildid&limit=${o.recentBuilds}&${fields}`),
      get(workersAnswer, 'workers?field=name&field=connected_to&field=configured_on'),
    ]);
    const included = globMatcher(o.include);
    const excluded = o.exclude ? globMatcher(o.exclude) : () => false;
    const builders = allBuilders.filter((b) => included(b.name) && !excluded(b.name));

    const byBuilder = new Map<number, BuildbotBuild[]>();
    for (const build of recent) byBuilder.set(build.builderid, [...(byBuilder.get(build.builderid) ?? []), build]);
    // a builder whose newest finished build is older than the window (or that never built) is asked
    // alone, for its last two builds: the running one and the one before, or the last finished one
    const unseen = builders.filter((b) => !(byBuilder.get(b.builderid) ?? []).some((build) => build.complete));
    if (unseen.length > o.maxBuilderQueries) {
      throw new Error(
        `${unseen.length} Buildbot builders have no finished build among the newest ${o.recentBuilds} builds: more than maxBuilderQueries (${o.maxBuilderQueries}) — raise recentBuilds or maxBuilderQueries, or narrow include`,
      );
    }
    await Promise.all(
      unseen.map(async (b) => {
        const { builds } = await get(buildsAnswer, `builders/${b.builderid}/builds?order=-number&limit=2&${fields}`);
        byBuilder.set(b.builderid, builds);
      }),
    );

    const configuredWorkers = workersByBuilder(workers);
    const states: BuilderBuilds[] = builders.map((b) => {
      const builds = [...(byBuilder.get(b.builderid) ?? [])].sort((x, y) => y.number - x.number);
      return { builderid: b.builderid, name: b.name, latest: builds[0] ?? null, lastComplete: builds.find((x) => x.complete) ?? null, changes: [], blocked: blockedReason(configuredWorkers.get(b.builderid)) };
    });
    // who broke it (or what is being built) is worth a request; a green build's changes are not
    const wanted = states
      .filter((s) => s.latest && (!s.latest.complete || ['failed', 'unstable'].includes(resultOf(s.latest))))
      .sort((x, y) => y.latest!.buildid - x.latest!.buildid)
      .slice(0, o.maxChangeQueries);
    await Promise.all(
      wanted.map(async (s) => {
        s.changes = (await get(changesAnswer, `builds/${s.latest!.buildid}/changes?field=author&field=comments&field=revision`)).changes;
      }),
    );
    const { jobs, carry } = withBrokenSince(
      states.map((s) => builderJob(s, root)),
      context.previous,
      at,
    );
    return { type: 'builds', at, jobs, carry };
  },
});
