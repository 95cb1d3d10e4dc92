import { z } from 'zod';
import type { BuildsReading } from '../readings/builds.js';
import { globListOption } from '../tiles/glob.js';
import { withBrokenSince } from './builds/broken-since.js';
import { readCaFile } from './credentials.js';
import { JenkinsJobsThread } from './jenkins/jobs-thread.js';
import { jenkinsTreeQuery } from './jenkins/tree-query.js';
import { describeUrl, getJsonText } from './json-over-http.js';
import { defineSourceKind, type PollContext } from './source-kind.js';
import { httpUrlOption } from './url-option.js';

const options = z
  .object({
    url: httpUrlOption.describe('Jenkins root or a view, e.g. "https://ci.example.com/" or "https://ci.example.com/view/Team/"'),
    username: z.string().min(1).optional().describe('Jenkins user the API token belongs to'),
    tokenEnv: z.string().min(1).optional().describe('Name of the environment variable holding the user\'s API token (basic auth)'),
    include: globListOption.describe('Jobs to show by full name ("platform/*", "gateway/feature%2F*"); default all'),
    exclude: globListOption.describe('Jobs to leave out by full name'),
    maxDepth: z.number().int().min(1).max(10).default(4).describe('Levels of folders, multibranch projects and organization folders walked; a deeper tree is reported, not cut'),
    caFile: z.string().min(1).optional().describe('PEM file of the CA that signed the Jenkins certificate'),
    insecureTls: z.boolean().default(false).describe('Accept any certificate (no verification)'),
    maxBytes: z.number().int().min(1024).default(32 * 1024 * 1024).describe('Largest API response accepted, in bytes'),
  })
  .superRefine((o, ctx) => {
    if (o.username && !o.tokenEnv) ctx.addIssue({ code: 'custom', path: ['tokenEnv'], message: 'username needs tokenEnv: the environment variable holding the user\'s API token' });
    if (o.tokenEnv && !o.username) ctx.addIssue({ code: 'custom', path: ['username'], message: 'tokenEnv needs username: the Jenkins user the API token belongs to' });
  });
type JenkinsOptions = z.infer<typeof options>;

/**
 * Jenkins (or Hudson) jobs with their last build, from the JSON API in one request per poll: a
 * `tree=` query spelling out every folder level (see jenkins/tree-query.ts), never a request per job.
 */
export const jenkinsSource = defineSourceKind({
  kind: 'jenkins',
  description: 'Jenkins jobs (folders, multibranch, views) with their last build, culprits and commits, from the JSON API.',
  produces: 'builds',
  options,
  // the answer is read in a worker thread kept per configured source (jenkins/jobs-thread.ts)
  open(o) {
    const thread = new JenkinsJobsThread();
    return { poll: (signal, context) => pollJenkins(o, signal, context, thread), close: () => thread.close() };
  },
  // one poll on its own (a one-off check, a test): a thread of its own, ended with the poll
  async poll(o, signal, context): Promise<BuildsReading> {
    const thread = new JenkinsJobsThread();
    try {
      return await pollJenkins(o, signal, context, thread);
    } finally {
      await thread.close();
    }
  },
});

async function pollJenkins(o: JenkinsOptions, signal: AbortSignal, context: PollContext<'builds'>, thread: JenkinsJobsThread): Promise<BuildsReading> {
  // the JSON API sits under the page's path: a query or fragment copied from the browser goes
  const page = new URL(o.url);
  page.search = '';
  page.hash = '';
  const base = page.href.replace(/\/+$/, '').replace(/\/api\/json$/, '');
  const url = `${base}/api/json?tree=${encodeURIComponent(jenkinsTreeQuery(o.maxDepth))}`;
  const where = describeUrl(url);
  const { text, invalidJson } = await getJsonText({
    url,
    api: 'Jenkins JSON API',
    auth: tokenAuth(o.username, o.tokenEnv, context.env),
    insecureTls: o.insecureTls,
    ca: o.caFile ? await readCaFile(o.caFile) : undefined,
    maxBytes: o.maxBytes,
    signal,
    statusMessage: (status) => jenkinsStatusMessage(status, base, o.username),
  });
  const jobs = await thread.jobs(text, { what: `Jenkins ${where}`, maxDepth: o.maxDepth, include: o.include, exclude: o.exclude }, signal, invalidJson);
  const at = context.now();
  const { jobs: withStreaks, carry } = withBrokenSince(jobs, context.previous, at);
  return { type: 'builds', at, jobs: withStreaks, carry };
}

function tokenAuth(username: string | undefined, tokenEnv: string | undefined, env: Readonly<Record<string, string | undefined>>) {
  if (!username || !tokenEnv) return undefined;
  const token = env[tokenEnv];
  if (token === undefined) throw new Error(`environment variable ${tokenEnv} is not set (tokenEnv for Jenkins user "${username}")`);
  return { username, password: token };
}

/** Jenkins' own words for the statuses its users meet: a wrong token, a view that is not there. */
function jenkinsStatusMessage(status: number, base: string, username: string | undefined): string | undefined {
  const who = username ? `user "${username}"` : 'no user configured';
  if (status === 401) return `Jenkins: 401 Unauthorized — check user and tokenEnv (${who}, at ${describeUrl(base)}/)`;
  if (status === 403) return `Jenkins: 403 Forbidden — check user and tokenEnv, and that the user may read jobs (${who}, at ${describeUrl(base)}/)`;
  if (status !== 404) return undefined;
  const view = /\/view\/([^/]+)$/.exec(new URL(base).pathname)?.[1];
  if (view) return `Jenkins: view "${decodeURIComponentSafe(view)}" does not exist (HTTP 404 at ${describeUrl(base)}/) — check the view name in url`;
  return `Jenkins: nothing at ${describeUrl(base)}/ (HTTP 404) — url should be the Jenkins root or a view (…/view/NAME/)`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
