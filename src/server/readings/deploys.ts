import { z } from 'zod';
import { defineReadingKind } from './reading-kind.js';

/** Where a deploy is: running (`started`, `progress`) or finished with an outcome. "Stalled" is judged at view time from `timeoutMs`. */
export type DeployStatus = 'started' | 'progress' | 'succeeded' | 'failed' | 'rolled_back';

/** One deploy, folded from its events (started → progress… → outcome). */
export interface DeployRecord {
  /** Ties the deploy's events together: the tool's deploy id, else its ticket id, else env/target/version. */
  key: string;
  env: string;
  service: string | null;
  manifest: string | null;
  version: string | null;
  status: DeployStatus;
  /** 0–1 when the tool reports a fraction; null otherwise. */
  progress: number | null;
  /** The step running now, when the tool names it. */
  step: string | null;
  by: string | null;
  ticket: { id: string; url: string | null } | null;
  /** Hosts it touches: their monitoring problems are expected while it runs. */
  hosts: string[];
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms of its last event. */
  updatedAt: number;
  /** Epoch ms of its outcome; null while it runs. */
  finishedAt: number | null;
  /** Running longer than this after `startedAt` = stalled; null = never. */
  timeoutMs: number | null;
  /** What the tool said with the outcome (why it failed). */
  message: string | null;
  /** The deploy tool's own id for this run, when it sent one (correlates its later events). */
  deployId?: string | null;
}

/** The deploys a `deploys` source has seen, newest first, a bounded number per environment. */
export interface DeploysReading {
  type: 'deploys';
  /** Epoch ms of the last event. */
  at: number;
  deploys: DeployRecord[];
  /** Environments in the order their first deploy arrived (a lane order when a tile names none). */
  envs?: string[];
}

/**
 * What a deploy replaces when it succeeds: a manifest names the whole system, so any manifest deploy
 * replaces the last one in its environment; a deploy of a service replaces that service only.
 */
export function deployTarget(deploy: Pick<DeployRecord, 'manifest' | 'service'>): string {
  return deploy.manifest !== null ? 'manifest' : `service:${deploy.service ?? ''}`;
}

declare module './reading-kind.js' {
  interface ReadingTypes {
    deploys: DeploysReading;
  }
}

const deployRecord = z.looseObject({
  key: z.string(),
  env: z.string(),
  service: z.string().nullable(),
  manifest: z.string().nullable(),
  version: z.string().nullable(),
  status: z.enum(['started', 'progress', 'succeeded', 'failed', 'rolled_back']),
  progress: z.number().nullable(),
  step: z.string().nullable(),
  by: z.string().nullable(),
  ticket: z.looseObject({ id: z.string(), url: z.string().nullable() }).nullable(),
  hosts: z.array(z.string()),
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  timeoutMs: z.number().nullable(),
  message: z.string().nullable(),
  deployId: z.string().nullable().optional(),
});

export const deploysReading = defineReadingKind({
  type: 'deploys',
  description: 'Deploys per environment, newest first: what, which version, by whom, ticket, hosts, progress and outcome.',
  schema: z.looseObject({ type: z.literal('deploys'), at: z.number(), deploys: z.array(deployRecord), envs: z.array(z.string()).optional() }),
});
