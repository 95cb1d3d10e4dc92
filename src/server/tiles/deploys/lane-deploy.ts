import type { DeployItemView, DeployOutcome } from '../../../shared/views/deploys.js';
import { deployTarget, type DeployRecord } from '../../readings/deploys.js';

/** A deploy as the lanes sort it: its view, its environment, and what it replaces when it succeeds. */
export interface LaneDeploy {
  env: string;
  /** What it replaces (readings/deploys.ts deployTarget): a manifest lane has one target. */
  target: string;
  view: DeployItemView;
}

export const OUTCOME_WORD: Record<DeployOutcome, string> = {
  running: 'DEPLOYING',
  stalled: 'STALLED',
  succeeded: 'DEPLOYED',
  failed: 'FAILED',
  rolled_back: 'ROLLED BACK',
};

export const isRunning = (outcome: DeployOutcome): boolean => outcome === 'running' || outcome === 'stalled';
export const isBroken = (outcome: DeployOutcome): boolean => outcome === 'failed' || outcome === 'rolled_back';

/** A running deploy past its timeout is stalled: judged against `now`, which is why the tile is timed. */
export function outcomeAt(running: boolean, finished: DeployOutcome, timeoutAt: number | null, now: number): DeployOutcome {
  if (!running) return finished;
  return timeoutAt !== null && now > timeoutAt ? 'stalled' : 'running';
}

/** A deploy the deploy tool reported (the deploys source's reading). Its text is plain already: the event schema made it so. */
export function fromRecord(record: DeployRecord, now: number): LaneDeploy {
  const running = record.finishedAt === null;
  const timeoutAt = record.timeoutMs === null ? null : record.startedAt + record.timeoutMs;
  const finished: DeployOutcome = record.status === 'started' || record.status === 'progress' ? 'failed' : record.status;
  const outcome = outcomeAt(running, finished, timeoutAt, now);
  return {
    env: record.env,
    target: deployTarget(record),
    view: {
      key: record.key,
      what: record.manifest ?? record.service ?? '?',
      manifest: record.manifest,
      service: record.service,
      version: record.version,
      outcome,
      word: OUTCOME_WORD[outcome],
      progress: record.progress,
      step: record.step,
      by: record.by,
      ticket: record.ticket,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
      timeoutAt,
      estimatedMs: null,
      message: record.message,
      origin: 'deploy-tool',
    },
  };
}
