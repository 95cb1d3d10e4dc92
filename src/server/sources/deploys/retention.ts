import { deployTarget, type DeployRecord } from '../../readings/deploys.js';

/** Environments kept at most: a sender inventing names cannot grow the reading without bound. */
export const MAX_ENVS = 50;

/** Newest first: by start, then by last news, then by key (a stable order for equal times). */
export function newestFirst(a: DeployRecord, b: DeployRecord): number {
  return b.startedAt - a.startedAt || b.updatedAt - a.updatedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The deploys worth keeping, newest first: per environment the newest `keepPerEnv`, and besides them
 * the last success of each thing deployed there (what runs now must not be forgotten after a run of
 * failures), at most `keepPerEnv` of those; the `MAX_ENVS` environments deployed to most recently.
 */
export function keepBounded(records: readonly DeployRecord[], keepPerEnv: number): DeployRecord[] {
  const byEnv = new Map<string, DeployRecord[]>();
  for (const record of [...records].sort(newestFirst)) {
    const list = byEnv.get(record.env);
    if (list) list.push(record);
    else byEnv.set(record.env, [record]);
  }
  // insertion order of byEnv is by each environment's newest deploy, newest first
  const envs = [...byEnv.values()].slice(0, MAX_ENVS);
  const kept: DeployRecord[] = [];
  for (const list of envs) {
    const newest = list.slice(0, keepPerEnv);
    const targets = new Set(newest.filter((r) => r.status === 'succeeded').map(deployTarget));
    const lastSuccesses: DeployRecord[] = [];
    for (const record of list.slice(keepPerEnv)) {
      if (record.status !== 'succeeded' || targets.has(deployTarget(record))) continue;
      targets.add(deployTarget(record));
      lastSuccesses.push(record);
      if (lastSuccesses.length >= keepPerEnv) break;
    }
    kept.push(...newest, ...lastSuccesses);
  }
  return kept.sort(newestFirst);
}
