import { z } from 'zod';
import type { BuildJob, BuildResult, BuildsReading } from '../readings/builds.js';
import { globListOption, globMatcher } from '../tiles/glob.js';
import { withBrokenSince } from './builds/broken-since.js';
import { parseCctrayFeed, type CctrayProject, type CctrayStatus } from './cctray/feed.js';
import { basicAuthFromEnv } from './credentials.js';
import { httpRequest } from './http-client.js';
import { describeUrl, oneLine } from './json-over-http.js';
import { defineSourceKind } from './source-kind.js';
import { httpUrlOption } from './url-option.js';

const options = z.object({
  url: httpUrlOption.describe('The CCTray feed, e.g. "https://jenkins.example.com/cc.xml" or GoCD\'s "/go/cctray.xml"'),
  username: z.string().min(1).optional().describe('User for HTTP basic auth (with passwordEnv)'),
  passwordEnv: z.string().min(1).optional().describe('Name of the environment variable holding the password or API token'),
  include: globListOption.describe('Project names or globs to show (e.g. ["platform » *"]); default all'),
  exclude: globListOption.describe('Project names or globs to leave out'),
  insecureTls: z.boolean().default(false).describe('Accept self-signed TLS certificates'),
  maxBytes: z.number().int().min(1024).default(8 * 1024 * 1024).describe('Largest feed accepted, in bytes'),
});

const RESULT: Record<CctrayStatus, BuildResult | null> = { Success: 'success', Failure: 'failed', Exception: 'failed', Unknown: null };

/**
 * Any CI server's CCTray feed (`<Projects><Project …/>`: Jenkins' cc.xml, GoCD, TeamCity, Concourse
 * adapters, CruiseControl), normalized to the builds reading.
 */
export const cctraySource = defineSourceKind({
  kind: 'cctray',
  description: 'CI projects from a CCTray XML feed (Jenkins cc.xml, GoCD, TeamCity, CruiseControl, Concourse adapters).',
  produces: 'builds',
  options: options.superRefine((o, ctx) => {
    if (!o.username !== !o.passwordEnv) ctx.addIssue({ code: 'custom', path: [o.username ? 'passwordEnv' : 'username'], message: 'username and passwordEnv go together' });
  }),
  async poll(o, signal, context): Promise<BuildsReading> {
    const at = context.now();
    const where = describeUrl(o.url);
    const auth = basicAuthFromEnv(o.username, o.passwordEnv, context.env);
    const response = await httpRequest({ url: o.url, headers: { accept: 'application/xml, text/xml' }, auth, insecureTls: o.insecureTls, maxBytes: o.maxBytes, signal });
    if (response.status === 401) {
      throw new Error(`CCTray: authentication failed (HTTP 401) at ${where}${auth ? ` for user "${auth.username}"` : ' — no credentials configured'}; check username and passwordEnv`);
    }
    if (response.status === 403) throw new Error(`CCTray: access denied (HTTP 403) at ${where}${auth ? ` for user "${auth.username}"` : ''}`);
    if (response.status >= 400) throw new Error(`CCTray: HTTP ${response.status} from ${where}`);
    const body = response.body;
    if (body.trim() === '') throw new Error(`CCTray: empty response from ${where} (HTTP ${response.status})`);
    if (/html/i.test(String(response.headers['content-type'] ?? '')) || /^\s*(<!doctype html|<html)/i.test(body)) {
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body.slice(0, 64 * 1024))?.[1];
      throw new Error(`not a CCTray feed: got HTML${title ? ` ("${oneLine(title, 80)}")` : ''} from ${where} — wrong URL, or a login page in front?`);
    }
    const included = globMatcher(o.include);
    const excluded = o.exclude ? globMatcher(o.exclude) : () => false;
    const projects = parseCctrayFeed(body, where).filter((p) => included(p.name) && !excluded(p.name));
    const { jobs, carry } = withBrokenSince(uniqueKeys(projects.map(toJob)), context.previous, at);
    return { type: 'builds', at, jobs, carry };
  },
});

function toJob(p: CctrayProject): BuildJob {
  const lastResult = RESULT[p.lastBuildStatus];
  const building = p.activity === 'Building';
  return {
    key: p.name,
    name: p.name,
    url: p.webUrl,
    // the spec's Unknown is no result at all: grey, never green
    status: building ? 'building' : (lastResult ?? 'notbuilt'),
    lastResult,
    // a feed only describes the last finished build: what runs now has no number, start or estimate in it
    number: building ? null : p.lastBuildLabel,
    startedAt: building ? null : p.lastBuildTime,
    finishedAt: null,
    durationMs: null,
    estimatedMs: null,
    culprits: p.breakers,
    changes: [],
    brokenSince: null,
  };
}

/** Keys must be unique within the source; a feed may (wrongly) list one name twice. */
function uniqueKeys(jobs: BuildJob[]): BuildJob[] {
  const seen = new Map<string, number>();
  return jobs.map((job) => {
    const n = (seen.get(job.key) ?? 0) + 1;
    seen.set(job.key, n);
    return n === 1 ? job : { ...job, key: `${job.key} (${n})` };
  });
}
