import type { BuildChange, BuildJob, BuildResult, BuildStatus } from '../../readings/builds.js';
import { plainLine } from '../../../shared/plain-text.js';
import type { BuildbotBuild, BuildbotChange } from './api-shapes.js';

/**
 * Buildbot's results codes (buildbot/process/results.py): SUCCESS 0, WARNINGS 1, FAILURE 2, SKIPPED 3,
 * EXCEPTION 4, RETRY 5, CANCELLED 6. A retried build was interrupted (e.g. its worker went away) and
 * runs again: like a cancelled one it says nothing about the code, so it reads as aborted.
 */
const RESULTS: Record<number, BuildResult> = { 0: 'success', 1: 'unstable', 2: 'failed', 3: 'notbuilt', 4: 'failed', 5: 'aborted', 6: 'aborted' };

export interface BuilderBuilds {
  builderid: number;
  name: string;
  /** The builder's newest build (running or not), or null when it never built. */
  latest: BuildbotBuild | null;
  /** Its newest finished build (the same as `latest` when that one finished). */
  lastComplete: BuildbotBuild | null;
  /** The changes of `latest`, when they were asked for. */
  changes: BuildbotChange[];
  /** Why the builder cannot build now (see workers.ts), null when it can. */
  blocked: string | null;
}

/** Seconds (Buildbot's epoch times) to ms. */
const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000));

export function resultOf(build: BuildbotBuild): BuildResult {
  const result = build.results === null ? undefined : RESULTS[build.results];
  if (!result) throw new Error(`Buildbot build ${build.buildid} has results code ${build.results}, which is none of 0–6 (success … cancelled)`);
  return result;
}

/** One builder's state as a builds-reading job; `baseUrl` is the Buildbot root (for the UI links). */
export function builderJob(b: BuilderBuilds, baseUrl: string): BuildJob {
  const lastResult = b.lastComplete ? resultOf(b.lastComplete) : null;
  const latest = b.latest;
  const building = latest !== null && !latest.complete;
  const status: BuildStatus = building ? 'building' : (lastResult ?? 'notbuilt');
  const previousDuration =
    b.lastComplete?.started_at != null && b.lastComplete.complete_at != null ? ms(b.lastComplete.complete_at - b.lastComplete.started_at) : null;
  const changes = b.changes.map(toChange).slice(0, 50);
  const culprits = [...new Set(changes.map((c) => c.author).filter((a): a is string => !!a))];
  return {
    key: b.name,
    name: b.name,
    url: `${baseUrl}#/builders/${b.builderid}`,
    status,
    lastResult,
    number: latest ? String(latest.number) : null,
    startedAt: latest ? ms(latest.started_at) : null,
    finishedAt: latest && latest.complete ? ms(latest.complete_at) : null,
    durationMs: latest?.complete && latest.started_at !== null && latest.complete_at !== null ? ms(latest.complete_at - latest.started_at) : null,
    // Buildbot keeps no estimate: the last finished build's duration is the best guess for the next
    estimatedMs: previousDuration,
    culprits,
    changes,
    brokenSince: null,
    blocked: b.blocked,
  };
}

/** "Alice Doe <alice@example.com>" reads "Alice Doe" on the wall; a bare address stays as it is. */
export function authorName(author: string): string {
  const name = author.replace(/\s*<[^>]*>\s*$/, '').trim();
  return plainLine(name || author, 80);
}

function toChange(c: BuildbotChange): BuildChange {
  return {
    revision: c.revision ? plainLine(c.revision, 64) : null,
    author: c.author ? authorName(c.author) : null,
    message: plainLine(c.comments ?? '', 200),
  };
}
