import type { DeployRecord } from '../../src/server/readings/deploys.js';

/** Epoch ms the deploy fixtures start at. */
export const DEPLOY_T0 = 1_800_000_000_000;

/** A running manifest deploy of M-4411 to prod over web01 and web02 (ticket CHG-77), started at DEPLOY_T0; override what a test needs. */
export function deploy(extra: Partial<DeployRecord> = {}): DeployRecord {
  return {
    key: 'prod/deploy:deploy-981',
    deployId: 'deploy-981',
    env: 'prod',
    service: null,
    manifest: 'M-4411',
    version: null,
    status: 'started',
    progress: null,
    step: null,
    by: 'deploybot',
    ticket: { id: 'CHG-77', url: null },
    hosts: ['web01', 'web02'],
    startedAt: DEPLOY_T0,
    updatedAt: DEPLOY_T0,
    finishedAt: null,
    timeoutMs: 30 * 60_000,
    message: null,
    ...extra,
  };
}
