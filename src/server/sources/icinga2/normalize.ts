import { z } from 'zod';
import { ageInWords } from '../age-in-words.js';
import { isCheckStale } from '../check-staleness.js';
import type { Check, HostState, MonitoringReading, ServiceState, UpstreamStatus } from '../../readings/monitoring.js';
import { unrecognisedState } from '../unrecognised-state.js';
import { commentsFromIcinga2 } from './comments.js';
import { parseUpstreamShape } from '../upstream-shape.js';

/** The answers of one poll, as the API sent them (`{"results": [...]}`). */
export interface Icinga2Answers {
  application: unknown;
  hosts: unknown;
  services: unknown;
  /** /v1/objects/comments and /v1/objects/downtimes; null when comments were not asked for. */
  comments: unknown;
  downtimes: unknown;
}

/** Attributes asked for (`attrs=`): everything a Check needs, nothing more, to keep big answers small. */
export const HOST_ATTRS = [
  'name', 'state', 'state_type', 'last_check_result', 'last_check', 'last_state_change', 'acknowledgement',
  'downtime_depth', 'flapping', 'enable_notifications', 'enable_active_checks', 'check_interval', 'groups', 'last_reachable',
] as const;
export const SERVICE_ATTRS = [...HOST_ATTRS, 'host_name'] as const;

const SERVICE_STATES: readonly ServiceState[] = ['ok', 'warning', 'critical', 'unknown'];

type Attrs = Record<string, unknown>;

/** Normalizes the answers into a reading. Pure: the sample files in test/upstreams go straight in. */
export function normalizeIcinga2(answers: Icinga2Answers, options: { maxStatusAgeMs: number; now: number }): MonitoringReading {
  const { now } = options;
  const hosts = objects(answers.hosts, 'objects/hosts').map((o) => ({ ...o.attrs, name: o.attrs.name ?? o.name }));
  if (hosts.length === 0) throw new Error('no hosts visible — check credentials/authorization (the API user needs objects/query/Host)');
  const hostInfo = new Map<string, { groups: string[]; inDowntime: boolean }>();
  const checks: Check[] = [];
  const intervals: (number | null)[] = [];
  for (const attrs of hosts) {
    const name = String(attrs.name ?? '');
    const check = toCheck(attrs, name, null, now);
    hostInfo.set(name, { groups: check.hostgroups, inDowntime: check.inDowntime });
    checks.push(check);
    intervals.push(activeIntervalMs(attrs));
  }
  for (const object of objects(answers.services, 'objects/services')) {
    const { attrs } = object;
    // object names are "host!service"; host_name and name are asked for, the split is the fallback
    const [hostPart = '', ...servicePart] = object.name.split('!');
    const host = typeof attrs.host_name === 'string' ? attrs.host_name : hostPart;
    const check = toCheck(attrs, host, typeof attrs.name === 'string' ? attrs.name : servicePart.join('!'), now);
    const info = hostInfo.get(host);
    check.servicegroups = check.hostgroups;
    check.hostgroups = info?.groups ?? [];
    if (info?.inDowntime) check.inDowntime = true;
    checks.push(check);
    intervals.push(activeIntervalMs(attrs));
  }
  if (answers.comments !== null && answers.downtimes !== null) commentsFromIcinga2(answers.comments, answers.downtimes, now).attachTo(checks);
  return { type: 'monitoring', at: now, upstream: upstreamOf(answers.application, checks, intervals, options), checks };
}

function toCheck(a: Attrs, host: string, service: string | null, now: number): Check {
  const result = a.last_check_result && typeof a.last_check_result === 'object' ? (a.last_check_result as Attrs) : null;
  const text = String(result?.output ?? '');
  const nl = text.indexOf('\n');
  let output = nl < 0 ? text : text.slice(0, nl);
  let state: HostState | ServiceState = 'pending';
  // never-checked objects report state 3 (UNKNOWN) with no result: that is pending, not a problem
  if (result !== null) {
    const known = service === null ? hostState(a) : typeof a.state === 'number' ? SERVICE_STATES[a.state] : undefined;
    ({ state, output } = known ? { state: known, output } : unrecognisedState(a.state, output));
  }
  const lastCheck = epochMs(result?.execution_end) ?? epochMs(a.last_check);
  return {
    host,
    service,
    state,
    hard: Number(a.state_type) === 1,
    output,
    longOutput: nl < 0 ? '' : text.slice(nl + 1),
    lastCheck,
    lastStateChange: epochMs(a.last_state_change),
    acknowledged: Number(a.acknowledgement) > 0,
    inDowntime: Number(a.downtime_depth) > 0,
    flapping: a.flapping === true,
    notificationsEnabled: a.enable_notifications !== false,
    checkStale: isCheckStale(lastCheck, activeIntervalMs(a), now),
    // hosts' own groups; for services moved to servicegroups by the caller
    hostgroups: Array.isArray(a.groups) ? a.groups.filter((g): g is string => typeof g === 'string') : [],
    servicegroups: [],
  };
}

function upstreamOf(application: unknown, checks: Check[], intervals: (number | null)[], options: { maxStatusAgeMs: number; now: number }): UpstreamStatus {
  const app = appStatus(application);
  const version = typeof app.version === 'string' ? app.version : '';
  // Icinga has no "status written at": the newest active check result tells whether the checker runs
  let newest: number | null = null;
  let newestAny: number | null = null;
  let shortest = Infinity;
  for (const [i, c] of checks.entries()) {
    if (c.lastCheck !== null) newestAny = Math.max(newestAny ?? 0, c.lastCheck);
    const interval = intervals[i];
    if (interval == null || c.lastCheck === null) continue;
    newest = Math.max(newest ?? 0, c.lastCheck);
    shortest = Math.min(shortest, interval);
  }
  const limit = Math.max(options.maxStatusAgeMs, 2 * shortest);
  let detail: string | null = null;
  if (app.enable_service_checks === false) detail = 'active service checks are disabled (enable_service_checks is off)';
  else if (newest !== null && options.now - newest > limit) {
    detail = `no check has run for ${ageInWords(options.now - newest)} — is the checker component running?`;
  }
  return { program: `Icinga 2 ${version}`.trim(), reachable: true, checking: detail === null, lastUpdate: newestAny, detail };
}

/** Icinga 2 hosts are 0 UP or 1 DOWN; a down host whose parent is down is unreachable. Else undefined. */
function hostState(a: Attrs): HostState | undefined {
  if (a.state === 0) return 'up';
  if (a.state === 1) return a.last_reachable === false ? 'unreachable' : 'down';
  return undefined;
}

function activeIntervalMs(a: Attrs): number | null {
  const seconds = Number(a.check_interval);
  return a.enable_active_checks !== false && seconds > 0 ? seconds * 1000 : null;
}

// every object the API lists is { name, attrs: {…} }; anything else is not Icinga talking
const objectList = z.looseObject({
  results: z.array(
    z.looseObject({
      name: z.string({ error: "the object's name (a string)" }),
      attrs: z.record(z.string(), z.unknown(), { error: "the object's attributes (an object)" }),
    }),
    { error: 'a list of objects' },
  ),
});

function objects(answer: unknown, path: string): { name: string; attrs: Attrs }[] {
  return parseUpstreamShape(objectList, answer, `unexpected answer from the Icinga 2 API at /v1/${path}`).results;
}

function appStatus(answer: unknown): Attrs {
  const first = (answer as { results?: unknown[] } | null)?.results?.[0] as { status?: { icingaapplication?: { app?: Attrs } } } | undefined;
  return first?.status?.icingaapplication?.app ?? {};
}

/** Icinga times are epoch seconds as floats; 0 or -1 mean never. */
function epochMs(value: unknown): number | null {
  const n = Number(value);
  return value !== null && value !== undefined && Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : null;
}
