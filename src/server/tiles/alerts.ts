import { z } from 'zod';
import type { Status } from '../../shared/status.js';
import type { AlertHostState, AlertProblem, AlertServiceState, AlertsData, AlertsDeploys, AlertsHeadline, AlertsUpstream, ProblemState } from '../../shared/views/alerts.js';
import type { Check, MonitoringReading } from '../readings/monitoring.js';
import { alertComments } from './alert-comments.js';
import { alertsDeploys, deployLabel, type AlertsDeploysInput } from './alerts-deploys.js';
import type { DeployExpectations } from './deploy-expectations.js';
import { durationMs, durationOption } from './duration-option.js';
import { globListOption, globMatcher } from './glob.js';
import { plainLine } from '../../shared/plain-text.js';
import { worstStatus } from './status-rank.js';
import { defineTileKind } from './tile-kind.js';

const OUTPUT_CHARS = 300;
const NAME_CHARS = 120;

/**
 * Row colour and sort rank of each problem state, as Nagios and Icinga rank them: critical (and a
 * down host) first, then unknown (and an unreachable host, the consequence of a down parent), then
 * warning. An UNKNOWN means the check could not tell, which may hide anything up to critical.
 */
const SEVERITY: Record<ProblemState, { status: Status; rank: number }> = {
  down: { status: 'critical', rank: 0 },
  critical: { status: 'critical', rank: 0 },
  unreachable: { status: 'unknown', rank: 1 },
  unknown: { status: 'unknown', rank: 1 },
  warning: { status: 'warning', rank: 2 },
};
/** minState: the least severe rank listed. "warning" is the least severe state, so it lists everything. */
const MIN_STATE_RANK = { critical: 0, unknown: 1, warning: 2 } as const;

const options = z
  .object({
    hosts: globListOption.describe('Host names or globs ("web*", "db0?"); default all'),
    services: globListOption.describe('Service names or globs; host checks stay for hosts with a matching service'),
    hostgroups: globListOption.describe('Only hosts in one of these host groups'),
    servicegroups: globListOption.describe('Only services in one of these service groups'),
    minState: z
      .enum(['unknown', 'warning', 'critical'])
      .default('warning')
      .describe(
        'Least severe problem listed (critical > unknown > warning): "critical" = critical/down only, "unknown" adds unknown/unreachable, "warning" everything',
      ),
    hardOnly: z.boolean().default(false).describe('Leave out SOFT states (checks still re-trying)'),
    maxProblems: z.number().int().min(1).max(200).default(20).describe('Longest problem list; the rest is counted'),
    deploys: z
      .string()
      .min(1)
      .optional()
      .describe('Id of a deploys source: problems a running deploy explains (on its hosts, or under a downtime naming it) are shown as expected, not red'),
    deployGrace: durationOption
      .default('10m')
      .describe('How long after a deploy ends its problems stay expected: "10m", "2m", "1h" or a number of seconds; a problem that outlives it is red again'),
  })
  .strict();

type AlertsOptions = z.infer<typeof options>;

/** What the alerts tile needs of its source's health besides the reading. */
export interface AlertsSourceHealth {
  /** The last poll failed with this message: the reading is the last good one, the upstream unreachable. */
  pollError: string | null;
  /** The reading is not current (failed, too old, or restored and not refreshed): it promises nothing about now. */
  stale: boolean;
}

const HEALTHY: AlertsSourceHealth = { pollError: null, stale: false };

/**
 * What is broken right now, from a Nagios or Icinga source: counts per state, the unhandled problems
 * worst first, handled ones (acknowledged, in downtime) apart. A monitoring system that is not
 * checking never reads as "all clear": the tile turns unknown and says why.
 */
export const alertsTile = defineTileKind({
  widget: 'alerts',
  description: 'Host and service problems from Nagios/Icinga: counts, worst first, acknowledged and downtimed apart.',
  consumes: 'monitoring',
  options,
  related: (options) => (options.deploys ? [{ source: options.deploys, reads: 'deploys', path: ['deploys'] }] : []),
  // a grace period ends with nothing recorded anywhere: the view changes with time alone
  timed: (options) => options.deploys !== undefined,
  project({ options, reading, source, related, now }) {
    // a failed poll keeps the last good reading in the store: only the poll health says the upstream is gone
    const pollError = source && !source.ok ? (source.error ?? 'the last poll failed') : null;
    const deploys = options.deploys
      ? { source: options.deploys, related: related(options.deploys, 'deploys'), graceMs: durationMs(options.deployGrace), now }
      : null;
    if (!reading) {
      const deploysView = deploys ? alertsDeploys(deploys).view : null;
      if (pollError === null) return { status: 'unknown', data: emptyData(null, 'waiting', deploysView) };
      // never reached: no program known yet, nothing checked, the error says why
      const upstream = { program: '', reachable: false, checking: false, lastUpdate: null, detail: plainLine(pollError, OUTPUT_CHARS) };
      return { status: 'unknown', data: emptyData(upstream, 'unreachable', deploysView) };
    }
    return projectAlerts(reading, options, { pollError, stale: source?.stale ?? false }, deploys);
  },
});

/**
 * `health.pollError`: the source's last poll failed with this message, so `reading` is the last good one
 * and the upstream counts as unreachable (the frame already shows the message as the tile's reason).
 * `deploys`: the tile's deploys source, when it names one; problems a deploy explains are listed apart.
 */
export function projectAlerts(
  reading: MonitoringReading,
  options: AlertsOptions,
  health: AlertsSourceHealth = HEALTHY,
  deploys: AlertsDeploysInput | null = null,
): { status: Status; data: AlertsData; reason?: string } {
  const { pollError } = health;
  const from = pollError === null ? reading.upstream : { ...reading.upstream, reachable: false, detail: pollError };
  const upstream: AlertsUpstream = {
    ...from,
    program: plainLine(from.program, NAME_CHARS),
    detail: from.detail === null ? null : plainLine(from.detail, OUTPUT_CHARS),
  };
  const checks = filterChecks(reading.checks, options);
  const deployed = deploys ? alertsDeploys(deploys) : null;
  const data = emptyData(upstream, 'problems', deployed?.view ?? null);
  for (const check of checks) {
    countState(data.counts, check);
    if (check.checkStale) data.staleChecks++;
  }

  const minRank = MIN_STATE_RANK[options.minState];
  const listed = (c: Check): c is Check & { state: ProblemState } => isProblem(c) && SEVERITY[c.state].rank <= minRank && (c.hard || !options.hardOnly);
  // a down host explains its services' failures: fold them into the host's row instead of listing the noise.
  // A host in an unknown state explains nothing, so its services stay listed
  const rows: AlertProblem[] = [];
  const foldingRows = new Map<string, AlertProblem>();
  const expectations = deployed?.expectations ?? null;
  for (const check of checks) {
    if (check.service !== null || !listed(check)) continue;
    const row = toProblem(check, expectations);
    rows.push(row);
    if (check.state === 'down' || check.state === 'unreachable') foldingRows.set(check.host, row);
  }
  for (const check of checks) {
    if (check.service === null || !isProblem(check)) continue;
    const hostRow = foldingRows.get(check.host);
    if (hostRow) hostRow.hiddenServices++;
    else if (listed(check)) rows.push(toProblem(check, expectations));
  }
  rows.sort(worstFirst);

  // an acknowledgement is a person's word and wins; then a deploy; a downtime that outlived its deploy hides nothing
  const isHandled = (r: AlertProblem) => r.acknowledged || (r.inDowntime && r.expected === null && r.outlivedDeploy === null);
  const handled = rows.filter(isHandled);
  const expected = rows.filter((r) => !isHandled(r) && r.expected !== null);
  const unhandled = rows.filter((r) => !isHandled(r) && r.expected === null);
  for (const row of unhandled) data.unhandled[row.status as keyof AlertsData['unhandled']]++;
  data.problems = unhandled.slice(0, options.maxProblems);
  data.moreProblems = unhandled.length - data.problems.length;
  data.expected = { total: expected.length, problems: expected.slice(0, options.maxProblems), more: Math.max(0, expected.length - options.maxProblems) };
  data.suppressed = {
    total: handled.length,
    acknowledged: handled.filter((r) => r.acknowledged).length,
    inDowntime: handled.filter((r) => r.inDowntime).length,
    problems: handled.slice(0, options.maxProblems),
    more: Math.max(0, handled.length - options.maxProblems),
  };
  data.headline = headlineOf(upstream, unhandled.length, expected.length, checks.length, health.stale);

  // the frame carries the failed poll's message as the reason already; saying it twice helps nobody
  if (pollError !== null) return { status: 'unknown', data };
  if (!upstream.reachable || !upstream.checking) {
    const name = programName(upstream.program);
    const what = upstream.reachable ? `${name} is not executing checks` : `${name} is unreachable`;
    return { status: 'unknown', data, reason: upstream.detail ? `${what}: ${upstream.detail}` : what };
  }
  if (checks.length === 0) {
    return { status: 'unknown', data, reason: 'no host or service matches the tile filters' };
  }
  const status = worstStatus(unhandled.map((r) => r.status));
  // red because the deploys could not be read: say so, a deploy may explain it
  if (status !== 'ok' && deployed && !deployed.view.current) {
    return { status, data, reason: `deploys "${deployed.view.source}": ${deployed.why} — problems not excused` };
  }
  return { status, data };
}

function filterChecks(checks: readonly Check[], o: AlertsOptions): Check[] {
  const hostName = globMatcher(o.hosts);
  const serviceName = globMatcher(o.services);
  const inAny = (groups: readonly string[], wanted: readonly string[] | undefined) => !wanted || groups.some((g) => wanted.includes(g));
  const hostWanted = (c: Check) => hostName(c.host) && inAny(c.hostgroups, o.hostgroups);
  const serviceWanted = (c: Check) => c.service !== null && hostWanted(c) && serviceName(c.service) && inAny(c.servicegroups, o.servicegroups);
  const serviceFiltered = !!(o.services || o.servicegroups);
  // with a service filter, a host check stays only when the host has a service on the tile
  const hostsWithServices = serviceFiltered ? new Set(checks.filter(serviceWanted).map((c) => c.host)) : null;
  return checks
    .filter((c) => (c.service === null ? hostWanted(c) && (!hostsWithServices || hostsWithServices.has(c.host)) : serviceWanted(c)))
    .map(withKnownState);
}

const HOST_STATES: ReadonlySet<string> = new Set<AlertHostState>(['up', 'down', 'unreachable', 'unknown', 'pending']);
const SERVICE_STATES: ReadonlySet<string> = new Set<AlertServiceState>(['ok', 'warning', 'critical', 'unknown', 'pending']);

/**
 * A state that does not belong to its kind of check (a raw "CRITICAL", a service "up": adapters map
 * what they do not understand to unknown, but a reading restored from disk was made by older code) is
 * unknown here too: every check is counted and a problem is listed, none vanishes, none reads as OK.
 */
function withKnownState(check: Check): Check {
  return (check.service === null ? HOST_STATES : SERVICE_STATES).has(check.state) ? check : { ...check, state: 'unknown' };
}

function countState(counts: AlertsData['counts'], check: Check): void {
  const byState: Record<string, number> = check.service === null ? counts.hosts : counts.services;
  byState[check.state]!++;
}

function isProblem(c: Check): c is Check & { state: ProblemState } {
  return Object.hasOwn(SEVERITY, c.state);
}

function toProblem(c: Check & { state: ProblemState }, expectations: DeployExpectations | null): AlertProblem {
  const verdict = expectations?.verdict({ host: c.host, since: c.lastStateChange, inDowntime: c.inDowntime, comments: c.comments }) ?? null;
  return {
    host: plainLine(c.host, NAME_CHARS),
    service: c.service === null ? null : plainLine(c.service, NAME_CHARS),
    state: c.state,
    status: SEVERITY[c.state].status,
    hard: c.hard,
    output: plainLine(c.output, OUTPUT_CHARS),
    since: c.lastStateChange,
    acknowledged: c.acknowledged,
    inDowntime: c.inDowntime,
    flapping: c.flapping,
    checkStale: c.checkStale,
    hiddenServices: 0,
    comments: alertComments(c.comments),
    expected: verdict?.expected ? { key: verdict.window.deploy.key, label: deployLabel(verdict.window.deploy), via: verdict.via } : null,
    outlivedDeploy: verdict && !verdict.expected && verdict.deployEnded ? deployLabel(verdict.deployEnded.deploy) : null,
  };
}

/** Severity, then HARD before SOFT, then the longest-standing first; names last so the order is stable. */
function worstFirst(a: AlertProblem, b: AlertProblem): number {
  return (
    SEVERITY[a.state].rank - SEVERITY[b.state].rank ||
    Number(b.hard) - Number(a.hard) ||
    (a.since ?? Infinity) - (b.since ?? Infinity) ||
    Number(a.service !== null) - Number(b.service !== null) ||
    compareText(a.host, b.host) ||
    compareText(a.service ?? '', b.service ?? '')
  );
}

// not localeCompare: the order must not depend on the server's locale
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "Nagios Core 4.4.6" → "Nagios", "Icinga 2 r2.13.6-1" → "Icinga 2": the name people say. */
function programName(program: string): string {
  return program.replace(/\s+(Core\s+)?v?r?\d+\.\d.*$/, '').replace(/\s+Core$/, '') || 'the monitoring';
}

/**
 * "All clear" is a promise about now: only when the monitoring is reachable and checking, checks match
 * the tile, the data is current and nothing unhandled is wrong. Known problems lead even when old (the
 * tile is unknown and says why); no problems in old data promise nothing.
 */
function headlineOf(upstream: AlertsUpstream, unhandled: number, expected: number, checks: number, stale: boolean): AlertsHeadline {
  if (!upstream.reachable) return 'unreachable';
  if (!upstream.checking) return 'not-checking';
  if (unhandled > 0) return 'problems';
  if (stale) return 'no-current-data';
  // no check matches the filters: zero counts, and the reason says why; never all clear
  if (checks === 0) return 'problems';
  if (expected > 0) return 'expected';
  return 'all-clear';
}

function emptyData(upstream: AlertsUpstream | null, headline: AlertsHeadline, deploys: AlertsDeploys | null): AlertsData {
  return {
    headline,
    counts: {
      hosts: { up: 0, down: 0, unreachable: 0, unknown: 0, pending: 0 },
      services: { ok: 0, warning: 0, critical: 0, unknown: 0, pending: 0 },
    },
    unhandled: { critical: 0, warning: 0, unknown: 0 },
    problems: [],
    moreProblems: 0,
    expected: { total: 0, problems: [], more: 0 },
    deploys,
    suppressed: { total: 0, acknowledged: 0, inDowntime: 0, problems: [], more: 0 },
    staleChecks: 0,
    upstream,
  };
}
