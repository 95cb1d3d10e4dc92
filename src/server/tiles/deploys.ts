import { z } from 'zod';
import type { Status } from '../../shared/status.js';
import type { DeployLaneView, DeploysData, DeploysHeadline } from '../../shared/views/deploys.js';
import type { BuildsReading } from '../readings/builds.js';
import type { DeploysReading } from '../readings/deploys.js';
import { ciDeployJobOption, ciDeploys, type CiDeployJob } from './deploys/ci-deploys.js';
import { fromRecord, type LaneDeploy } from './deploys/lane-deploy.js';
import { laneOf } from './deploys/lanes.js';
import { promotionOf } from './deploys/promotion.js';
import { worstStatus } from './status-rank.js';
import { defineTileKind, type RelatedReading } from './tile-kind.js';

/** Lanes shown at most: more would not be readable side by side on any tile. */
const MAX_LANES = 8;

const options = z
  .object({
    envs: z
      .array(z.string().min(1).max(60))
      .min(1)
      .max(MAX_LANES)
      .refine((envs) => new Set(envs).size === envs.length, 'expected each environment once')
      .optional()
      .describe('The lanes, in promotion order (e.g. ["dev", "staging", "prod"]); default every environment in the order its first deploy arrived'),
    recent: z.number().int().min(0).max(20).default(5).describe('Finished deploys listed per lane, the newest'),
    maxBehind: z.number().int().min(0).max(100).default(3).describe('An environment more manifests behind the one before it than this is a warning'),
    ciJobs: z.array(ciDeployJobOption).max(50).default([]).describe('CI jobs whose builds are deploys, each feeding a lane'),
  })
  .strict();

type DeploysOptions = z.infer<typeof options>;

/** What the tile reads, apart from its options: the deploy tool's reading, and each CI source's. */
export interface DeploysInput {
  reading: DeploysReading | null;
  ci: (sourceId: string) => RelatedReading<BuildsReading>;
  now: number;
}

/**
 * Deploys per environment, side by side in promotion order (dev → staging → prod): what runs where,
 * what is deploying now, the last outcomes, and how far each environment is behind the one before.
 * Running deploys stall with time alone, so the tile is timed: recomputed on every sweep, while its
 * view only changes when a deploy's state does (elapsed times are the widget's to tick).
 */
export const deploysTile = defineTileKind({
  widget: 'deploys',
  description: 'Deploys per environment in promotion order: what runs where, deploys in progress, recent outcomes, how far each environment is behind the one before (deploy tool events and CI deploy jobs).',
  consumes: 'deploys',
  options,
  related: (options) => options.ciJobs.map((job, i) => ({ source: job.source, reads: 'builds' as const, path: ['ciJobs', i, 'source'] })),
  timed: () => true,
  project({ options, reading, related, now }) {
    return projectDeploys({ reading, ci: (sourceId) => related(sourceId, 'builds'), now }, options);
  },
});

export function projectDeploys(input: DeploysInput, options: DeploysOptions): { status: Status; data: DeploysData; reason?: string } {
  const deploys: LaneDeploy[] = (input.reading?.deploys ?? []).map((record) => fromRecord(record, input.now));
  const staleCi = new Set<string>();
  let ciAnswered = false;
  for (const entry of options.ciJobs) deploys.push(...ciDeploysOf(entry, input, staleCi, () => (ciAnswered = true)));

  const envs = laneOrder(options, input.reading, deploys);
  const byEnv = new Map<string, LaneDeploy[]>(envs.map((env) => [env, []]));
  for (const d of deploys) byEnv.get(d.env)?.push(d);
  const lanes = envs.map((env) => laneOf(env, byEnv.get(env)!, options.recent));
  const promotion = promotionOf(envs, byEnv, options.maxBehind);

  const { headline, headlineEnvs } = headlineOf(lanes, promotion.filter((s) => s.tooFar).map((s) => s.env), input.reading !== null || ciAnswered);
  const data: DeploysData = { headline, headlineEnvs, lanes, promotion };
  const status: Status =
    headline === 'waiting' || headline === 'no-deploys' ? 'unknown' : worstStatus([...lanes.map((l) => (l.status === 'unknown' ? 'ok' : l.status)), headline === 'behind' ? 'warning' : 'ok']);
  const reasons = [
    staleCi.size ? `CI ${[...staleCi].join(', ')} not current: its lanes may be out of date` : '',
    options.envs === undefined && envs.length === MAX_LANES && new Set(deploys.map((d) => d.env)).size > MAX_LANES ? `only the first ${MAX_LANES} environments are shown; name them in "envs"` : '',
  ].filter(Boolean);
  return reasons.length ? { status, data, reason: reasons.join(' · ') } : { status, data };
}

function ciDeploysOf(entry: CiDeployJob, input: DeploysInput, staleCi: Set<string>, answered: () => void): LaneDeploy[] {
  const { reading, stale } = input.ci(entry.source);
  if (stale) staleCi.add(entry.source);
  if (reading === null) return [];
  answered();
  return ciDeploys(entry, entry.source, reading, input.now);
}

/** The tile's `envs`, else every environment in the order its first deploy arrived, then the CI lanes. */
function laneOrder(options: DeploysOptions, reading: DeploysReading | null, deploys: readonly LaneDeploy[]): string[] {
  if (options.envs) return options.envs;
  const order = [...(reading?.envs ?? []), ...options.ciJobs.map((j) => j.env)];
  // a reading from before `envs` was kept: its environments oldest deploy first
  const rest = [...deploys].sort((a, b) => a.view.startedAt - b.view.startedAt).map((d) => d.env);
  return [...new Set([...order, ...rest])].filter((env) => deploys.some((d) => d.env === env)).slice(0, MAX_LANES);
}

function headlineOf(lanes: readonly DeployLaneView[], tooFar: string[], answered: boolean): { headline: DeploysHeadline; headlineEnvs: string[] } {
  const envsWhere = (test: (lane: DeployLaneView) => boolean) => lanes.filter(test).map((l) => l.env);
  if (!answered) return { headline: 'waiting', headlineEnvs: [] };
  if (lanes.every((l) => l.status === 'unknown')) return { headline: 'no-deploys', headlineEnvs: [] };
  const red = envsWhere((l) => l.status === 'critical');
  if (red.length) return { headline: 'failed', headlineEnvs: red };
  const stalled = envsWhere((l) => l.running.some((d) => d.outcome === 'stalled'));
  if (stalled.length) return { headline: 'stalled', headlineEnvs: stalled };
  if (tooFar.length) return { headline: 'behind', headlineEnvs: tooFar };
  const deploying = envsWhere((l) => l.running.length > 0);
  if (deploying.length) return { headline: 'deploying', headlineEnvs: deploying };
  return { headline: 'steady', headlineEnvs: [] };
}
