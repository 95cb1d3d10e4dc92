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
 * - `all-clear`: the monitoring is checking, the data is current, checks match and nothing unhandled is
 *   wrong. The only headline that says all is well.
 */
export type AlertsHeadline = 'all-clear' | 'problems' | 'unreachable' | 'not-checking' | 'no-current-data' | 'waiting';

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
