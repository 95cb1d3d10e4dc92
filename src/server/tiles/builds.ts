import { z } from 'zod';
import type { Status } from '../../shared/status.js';
import type { BuildsData, BuildsHeadline, BuildsJobStatus, BuildsJobView } from '../../shared/views/builds.js';
import type { BuildJob, BuildsReading } from '../readings/builds.js';
import { plainLine } from '../../shared/plain-text.js';
import { globListOption, globMatcher } from './glob.js';
import { defineTileKind } from './tile-kind.js';

const NAME_CHARS = 120;
const MESSAGE_CHARS = 200;
const PERSON_CHARS = 60;
const CULPRITS = 6;
const BLOCKED_CHARS = 120;
const BLOCKED_NAMED = 3;

/** Wall order of the statuses: the broken ones first, the passing ones last. */
const ORDER: Record<BuildsJobStatus, number> = { failed: 0, unstable: 1, building: 2, aborted: 3, disabled: 4, notbuilt: 5, success: 6 };
const WORD: Record<BuildsJobStatus, string> = {
  failed: 'FAILED',
  unstable: 'UNSTABLE',
  building: 'BUILDING',
  aborted: 'ABORTED',
  disabled: 'DISABLED',
  notbuilt: 'NOT BUILT',
  success: 'PASSED',
};

const options = z
  .object({
    include: globListOption.describe('Job keys or globs ("platform/*", "*/main"); default all'),
    exclude: globListOption.describe('Job keys or globs left out, after include'),
    maxJobs: z.number().int().min(1).max(500).default(100).describe('Most jobs shown; the rest is counted ("+N more")'),
    showGreen: z.boolean().default(true).describe('List passing jobs too (false: only counted)'),
  })
  .strict();

type BuildsOptions = z.infer<typeof options>;

/**
 * CI jobs from a Jenkins, Buildbot or CCTray source: broken first with since when and who, builds in
 * progress with what the widget needs to show progress, passing ones last. Times come from the
 * reading (the sources keep "broken since" across polls), so a failed poll, which keeps the last
 * reading, resets no timer; elapsed times are the widget's to tick, so views do not change every second.
 */
export const buildsTile = defineTileKind({
  widget: 'builds',
  description: 'CI jobs (Jenkins, Buildbot, CCTray): broken first with who and since when, builds in progress, green ones compact.',
  consumes: 'builds',
  options,
  project({ options, reading, source }) {
    if (!reading) return { status: 'unknown', data: emptyData('waiting') };
    return projectBuilds(reading, options, source?.stale ?? false);
  },
});

/** `stale`: the reading is not current (the frame says why), so "all green" is not promised. */
export function projectBuilds(reading: BuildsReading, options: BuildsOptions, stale = false): { status: Status; data: BuildsData; reason?: string } {
  const included = globMatcher(options.include);
  const excluded = options.exclude ? globMatcher(options.exclude) : () => false;
  const all = reading.jobs.filter((j) => included(j.key) && !excluded(j.key)).map(toView);
  all.sort(wallOrder);

  const data = emptyData('no-jobs');
  for (const job of all) data.counts[job.status]++;
  data.total = all.length;
  const blocked = all.filter((j) => j.blocked !== null);
  data.blocked = blocked.length;
  const listed = options.showGreen ? all : all.filter((j) => j.status !== 'success');
  data.jobs = listed.slice(0, options.maxJobs);
  data.more = listed.length - data.jobs.length;
  data.headline = headlineOf(data, stale);

  if (all.length === 0) {
    return { status: 'unknown', data, reason: reading.jobs.length === 0 ? 'the CI server lists no jobs' : 'no job matches the tile filters' };
  }
  // a job that cannot build is said in words, not by status: its last result still stands
  const status: Status = data.counts.failed > 0 ? 'critical' : data.counts.unstable > 0 ? 'warning' : 'ok';
  return blocked.length ? { status, data, reason: blockedSummary(blocked) } : { status, data };
}

/** "2 jobs cannot build: app, lib", naming a few. */
function blockedSummary(blocked: BuildsJobView[]): string {
  const names = blocked.slice(0, BLOCKED_NAMED).map((j) => j.name);
  const more = blocked.length - names.length;
  const jobs = blocked.length === 1 ? '1 job cannot build' : `${blocked.length} jobs cannot build`;
  return `${jobs}: ${names.join(', ')}${more > 0 ? ` +${more} more` : ''}${blocked.length === 1 ? ` (${blocked[0]!.blocked})` : ''}`;
}

/** The status the wall shows: a running build does not hide that the job is broken. */
function shownStatus(job: BuildJob): BuildsJobStatus {
  if (job.status !== 'building') return job.status;
  if (job.lastResult === 'failed' || job.lastResult === 'unstable') return job.lastResult;
  return 'building';
}

function toView(job: BuildJob): BuildsJobView {
  const status = shownStatus(job);
  const broken = status === 'failed' || status === 'unstable';
  const first = job.changes[0];
  const culprits = job.culprits.map((c) => plainLine(c, PERSON_CHARS)).filter(Boolean);
  return {
    key: job.key,
    name: plainLine(job.name, NAME_CHARS) || plainLine(job.key, NAME_CHARS),
    url: job.url,
    status,
    word: WORD[status],
    building: job.status === 'building',
    number: job.number === null ? null : plainLine(job.number, 40),
    since: broken ? (job.brokenSince ?? job.finishedAt) : job.status === 'building' ? job.startedAt : job.finishedAt,
    startedAt: job.startedAt,
    estimatedMs: job.estimatedMs !== null && job.estimatedMs > 0 ? job.estimatedMs : null,
    culprits: culprits.slice(0, CULPRITS),
    moreCulprits: Math.max(0, culprits.length - CULPRITS),
    change: first ? { author: first.author === null ? null : plainLine(first.author, PERSON_CHARS) || null, message: plainLine(first.message, MESSAGE_CHARS) } : null,
    changes: job.changes.length,
    blocked: job.blocked ? plainLine(job.blocked, BLOCKED_CHARS) || null : null,
  };
}

/** Broken first, the longest broken first; running builds the longest running first; the rest by name. */
function wallOrder(a: BuildsJobView, b: BuildsJobView): number {
  const broken = a.status === 'failed' || a.status === 'unstable';
  return (
    ORDER[a.status] - ORDER[b.status] ||
    (broken ? (a.since ?? Infinity) - (b.since ?? Infinity) : 0) ||
    (a.status === 'building' ? (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) : 0) ||
    compareText(a.name, b.name) ||
    compareText(a.key, b.key)
  );
}

// not localeCompare: the order must not depend on the server's locale
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function headlineOf(data: BuildsData, stale: boolean): BuildsHeadline {
  const c = data.counts;
  if (data.total === 0) return 'no-jobs';
  if (c.failed > 0) return 'broken';
  if (c.unstable > 0) return 'unstable';
  if (c.building > 0) return 'building';
  if (c.aborted > 0 || data.blocked > 0) return 'attention';
  if (c.success === 0) return 'no-jobs';
  return stale ? 'no-current-data' : 'all-green';
}

function emptyData(headline: BuildsHeadline): BuildsData {
  return {
    headline,
    counts: { failed: 0, unstable: 0, building: 0, aborted: 0, disabled: 0, notbuilt: 0, success: 0 },
    total: 0,
    blocked: 0,
    jobs: [],
    more: 0,
  };
}
