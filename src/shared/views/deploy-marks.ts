/**
 * How a deploy marked on a chart went. `running` = started and not finished when its source last
 * spoke; `unknown` = it was running, but its source is stale now, so whether it has ended is not known.
 */
export type DeployMarkStatus = 'succeeded' | 'failed' | 'rolled_back' | 'running' | 'unknown';

/** One deploy drawn on a latency or graph tile: a thin vertical line at `at` with a short label. */
export interface DeployMark {
  /** The deploy's key in its source: stable, so charts can join on it. */
  key: string;
  /** Epoch ms the deploy started: where the line is drawn. */
  at: number;
  /** What was deployed, short: "M-4411", "checkout 2.14.1"; prefixed with the environment when the tile marks several. */
  label: string;
  env: string;
  status: DeployMarkStatus;
}
