import type { Status } from '../status.js';

/**
 * Host check states, as Nagios and Icinga name them, plus `unknown`: the upstream sent a state Radiator
 * does not understand (the row's output says which), so it could be anything, down included.
 */
export type AlertHostState = 'up' | 'down' | 'unreachable' | 'unknown' | 'pending';
/** Service check states. */
export type AlertServiceState = 'ok' | 'warning' | 'critical' | 'unknown' | 'pending';
/** The states that make a check a problem. Pending is never a problem: it has not run yet. */
export type ProblemState = 'down' | 'unreachable' | 'critical' | 'warning' | 'unknown';

/** One host or service in a problem state. All text is plain (control characters stripped, clipped). */
export interface AlertProblem {
  host: string;
  /** null = the host check itself. */
  service: string | null;
  state: ProblemState;
  /** Colour and glyph for this row: down/critical → critical, warning → warning, unknown/unreachable → unknown. */
  status: Status;
  /** false = SOFT state: the check is re-trying before it counts (it may still recover). */
  hard: boolean;
  /** First line of the plugin output, at most 300 characters. */
  output: string;
  /** Epoch ms of the last state change (how long it has been in this state); null when unknown. */
  since: number | null;
  acknowledged: boolean;
  inDowntime: boolean;
  flapping: boolean;
  /** The last result is much older than the check interval: the state may no longer be true. */
  checkStale: boolean;
  /**
   * Down or unreachable host rows only: service problems on this host that are folded into this row
   * instead of listed ("+3 services on web3"). Always 0 for service rows and unknown hosts.
   */
  hiddenServices: number;
  /**
   * Who acknowledged or downtimed it and why, and comments on it: acknowledgements first, then
   * downtimes (a service's includes its host's), then comments, newest first; at most 3.
   */
  comments: AlertComment[];
  /** Set when a deploy explains it: the row is in `expected`, not red. */
  expected: AlertExpectation | null;
  /**
   * Set when its only downtimes named a deploy that ended longer than the grace period ago: the
   * downtime outlived the deploy, the problem too, so it is unhandled again. The deploy's label.
   */
  outlivedDeploy: string | null;
}

/** An acknowledgement's comment, a downtime's reason, or a comment someone added. Plain text. */
export interface AlertComment {
  kind: 'acknowledgement' | 'downtime' | 'comment';
  /** At most 60 characters. */
  author: string;
  /** At most 300 characters; "" when the monitoring gave none. */
  text: string;
  /** Epoch ms it was entered; null when unknown. */
  at: number | null;
  /** Downtimes: epoch ms they end; null otherwise. */
  endsAt: number | null;
}

/** Why a problem is expected: the deploy (one of `AlertsData.deploys.active`, by `key`) and how it was linked. */
export interface AlertExpectation {
  /** The deploy's `key` in `deploys.active`. */
  key: string;
  /** What it deploys, as people say it ("M-4411", "checkout 2.14.1"). */
  label: string;
  /** `hosts`: the problem is on one of the deploy's hosts and began after it started; `downtime`: a downtime over it names the deploy. */
  via: 'hosts' | 'downtime';
}

/** A deploy whose problems are expected now (running, or ended less than the grace period ago). */
export interface AlertDeploy {
  key: string;
  /** What it deploys: the manifest, else service and version, else the key. */
  label: string;
  env: string;
  /** `stalled`: never reported an end, and its timeout has passed (treated as ended then). */
  status: 'started' | 'progress' | 'succeeded' | 'failed' | 'rolled_back' | 'stalled';
  by: string | null;
  ticket: string | null;
  startedAt: number;
  /** Epoch ms it ended (for a stalled one, when its timeout passed); null while it runs. */
  endedAt: number | null;
  /** Until when its problems stay expected (end + grace); null while it runs. */
  expectedUntil: number | null;
}

/** The deploys the tile knows of (its `deploys` option). */
export interface AlertsDeploys {
  /** The deploys source's id. */
  source: string;
  /**
   * false = its data is not current (never arrived, restored and not refreshed, or gone quiet): no
   * problem is treated as expected — a red is never hidden on unknown data — and `reason` says why.
   */
  current: boolean;
  reason: string | null;
  /** The grace period after a deploy's end, in ms. */
  graceMs: number;
  /** Deploys whose problems are expected now, newest first (none while not current). */
  active: AlertDeploy[];
}

export interface AlertsUpstream {
  /** e.g. "Nagios Core 4.4.6"; "" when it was never reached. */
  program: string;
  /**
   * false = the source's last poll failed (connection refused, wrong password, status.dat missing or
   * cut off, …): everything else on the tile is the last known state, `detail` says why.
   */
  reachable: boolean;
  /**
   * false = the monitoring itself is not running checks: nothing on this tile can be trusted as current.
   * While unreachable: the last known value (false when it was never reached).
   */
  checking: boolean;
  /** Epoch ms of the upstream's own last status update; null when unknown. */
  lastUpdate: number | null;
  /** What is wrong with the upstream, in words (the failed poll's error when unreachable); null when fine. */
  detail: string | null;
}

/**
 * What the tile leads with, decided on the server (displays render it, they never judge it):
 * - `waiting`: no poll has answered or failed yet (`upstream` is null);
 * - `unreachable`: the source's last poll failed; counts and problems are the last known (none when it
 *   was never reached);
 * - `not-checking`: the monitoring answers but runs no checks; problems are the last known;
 * - `problems`: unhandled problems (current or not: a stale tile is unknown and says why), or none to
 *   list while the tile is unknown for another reason (no check matches the filters);
 * - `no-current-data`: nothing unhandled was wrong, but the data is not current (older than two polls,
 *   or restored from disk and not refreshed), so it promises nothing about now;
 * - `expected`: as `all-clear`, except that problems a running (or just ended) deploy explains are listed
 *   in `expected`: nothing is wrong that nobody expected;
 * - `all-clear`: the monitoring is checking, the data is current, checks match and nothing unhandled or
 *   expected is wrong. The only headline that says all is well.
 */
export type AlertsHeadline = 'all-clear' | 'expected' | 'problems' | 'unreachable' | 'not-checking' | 'no-current-data' | 'waiting';

/**
 * `data` of the alerts widget: what is broken right now, worst first. Problems that someone already
 * handles (acknowledged, or in scheduled downtime) are kept apart in `suppressed`.
 */
export interface AlertsData {
  /** What the tile leads with; see AlertsHeadline. */
  headline: AlertsHeadline;
  /** Every check that passes the tile's host/service/group filters, by state. The inventory, not the headline. */
  counts: {
    hosts: Record<AlertHostState, number>;
    services: Record<AlertServiceState, number>;
  };
  /**
   * Unhandled problems shown on this tile, by the status they colour (services folded into a down
   * host count once, as the host). All zero = nothing unhandled was wrong (all clear only when
   * `headline` says so).
   */
  unhandled: Record<Exclude<Status, 'ok'>, number>;
  /**
   * Unhandled problems, worst first (critical/down, then unknown/unreachable, then warning; see
   * docs/widgets/alerts.md for the full order), at most `maxProblems`.
   */
  problems: AlertProblem[];
  /** Unhandled problems left out of `problems` by `maxProblems`. */
  moreProblems: number;
  /**
   * Problems a deploy explains (see AlertsDeploys), dimmed and apart: not in `unhandled`, never raise
   * the status. Acknowledged ones stay in `suppressed`. Same order and cap as `problems`.
   */
  expected: { total: number; problems: AlertProblem[]; more: number };
  /** null when the tile has no `deploys` option. */
  deploys: AlertsDeploys | null;
  suppressed: {
    /** Handled problems in all (each row once; folded services are in their host's hiddenServices). */
    total: number;
    acknowledged: number;
    inDowntime: number;
    /** The handled problems themselves, same order and cap as `problems`. */
    problems: AlertProblem[];
    more: number;
  };
  /** Checks (any state) whose last result is much older than their interval. */
  staleChecks: number;
  /** null while waiting for the first poll; unreachable (program "") when polls failed before any succeeded. */
  upstream: AlertsUpstream | null;
}
