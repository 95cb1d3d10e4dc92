import { z } from 'zod';
import { defineReadingKind } from './reading-kind.js';

/**
 * What a CI job is doing, the same for every CI server: `building` while a build runs (its
 * `lastResult` says how the previous one ended), otherwise the outcome of the last finished build,
 * `disabled` for a job switched off, `notbuilt` for one that never ran.
 */
export type BuildStatus = 'success' | 'unstable' | 'failed' | 'aborted' | 'building' | 'disabled' | 'notbuilt';

/** How a finished build ended. */
export type BuildResult = 'success' | 'unstable' | 'failed' | 'aborted' | 'notbuilt';

/** CI jobs and their latest builds (Jenkins, Buildbot, anything that serves CCTray). */
export interface BuildsReading {
  type: 'builds';
  /** Epoch ms of the poll. */
  at: number;
  jobs: BuildJob[];
  /**
   * Adapter-private state handed back on the next poll (e.g. when each job's failing streak began).
   * Must be JSON-serializable: it is persisted with the reading.
   */
  carry?: unknown;
}

declare module './reading-kind.js' {
  interface ReadingTypes {
    builds: BuildsReading;
  }
}

export interface BuildJob {
  /** Unique within the source: the job's full path, e.g. `platform/checkout/main`. */
  key: string;
  /** What people call it, for the wall. */
  name: string;
  /** Where the job's page is; null when the upstream does not say. */
  url: string | null;
  status: BuildStatus;
  /** How the last finished build ended; null when none did. */
  lastResult: BuildResult | null;
  /** Number (or label) of the build shown: the running one while building, else the last finished. */
  number: string | null;
  /** Epoch ms the build shown started; null when unknown. */
  startedAt: number | null;
  /** Epoch ms the build shown finished; null while it runs or when unknown. */
  finishedAt: number | null;
  /** How long the build shown took (finished) or has run so far is for the tile to work out. */
  durationMs: number | null;
  /** How long a build of this job usually takes (Jenkins' estimatedDuration), for progress and ETA. */
  estimatedMs: number | null;
  /** Who the CI server blames for the build shown (Jenkins culprits, Buildbot change authors). */
  culprits: string[];
  /** The commits the build shown brought in. */
  changes: BuildChange[];
  /**
   * Epoch ms the current failing streak began (the first failed or unstable build after a success);
   * null while the job passes. Adapters keep it across polls, so a feed error never resets it.
   */
  brokenSince: number | null;
  /**
   * Why the job cannot run a build now, e.g. "no worker connected (w1 offline)"; null or absent when
   * it can, or when the CI server does not say (only Buildbot reports its workers).
   */
  blocked?: string | null;
}

export interface BuildChange {
  revision: string | null;
  author: string | null;
  message: string;
}

const buildResult = z.enum(['success', 'unstable', 'failed', 'aborted', 'notbuilt']);

const buildJob = z.looseObject({
  key: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  status: z.enum(['success', 'unstable', 'failed', 'aborted', 'building', 'disabled', 'notbuilt']),
  lastResult: buildResult.nullable(),
  number: z.string().nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  durationMs: z.number().nullable(),
  estimatedMs: z.number().nullable(),
  culprits: z.array(z.string()),
  changes: z.array(z.looseObject({ revision: z.string().nullable(), author: z.string().nullable(), message: z.string() })),
  brokenSince: z.number().nullable(),
  blocked: z.string().nullable().optional(),
});

export const buildsReading = defineReadingKind({
  type: 'builds',
  description: 'CI jobs with their latest build: status, number, times, estimate, culprits and changes (Jenkins, Buildbot, CCTray).',
  schema: z.looseObject({ type: z.literal('builds'), at: z.number(), jobs: z.array(buildJob), carry: z.unknown().optional() }),
});
