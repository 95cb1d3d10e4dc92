import type { BuildsJobView } from '../shared/views/builds.js';
import { formatAge } from './relative-time.js';

/** A running build at `now`, as its progress bar and ETA show it. */
export interface BuildProgress {
  /** How long it has run; null when its start is not known. */
  elapsedMs: number | null;
  /** 0–1 of its usual duration; null without a start or an estimate. */
  fraction: number | null;
  /** It has run past its usual duration. */
  overdue: boolean;
  /** "3 min left", "overdue 2 min", "running 4 min", or "running" when nothing is known. */
  eta: string;
}

/** How far a running build is from its start and the usual duration, and the time left or overdue. */
export function buildProgress(j: Pick<BuildsJobView, 'startedAt' | 'estimatedMs'>, now: number): BuildProgress {
  const elapsedMs = j.startedAt === null ? null : Math.max(0, now - j.startedAt);
  const estimate = j.estimatedMs;
  const overdue = elapsedMs !== null && estimate !== null && elapsedMs > estimate;
  const fraction = elapsedMs !== null && estimate !== null ? Math.min(1, elapsedMs / estimate) : null;
  const eta =
    elapsedMs === null
      ? 'running'
      : estimate === null
        ? `running ${formatAge(elapsedMs)}`
        : overdue
          ? `overdue ${formatAge(elapsedMs - estimate)}`
          : `${formatAge(estimate - elapsedMs)} left`;
  return { elapsedMs, fraction, overdue, eta };
}
