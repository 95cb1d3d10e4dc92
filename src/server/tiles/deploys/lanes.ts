import type { Status } from '../../../shared/status.js';
import type { DeployItemView, DeployLaneView } from '../../../shared/views/deploys.js';
import { OUTCOME_WORD, isBroken, isRunning, type LaneDeploy } from './lane-deploy.js';

/** Newest outcome first; of two ending together, the later start first; then by key, for a stable order. */
function newestFinishedFirst(a: DeployItemView, b: DeployItemView): number {
  return (b.finishedAt ?? 0) - (a.finishedAt ?? 0) || b.startedAt - a.startedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * One environment's lane: what runs there (the last success of each thing deployed), what is
 * running, the last `recent` outcomes. Red while the last outcome of anything deployed there is a
 * failure or a rollback: only a success of that same thing (any manifest, for a manifest lane)
 * clears it; amber while a deploy is stalled.
 */
export function laneOf(env: string, deploys: readonly LaneDeploy[], recent: number): DeployLaneView {
  const running = deploys.filter((d) => isRunning(d.view.outcome)).map((d) => d.view);
  running.sort((a, b) => a.startedAt - b.startedAt || (a.key < b.key ? -1 : 1));
  const finished = deploys.filter((d) => !isRunning(d.view.outcome)).sort((a, b) => newestFinishedFirst(a.view, b.view));

  const lastByTarget = new Map<string, DeployItemView>();
  const successByTarget = new Map<string, DeployItemView>();
  for (const d of finished) {
    if (!lastByTarget.has(d.target)) lastByTarget.set(d.target, d.view);
    if (d.view.outcome === 'succeeded' && !successByTarget.has(d.target)) successByTarget.set(d.target, d.view);
  }
  const broken = [...lastByTarget.values()].filter((v) => isBroken(v.outcome)).sort(newestFinishedFirst);
  const current = [...successByTarget.values()].sort(newestFinishedFirst);
  const stalled = running.some((v) => v.outcome === 'stalled');

  const status: Status = broken.length > 0 ? 'critical' : stalled ? 'warning' : deploys.length === 0 ? 'unknown' : 'ok';
  const word = broken[0] ? OUTCOME_WORD[broken[0].outcome] : stalled ? OUTCOME_WORD.stalled : running.length ? OUTCOME_WORD.running : deploys.length ? 'OK' : 'NO DEPLOYS';
  return {
    env,
    status,
    word,
    current,
    running,
    recent: finished.slice(0, recent).map((d) => d.view),
    more: Math.max(0, finished.length - recent),
    broken,
  };
}
