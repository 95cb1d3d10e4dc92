/**
 * What a job shows on the wall, decided on the server: the outcome of its last finished build
 * (`failed`, `unstable`, `aborted`, `success`), `building` for a build in progress after a passing
 * one, `disabled` for a job switched off, `notbuilt` for one that never ran. A job that is building
 * after a failed or unstable build stays `failed` / `unstable` (with `building: true`): it is broken
 * until a build passes, and its "broken since" goes on.
 */
export type BuildsJobStatus = 'failed' | 'unstable' | 'building' | 'aborted' | 'disabled' | 'notbuilt' | 'success';

/** One commit of the build shown, plain text. */
export interface BuildsChangeView {
  author: string | null;
  message: string;
}

/** One job on the builds tile. All text is plain (control characters stripped, clipped). */
export interface BuildsJobView {
  key: string;
  name: string;
  url: string | null;
  status: BuildsJobStatus;
  /** The status in one word for the wall: FAILED, UNSTABLE, BUILDING, ABORTED, DISABLED, NOT BUILT, PASSED. */
  word: string;
  /** A build is running now (its progress is `startedAt` + `estimatedMs`). */
  building: boolean;
  /** Build number (or label) shown: the running one while building, else the last finished. */
  number: string | null;
  /**
   * Epoch ms the job has been like this: when its failing streak began for failed and unstable jobs
   * (kept by the source across polls and feed errors), else when the last build finished; null when unknown.
   */
  since: number | null;
  /** Epoch ms the build shown started; the widget ticks the elapsed time from it. */
  startedAt: number | null;
  /** How long a build of this job usually takes: with `startedAt`, progress and ETA. null when unknown. */
  estimatedMs: number | null;
  /** Who the CI server blames for the build shown, at most 6. */
  culprits: string[];
  /** Culprits left out of `culprits`. */
  moreCulprits: number;
  /** The first commit of the build shown ("author — message"), null when none. */
  change: BuildsChangeView | null;
  /** Commits of the build shown in all. */
  changes: number;
  /**
   * Why the job cannot build now, plain text ("no worker connected (w1 offline)"), null when it can or
   * the CI server does not say. It does not change `status`: a passing job stays passing, with this beside it.
   */
  blocked: string | null;
}

/**
 * What the tile leads with, decided on the server (the widget lays it out, it never judges it):
 * - `waiting`: no poll has answered yet;
 * - `no-jobs`: the source answered but no job matches the tile's filters (status unknown);
 * - `broken`: some job failed (a build of it may be running);
 * - `unstable`: some job is unstable, none failed;
 * - `building`: nothing broken, builds running;
 * - `attention`: nothing broken or running, but some last build was aborted or some job cannot build (`blocked`);
 * - `all-green`: every job passed, is disabled or never built, with at least one passed, none blocked, and the data is current;
 * - `no-current-data`: it would be all green, but the data is not current (a failed poll or old data),
 *   so it promises nothing about now.
 */
export type BuildsHeadline = 'waiting' | 'no-jobs' | 'broken' | 'unstable' | 'building' | 'attention' | 'all-green' | 'no-current-data';

/** `data` of the builds widget: the jobs, broken first. */
export interface BuildsData {
  headline: BuildsHeadline;
  /** Jobs matching the tile's filters, by the status shown (a building job after a failure counts as failed). */
  counts: Record<BuildsJobStatus, number>;
  /** Jobs matching the filters in all. */
  total: number;
  /** Jobs matching the filters that cannot build now (`blocked`), whatever their status. */
  blocked: number;
  /**
   * The jobs shown, at most `maxJobs`: failed first, then unstable (each longest broken first), then
   * building, aborted, disabled, never built and passed (by name; passed ones only with `showGreen`).
   */
  jobs: BuildsJobView[];
  /** Jobs left out of `jobs` by `maxJobs` (passed jobs hidden by `showGreen: false` are not counted here). */
  more: number;
}
