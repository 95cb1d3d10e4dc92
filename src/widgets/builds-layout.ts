import type { BuildsJobView } from '../shared/views/builds.js';

/** The builds wall's parts, in the order it shows them (each in the server's order, worst first). */
export interface WallSections {
  /** Failed and unstable jobs: large cards. */
  broken: BuildsJobView[];
  /** Builds in progress: a line each with a progress bar. */
  running: BuildsJobView[];
  /** Aborted, disabled, never built and passing jobs: compact chips. */
  rest: BuildsJobView[];
}

export function wallSections(jobs: readonly BuildsJobView[]): WallSections {
  const broken = jobs.filter((j) => j.status === 'failed' || j.status === 'unstable');
  const running = jobs.filter((j) => j.status === 'building');
  const rest = jobs.filter((j) => j.status !== 'failed' && j.status !== 'unstable' && j.status !== 'building');
  return { broken, running, rest };
}

/** The broken cards' font for `broken` of them: as large as the tile allows while together they take about two fifths of it. */
export function brokenJobFont(broken: number): string {
  // each broken card is about 2.6 lines of its own size
  const byHeight = Math.min(8, 42 / Math.max(1, broken * 2.6));
  return `clamp(var(--value-min), min(${byHeight.toFixed(2)}cqh, 4.6cqw), 10vh)`;
}
