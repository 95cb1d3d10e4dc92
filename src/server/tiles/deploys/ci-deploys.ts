import { z } from 'zod';
import { plainLine } from '../../../shared/plain-text.js';
import type { DeployOutcome } from '../../../shared/views/deploys.js';
import { parseDurationMs } from '../../config/duration.js';
import type { BuildJob, BuildsReading } from '../../readings/builds.js';
import { globMatcher } from '../glob.js';
import { OUTCOME_WORD, outcomeAt, type LaneDeploy } from './lane-deploy.js';

const NAME_CHARS = 100;

/** One tile option entry: the jobs of a CI source that deploy, and the lane they feed. */
export const ciDeployJobOption = z
  .object({
    source: z.string().min(1).describe('Id of a Jenkins, Buildbot or CCTray source (a builds source)'),
    job: z.string().min(1).describe('Job key or glob ("deploy/*-prod"): its builds are deploys'),
    env: z.string().min(1).max(60).describe('The lane they feed'),
    service: z.string().min(1).max(100).optional().describe('What they deploy, as the lane shows it; default the job\'s name'),
    stallAfter: z
      .union([z.number().positive(), z.string()])
      .default('30m')
      .describe('A build running longer than this is a stalled deploy: "30m", "1h" or a number of seconds')
      .superRefine((value, ctx) => {
        if (parseDurationMs(value) === null) ctx.addIssue({ code: 'custom', message: 'expected a duration such as "30m", "1h" or a number of seconds' });
      }),
  })
  .strict();

export type CiDeployJob = z.infer<typeof ciDeployJobOption>;

/**
 * The deploys a CI source's deploy jobs tell of. A builds reading knows each job's latest build only:
 * a build running is a deploy running; a finished one deployed (passed) or failed (failed, unstable,
 * aborted). While a build runs, the one before is kept as a deploy of its own (its number and end
 * unknown: it ended at the latest when the running one started), so what runs there does not vanish
 * while the next deploys, and a lane red from a failure stays red until a build passes. Disabled and
 * never-built jobs deploy nothing.
 */
export function ciDeploys(entry: CiDeployJob, sourceId: string, reading: BuildsReading, now: number): LaneDeploy[] {
  const matches = globMatcher([entry.job]);
  const stallAfterMs = parseDurationMs(entry.stallAfter) ?? 30 * 60_000;
  return reading.jobs.filter((job) => matches(job.key)).flatMap((job) => deploysOfJob(job, entry, sourceId, reading.at, stallAfterMs, now));
}

function deploysOfJob(job: BuildJob, entry: CiDeployJob, sourceId: string, readAt: number, stallAfterMs: number, now: number): LaneDeploy[] {
  const service = plainLine(entry.service ?? job.name, NAME_CHARS) || plainLine(job.key, NAME_CHARS);
  const key = `ci:${sourceId}:${job.key}`;
  const version = job.number === null ? null : `#${plainLine(job.number, 40)}`;
  const base = { env: entry.env, target: `service:${service}` };
  const item = (suffix: string, outcome: DeployOutcome, startedAt: number, finishedAt: number | null, timeoutAt: number | null, message: string | null, itemVersion: string | null): LaneDeploy => ({
    ...base,
    view: {
      key: key + suffix,
      what: service,
      manifest: null,
      service,
      version: itemVersion,
      outcome,
      word: OUTCOME_WORD[outcome],
      progress: null,
      step: null,
      by: null,
      ticket: null,
      startedAt,
      finishedAt,
      timeoutAt,
      estimatedMs: job.estimatedMs !== null && job.estimatedMs > 0 ? job.estimatedMs : null,
      message,
      origin: 'ci',
    },
  });
  switch (job.status) {
    case 'building': {
      const startedAt = job.startedAt ?? readAt;
      const timeoutAt = startedAt + stallAfterMs;
      const running = item('', outcomeAt(true, 'failed', timeoutAt, now), startedAt, null, timeoutAt, null, version);
      if (job.lastResult === 'success') return [running, item('#before', 'succeeded', startedAt, startedAt, null, 'the build before passed', null)];
      if (job.lastResult !== 'failed' && job.lastResult !== 'unstable' && job.lastResult !== 'aborted') return [running];
      const brokeAt = Math.min(job.brokenSince ?? startedAt, startedAt);
      return [running, item('#before', 'failed', brokeAt, brokeAt, null, `the build before ${job.lastResult === 'aborted' ? 'was aborted' : job.lastResult}`, null)];
    }
    case 'success':
    case 'failed':
    case 'unstable':
    case 'aborted': {
      const finishedAt = job.finishedAt ?? readAt;
      const startedAt = Math.min(job.startedAt ?? finishedAt, finishedAt);
      const message = job.status === 'unstable' || job.status === 'aborted' ? job.status : null;
      return [item('', job.status === 'success' ? 'succeeded' : 'failed', startedAt, finishedAt, null, message, version)];
    }
    default:
      return [];
  }
}
