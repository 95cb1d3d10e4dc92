import type { Status } from '../status.js';

/**
 * Where one deploy is, decided on the server: `running` (started, reporting progress), `stalled`
 * (running past its timeout), or how it ended.
 */
export type DeployOutcome = 'running' | 'stalled' | 'succeeded' | 'failed' | 'rolled_back';

/** One deploy on the deploys tile. All text is plain (control characters stripped, clipped). */
export interface DeployItemView {
  /** Unique on the tile: the deploy's key, or `ci:<source>:<job>` for a CI job's build. */
  key: string;
  /** What it deploys in a few characters: the manifest ("M-4411"), else the service ("checkout"). */
  what: string;
  manifest: string | null;
  service: string | null;
  /** The version, or a CI build's number ("#1234"). */
  version: string | null;
  outcome: DeployOutcome;
  /** The outcome in one word for the wall: DEPLOYING, STALLED, DEPLOYED, FAILED, ROLLED BACK. */
  word: string;
  /** 0–1 when the tool reports a fraction, null otherwise. */
  progress: number | null;
  /** The step running now (or the last one reported), null when none was named. */
  step: string | null;
  by: string | null;
  ticket: { id: string; url: string | null } | null;
  /** Epoch ms it started; the widget ticks the elapsed time of a running deploy from it. */
  startedAt: number;
  /** Epoch ms it ended; null while it runs. */
  finishedAt: number | null;
  /** Epoch ms after which it counts as stalled, null = never. */
  timeoutAt: number | null;
  /** How long a build of a CI deploy job usually takes (progress and ETA with `startedAt`), null when unknown. */
  estimatedMs: number | null;
  /** What the tool said with the outcome (why it failed), null when nothing. */
  message: string | null;
  /** Where it came from: the deploy tool's events, or a CI job marked as a deploy job. */
  origin: 'deploy-tool' | 'ci';
}

/**
 * One lane: an environment. `status` is decided here: `critical` when the last finished deploy of
 * anything deployed there failed or was rolled back (until that thing deploys successfully again),
 * `warning` when a deploy is stalled, `ok` otherwise, `unknown` for an environment with no deploys.
 */
export interface DeployLaneView {
  env: string;
  status: Status;
  /** The lane's state in one word: FAILED, ROLLED BACK, STALLED, DEPLOYING, OK, NO DEPLOYS. */
  word: string;
  /** What runs there now: the last successful deploy of each thing deployed (one for a manifest lane), newest first. */
  current: DeployItemView[];
  /** Deploys running now (stalled ones included), oldest first. */
  running: DeployItemView[];
  /** The last `recent` finished deploys, newest first. */
  recent: DeployItemView[];
  /** Finished deploys left out of `recent`. */
  more: number;
  /** The failed or rolled-back deploys that keep the lane red, newest first (they are in `recent` too when recent enough). */
  broken: DeployItemView[];
}

/**
 * How far an environment is behind the one before it on the promotion path, counted in manifests:
 * those that succeeded in the earlier environment after the one this environment runs.
 */
export interface PromotionStepView {
  env: string;
  /** The environment before it on the path. */
  from: string;
  /** The manifest this environment runs, and since when (epoch ms); null when none succeeded here. */
  manifest: string | null;
  since: number | null;
  /** The manifest the earlier environment runs. */
  fromManifest: string | null;
  /**
   * Manifests behind: 0 = in step; null = cannot tell (it runs a manifest the earlier environment's
   * kept deploys never succeeded with, or either runs none).
   */
  behind: number | null;
  /** The manifests waiting for this environment, oldest first, at most 5. */
  waiting: string[];
  /** Over the tile's `maxBehind`: a warning. */
  tooFar: boolean;
}

/**
 * What the tile leads with, decided on the server (the widget lays it out, it never judges it):
 * - `waiting`: nothing has arrived yet;
 * - `no-deploys`: sources answered but no lane has a deploy (status unknown);
 * - `failed`: some lane is red (`envs` names them);
 * - `stalled`: nothing red, some deploy is stalled;
 * - `behind`: nothing red or stalled, some environment is more than `maxBehind` manifests behind;
 * - `deploying`: all well, deploys running;
 * - `steady`: all well, nothing running.
 */
export type DeploysHeadline = 'waiting' | 'no-deploys' | 'failed' | 'stalled' | 'behind' | 'deploying' | 'steady';

/** `data` of the deploys widget: one lane per environment, in promotion order, and how far each is behind. */
export interface DeploysData {
  headline: DeploysHeadline;
  /** The environments the headline is about (red lanes, stalled lanes, lanes too far behind, lanes deploying). */
  headlineEnvs: string[];
  lanes: DeployLaneView[];
  /** One step per lane after the first on the path that runs manifests; [] when no lane deploys manifests. */
  promotion: PromotionStepView[];
}
