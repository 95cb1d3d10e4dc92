import { parentPort } from 'node:worker_threads';
import type { BuildJob } from '../../readings/builds.js';
import { globMatcher } from '../../tiles/glob.js';
import { jenkinsJobs } from './normalize.js';

/**
 * Parses, checks and normalizes Jenkins answers off the main thread: JSON.parse of a 2,000-job
 * answer (~4 MB) alone holds a thread for ~20 ms, and the garbage it leaves costs more. The main
 * thread gets only the compact jobs back.
 */

/** One answer to read; `id` pairs it with its reply. */
export interface JenkinsJobsRequest {
  id: number;
  text: string;
  /** Names the answer in shape errors: "Jenkins ci.example.com/api/json". */
  what: string;
  maxDepth: number;
  include?: string[] | undefined;
  exclude?: string[] | undefined;
}

export type JenkinsJobsReply =
  /** Jobs come a slice at a time, the last with `done`: receiving 2,000 at once would hold the main thread. */
  | { id: number; outcome: 'jobs'; jobs: BuildJob[]; done: boolean }
  /** The main thread words this one: it quotes the body's start with the request's secrets redacted. */
  | { id: number; outcome: 'invalid-json' }
  | { id: number; outcome: 'failed'; message: string };

/** Jobs per message at most: unpacking one is a millisecond or two of the main thread's time. */
const JOBS_PER_MESSAGE = 100;

/**
 * Reads one answer, sending its jobs as the walk finds them, so the main thread unpacks one slice
 * while the next is made; on a failure the main thread drops what it got.
 */
async function answer(port: NonNullable<typeof parentPort>, request: JenkinsJobsRequest): Promise<void> {
  const { id, text, what, maxDepth } = request;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return port.postMessage({ id, outcome: 'invalid-json' } satisfies JenkinsJobsReply);
  }
  const included = globMatcher(request.include);
  const excluded = request.exclude ? globMatcher(request.exclude) : () => false;
  let sent = 0;
  const sendUpTo = (jobs: readonly BuildJob[], end: number, done: boolean) => {
    do {
      const upTo = Math.min(end, sent + JOBS_PER_MESSAGE);
      port.postMessage({ id, outcome: 'jobs', jobs: jobs.slice(sent, upTo), done: done && upTo === end } satisfies JenkinsJobsReply);
      sent = upTo;
    } while (sent < end);
  };
  try {
    const jobs = await jenkinsJobs(parsed, {
      what,
      maxDepth,
      selected: (fullName, decoded) => (included(fullName) || included(decoded)) && !excluded(fullName) && !excluded(decoded),
      betweenSlices: (soFar) => {
        if (soFar.length > sent) sendUpTo(soFar, soFar.length, false);
      },
    });
    sendUpTo(jobs, jobs.length, true);
  } catch (err) {
    port.postMessage({ id, outcome: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies JenkinsJobsReply);
  }
}

const port = parentPort;
if (port) port.on('message', (request: JenkinsJobsRequest) => void answer(port, request));
