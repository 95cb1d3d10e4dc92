import type { BuildResult, BuildStatus } from '../../readings/builds.js';
import { plainLine } from '../../../shared/plain-text.js';

/** Jenkins' BallColor names (core hudson/model/BallColor.java), lower-cased as the API writes them. */
const COLOURS: Record<string, { status: BuildStatus; result: BuildResult | null }> = {
  blue: { status: 'success', result: 'success' },
  yellow: { status: 'unstable', result: 'unstable' },
  red: { status: 'failed', result: 'failed' },
  aborted: { status: 'aborted', result: 'aborted' },
  notbuilt: { status: 'notbuilt', result: null },
  disabled: { status: 'disabled', result: null },
  // the historical "pending/disabled" ball; today's Jenkins uses notbuilt and disabled instead
  grey: { status: 'notbuilt', result: null },
};

const RESULTS: Record<string, BuildResult> = {
  SUCCESS: 'success',
  UNSTABLE: 'unstable',
  FAILURE: 'failed',
  ABORTED: 'aborted',
  NOT_BUILT: 'notbuilt',
};

export interface JobColour {
  /** The job's state by its ball, ignoring whether a build runs. */
  status: BuildStatus;
  /** How the build before the running one (or the last one) ended, by the colour; null for notbuilt/disabled/grey. */
  result: BuildResult | null;
  /** `_anime`: a build is running. */
  building: boolean;
}

/**
 * A job's `color`: the base colour is the last finished build's, `_anime` means one is running. A
 * colour Jenkins never documented fails the poll naming it: guessing could show a broken job green.
 */
export function jobColour(color: string, job: string): JobColour {
  const building = color.endsWith('_anime');
  const name = building ? color.slice(0, -'_anime'.length) : color;
  const base = Object.hasOwn(COLOURS, name) ? COLOURS[name] : undefined;
  if (!base) {
    throw new Error(
      `Jenkins: job "${job}" has color ${JSON.stringify(plainLine(color, 30))}, which Radiator does not know (expected ${Object.keys(COLOURS).join(', ')}, each optionally with _anime)`,
    );
  }
  return { ...base, building };
}

/** A run's `result` (SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT); null while it runs. */
export function buildResult(result: string | null | undefined, job: string): BuildResult | null {
  if (result === null || result === undefined) return null;
  const mapped = Object.hasOwn(RESULTS, result) ? RESULTS[result] : undefined;
  if (!mapped) {
    throw new Error(
      `Jenkins: job "${job}" has build result ${JSON.stringify(plainLine(result, 30))}, which Radiator does not know (expected ${Object.keys(RESULTS).join(', ')})`,
    );
  }
  return mapped;
}
