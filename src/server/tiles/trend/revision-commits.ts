import type { TrendCommit } from '../../../shared/views/trend.js';
import { plainLine } from '../../../shared/plain-text.js';
import type { BuildChange, BuildsReading } from '../../readings/builds.js';
import type { PerfCommit } from '../../readings/perf.js';

/** Commits the headline lists; the rest are counted. */
export const SHOWN_COMMITS = 3;
/** A full commit hash is shown abbreviated, as git does; other ids (build numbers, tags) up to this long. */
const ID_CHARS = 16;
const HASH_SHOWN = 10;
const AUTHOR_CHARS = 40;
const MESSAGE_CHARS = 120;
/** A commit id this long or longer may be given abbreviated on one side (git's short ids are 7+). */
const MIN_ABBREVIATED = 7;

/** A CI source the tile may ask about a revision's commits (tile option `commitsFrom`), as the tile reads it. */
export interface CiCommits {
  source: string;
  reading: BuildsReading | null;
}

export interface RevisionCommits {
  commits: TrendCommit[];
  more: number;
  /** `event`, the CI source's id, or null when nobody named any. */
  from: string | null;
}

/**
 * What a revision brought in: the commits its perf results named, else those of a CI build that
 * built it — the first job (CI sources in the tile's order) whose shown build has a change with this
 * revision; all of that build's changes, since together they are what the revision brought. Only the
 * build each job shows now is known, so an old revision's commits are found only if its perf events
 * named them.
 */
export function revisionCommits(revision: string, fromEvent: readonly PerfCommit[], ci: readonly CiCommits[]): RevisionCommits {
  if (fromEvent.length > 0) return shown(fromEvent.map((c) => ({ id: c.id, author: c.author, message: c.message })), 'event');
  for (const { source, reading } of ci) {
    for (const job of reading?.jobs ?? []) {
      if (job.changes.some((change) => change.revision !== null && sameRevision(change.revision, revision))) {
        return shown(job.changes.map(fromChange), source);
      }
    }
  }
  return { commits: [], more: 0, from: null };
}

/** Equal ignoring case, or one commit id abbreviating the other (`3f2a9c1` and `3f2a9c1e…`). */
export function sameRevision(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (x === y) return x !== '';
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= MIN_ABBREVIATED && /^[0-9a-f]+$/.test(long) && long.startsWith(short);
}

function fromChange(change: BuildChange): TrendCommit {
  return { id: change.revision ?? '', author: change.author, message: change.message };
}

function shown(commits: TrendCommit[], from: string): RevisionCommits {
  return {
    commits: commits.slice(0, SHOWN_COMMITS).map((c) => ({
      id: shortId(c.id),
      author: c.author === null ? null : plainLine(c.author, AUTHOR_CHARS) || null,
      message: c.message === null ? null : plainLine(c.message, MESSAGE_CHARS) || null,
    })),
    more: Math.max(0, commits.length - SHOWN_COMMITS),
    from,
  };
}

function shortId(id: string): string {
  const plain = plainLine(id, 100);
  return /^[0-9a-f]{12,}$/i.test(plain) ? plain.slice(0, HASH_SHOWN) : plainLine(plain, ID_CHARS);
}
