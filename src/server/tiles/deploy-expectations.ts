import type { DeployRecord } from '../readings/deploys.js';
import type { CheckComment } from '../readings/monitoring.js';

/**
 * A problem on a deploying host counts as caused by the deploy only if it began after the deploy did:
 * a disk that filled up yesterday is not news the deploy explains. The slack covers the monitoring
 * host's clock against Radiator's (a deploy starts when its first event arrives, or when the tool says).
 */
export const CLOCK_SLACK_MS = 10_000;
/** Names shorter than this ("12", "v2") would be found in any downtime comment. */
const MIN_NAME_CHARS = 3;

/** A deploy as this tile judges it now: whether its problems are still expected, and until when. */
export interface DeployWindow {
  deploy: DeployRecord;
  /** Running (not past its timeout), or ended less than the grace period ago. */
  active: boolean;
  /** When it ended: its outcome's time, or its timeout for a deploy that never reported one (stalled); null while running. */
  endedAt: number | null;
  /** Until when its problems stay expected (end + grace); null while it runs. */
  expectedUntil: number | null;
}

/** Why a problem is expected, or why a downtime that named a deploy no longer covers it. */
export type DeployVerdict =
  | { expected: true; window: DeployWindow; via: 'hosts' | 'downtime' }
  | { expected: false; deployEnded: DeployWindow | null };

/** What the classification needs of a problem. */
export interface ProblemFacts {
  host: string;
  /** Epoch ms of its last state change; null when the upstream does not say. */
  since: number | null;
  inDowntime: boolean;
  /** undefined: the source did not read comments (nothing is known about its downtimes). */
  comments: readonly CheckComment[] | undefined;
}

/**
 * Which problems a deploy explains, at one moment. Pure: the deploys, the time and the grace period in,
 * a verdict per problem out.
 *
 * A problem is expected while a deploy runs (from its start to its end plus the grace period) when it
 * is on one of the deploy's `hosts` and began after the deploy did, or when a downtime over it names the
 * deploy (its manifest, run id, key or ticket id appears in the downtime's comment). A downtime that names
 * a deploy ended longer than the grace period ago no longer hides anything (`deployEnded`): the deploy
 * tool's downtime outlived the deploy, and so did the problem.
 */
export class DeployExpectations {
  private readonly windows: DeployWindow[];

  constructor(deploys: readonly DeployRecord[], now: number, graceMs: number) {
    this.windows = deploys.map((deploy) => windowOf(deploy, now, graceMs));
  }

  /** Deploys whose problems are expected now, newest first. */
  active(): DeployWindow[] {
    return this.windows.filter((w) => w.active).sort((a, b) => b.deploy.startedAt - a.deploy.startedAt);
  }

  verdict(problem: ProblemFacts): DeployVerdict {
    const downtimes = problem.inDowntime ? (problem.comments ?? []).filter((c) => c.kind === 'downtime') : [];
    const named = downtimes.map((d) => this.windows.filter((w) => names(d.text, w.deploy)));
    const namedActive = named.flat().find((w) => w.active);
    if (namedActive) return { expected: true, window: namedActive, via: 'downtime' };
    const host = problem.host.toLowerCase();
    const onHost = this.windows.find(
      (w) => w.active && problem.since !== null && problem.since >= w.deploy.startedAt - CLOCK_SLACK_MS && w.deploy.hosts.some((h) => h.toLowerCase() === host),
    );
    if (onHost) return { expected: true, window: onHost, via: 'hosts' };
    // every downtime over it was a deploy's, and each of those deploys is over: nothing hides it any more
    const allEnded = downtimes.length > 0 && named.every((windows) => windows.length > 0 && windows.every((w) => !w.active));
    return { expected: false, deployEnded: allEnded ? named[0]![0]! : null };
  }
}

function windowOf(deploy: DeployRecord, now: number, graceMs: number): DeployWindow {
  // a deploy that never reported its end must not keep its hosts' problems hidden forever
  const timedOutAt = deploy.finishedAt === null && deploy.timeoutMs !== null ? deploy.startedAt + deploy.timeoutMs : null;
  const endedAt = deploy.finishedAt ?? (timedOutAt !== null && timedOutAt <= now ? timedOutAt : null);
  const expectedUntil = endedAt === null ? null : endedAt + graceMs;
  return { deploy, active: expectedUntil === null || now < expectedUntil, endedAt, expectedUntil };
}

/**
 * Does the downtime's comment name this deploy — its manifest, the deploy tool's run id, its key or its
 * ticket id? Whole names only: "M-4411" is not in "M-44110".
 */
function names(text: string, deploy: DeployRecord): boolean {
  const candidates = [deploy.manifest, deploy.deployId, deploy.key, deploy.ticket?.id].filter((n): n is string => n !== null && n !== undefined && n.length >= MIN_NAME_CHARS);
  const haystack = text.toLowerCase();
  return candidates.some((name) => containsWord(haystack, name.toLowerCase()));
}

function containsWord(haystack: string, word: string): boolean {
  for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
    if (!isWordChar(haystack[at - 1]) && !isWordChar(haystack[at + word.length])) return true;
  }
  return false;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}
