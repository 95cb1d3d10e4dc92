import type { PromotionStepView } from '../../../shared/views/deploys.js';
import type { LaneDeploy } from './lane-deploy.js';

const WAITING_SHOWN = 5;

interface ManifestHistory {
  env: string;
  /** Manifests in the order they first succeeded here, oldest first. */
  order: string[];
  /** The manifest running now (the last success) and since when. */
  current: { manifest: string; since: number } | null;
}

function historyOf(env: string, deploys: readonly LaneDeploy[]): ManifestHistory | null {
  const successes = deploys
    .filter((d) => d.view.outcome === 'succeeded' && d.view.manifest !== null)
    .sort((a, b) => (a.view.finishedAt ?? 0) - (b.view.finishedAt ?? 0));
  if (!deploys.some((d) => d.view.manifest !== null)) return null;
  const order: string[] = [];
  for (const d of successes) if (!order.includes(d.view.manifest!)) order.push(d.view.manifest!);
  const last = successes.at(-1);
  return { env, order, current: last ? { manifest: last.view.manifest!, since: last.view.finishedAt ?? last.view.startedAt } : null };
}

/**
 * How far each environment on the promotion path is behind the one before it, counted from the order
 * manifests succeeded in the earlier one: "prod 2 manifests behind staging" = staging went on to two
 * more manifests after the one prod runs. Only environments that deploy manifests are on the path.
 * `maxBehind`: more than this many behind is too far (a warning).
 */
export function promotionOf(envs: readonly string[], deploysByEnv: ReadonlyMap<string, readonly LaneDeploy[]>, maxBehind: number): PromotionStepView[] {
  const path = envs.map((env) => historyOf(env, deploysByEnv.get(env) ?? [])).filter((h): h is ManifestHistory => h !== null);
  const steps: PromotionStepView[] = [];
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1]!;
    const to = path[i]!;
    const manifest = to.current?.manifest ?? null;
    const fromManifest = from.current?.manifest ?? null;
    let behind: number | null = null;
    let waiting: string[] = [];
    if (manifest !== null && fromManifest !== null) {
      const at = from.order.indexOf(manifest);
      const fromAt = from.order.indexOf(fromManifest);
      if (manifest === fromManifest) behind = 0;
      else if (at >= 0) {
        // the earlier environment went back to a manifest before this one's: nothing waits
        behind = Math.max(0, fromAt - at);
        waiting = from.order.slice(at + 1, fromAt + 1);
      }
    } else if (manifest === null && fromManifest !== null) {
      waiting = from.order;
    }
    steps.push({
      env: to.env,
      from: from.env,
      manifest,
      since: to.current?.since ?? null,
      fromManifest,
      behind,
      waiting: waiting.slice(0, WAITING_SHOWN),
      tooFar: behind !== null && behind > maxBehind,
    });
  }
  return steps;
}
