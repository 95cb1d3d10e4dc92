import type { BuildJob, BuildsReading } from '../../readings/builds.js';

/** What a builds adapter carries from poll to poll: when each job's failing streak began. */
export interface BrokenSinceCarry {
  brokenSince: Record<string, number>;
}

const failing = (job: BuildJob) => job.status === 'failed' || job.status === 'unstable' || (job.status === 'building' && (job.lastResult === 'failed' || job.lastResult === 'unstable'));

/**
 * Fills each job's `brokenSince` from the previous poll's carry: a streak that began earlier keeps
 * its start (a feed error in between keeps the last reading, so it never resets either); a job that
 * starts failing now begins one at its failing build's finish (or start, or the poll's time); a job
 * that passes again ends it. Where the adapter already knows when the streak began, that wins.
 */
export function withBrokenSince(jobs: BuildJob[], previous: BuildsReading | null, at: number): { jobs: BuildJob[]; carry: BrokenSinceCarry } {
  const before = carriedBrokenSince(previous);
  const brokenSince: Record<string, number> = {};
  const out = jobs.map((job) => {
    if (!failing(job)) return { ...job, brokenSince: null };
    const since = before[job.key] ?? job.brokenSince ?? (job.status === 'building' ? null : (job.finishedAt ?? job.startedAt)) ?? at;
    brokenSince[job.key] = since;
    return { ...job, brokenSince: since };
  });
  return { jobs: out, carry: { brokenSince } };
}

function carriedBrokenSince(previous: BuildsReading | null): Record<string, number> {
  const carry = previous?.carry;
  if (!carry || typeof carry !== 'object' || !('brokenSince' in carry)) return {};
  const map = (carry as { brokenSince: unknown }).brokenSince;
  if (!map || typeof map !== 'object') return {};
  return Object.fromEntries(Object.entries(map).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}
