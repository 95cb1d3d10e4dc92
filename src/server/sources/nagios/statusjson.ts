import { z } from 'zod';
import { ageInWords } from '../age-in-words.js';
import { isCheckStale } from '../check-staleness.js';
import { describeUrl, getJson, oneLine } from '../json-over-http.js';
import type { Check, HostState, MonitoringReading, ServiceState, UpstreamStatus } from '../../readings/monitoring.js';
import { unrecognisedState } from '../unrecognised-state.js';
import { parseUpstreamShape } from '../upstream-shape.js';
import { settledInOrder } from '../settled-in-order.js';
import { NagiosGroups } from './groups.js';
import { commentsFromStatusJson } from './statusjson-comments.js';

/** The envelope every Nagios JSON CGI answers with (statusjson.cgi, objectjson.cgi). */
export interface CgiEnvelope {
  result: {
    query_time?: number;
    last_data_update?: number;
    program_start?: number;
    user?: string;
    type_code: number;
    type_text?: string;
    message?: string;
  };
  data: Record<string, unknown>;
}

export interface StatusJsonAnswers {
  programstatus: CgiEnvelope;
  hostlist: CgiEnvelope;
  servicelist: CgiEnvelope;
  /** From objectjson.cgi; null when groups were not asked for. */
  hostgrouplist: CgiEnvelope | null;
  servicegrouplist: CgiEnvelope | null;
  /** Acknowledgements and comments, and downtimes; null when comments were not asked for. */
  commentlist: CgiEnvelope | null;
  downtimelist: CgiEnvelope | null;
}

export interface StatusJsonFetch {
  /** Directory of the CGIs, e.g. http://nagios/nagios4/cgi-bin (no trailing slash). */
  cgiBase: string;
  auth: { username: string; password: string } | undefined;
  insecureTls: boolean;
  ca: string | undefined;
  maxBytes: number;
  groups: boolean;
  comments: boolean;
  signal: AbortSignal;
}

/** The CGI directory from `url`: the directory itself, or any CGI URL in it (…/statusjson.cgi?…). */
export function cgiBaseOf(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(/\/[^/]*\.cgi$/, '').replace(/\/+$/, '');
  return u.toString().replace(/\/+$/, '');
}

/**
 * The queries of one poll, in parallel and never more than seven: each CGI call parses status.dat on
 * the Nagios host anyway.
 */
export async function fetchStatusJson(req: StatusJsonFetch): Promise<StatusJsonAnswers> {
  const get = (cgi: string, query: string) => cgiQuery(req, cgi, query);
  const [programstatus, hostlist, servicelist, hostgrouplist, servicegrouplist, commentlist, downtimelist] = await settledInOrder([
    get('statusjson.cgi', 'query=programstatus'),
    get('statusjson.cgi', 'query=hostlist&details=true'),
    get('statusjson.cgi', 'query=servicelist&details=true'),
    req.groups ? get('objectjson.cgi', 'query=hostgrouplist&details=true') : null,
    req.groups ? get('objectjson.cgi', 'query=servicegrouplist&details=true') : null,
    req.comments ? get('statusjson.cgi', 'query=commentlist&details=true') : null,
    req.comments ? get('statusjson.cgi', 'query=downtimelist&details=true') : null,
  ]);
  return { programstatus, hostlist, servicelist, hostgrouplist, servicegrouplist, commentlist, downtimelist };
}

async function cgiQuery(req: StatusJsonFetch, cgi: string, query: string): Promise<CgiEnvelope> {
  const url = `${req.cgiBase}/${cgi}?${query}`;
  const api = cgi.replace(/\.cgi$/, '');
  let json: unknown;
  try {
    ({ json } = await getJson({ url, api, auth: req.auth, insecureTls: req.insecureTls, ca: req.ca, maxBytes: req.maxBytes, signal: req.signal }));
  } catch (err) {
    const message = (err as Error).message;
    // what the CGIs do when status.dat is gone, i.e. the daemon shut down cleanly
    if (message.startsWith('empty response')) throw new Error(`${message} — is Nagios running? (${cgi} answers empty without status.dat)`);
    throw err;
  }
  const envelope = json as Partial<CgiEnvelope> | null;
  if (!envelope || typeof envelope !== 'object' || !envelope.result || typeof envelope.result.type_code !== 'number' || !envelope.data) {
    throw new Error(`not a ${api} response: no result/data envelope from ${describeUrl(url)}`);
  }
  if (envelope.result.type_code !== 0) {
    const why = oneLine([envelope.result.type_text, envelope.result.message].filter(Boolean).map(String).join(': '), 240);
    throw new Error(`${cgi} rejected ${query.split('&')[0]}: ${why || `type_code ${envelope.result.type_code}`}`);
  }
  return envelope as CgiEnvelope;
}

// statusjson's `status` is a bitmask unless formatoptions=enumerate; accept both, and nothing else
const HOST_BITS = new Map<unknown, HostState>([[1, 'pending'], [2, 'up'], [4, 'down'], [8, 'unreachable']]);
const SERVICE_BITS = new Map<unknown, ServiceState>([[1, 'pending'], [2, 'ok'], [4, 'warning'], [8, 'unknown'], [16, 'critical']]);
const HOST_NAMES = new Map<unknown, HostState>([...HOST_BITS.values()].map((state) => [state, state]));
const SERVICE_NAMES = new Map<unknown, ServiceState>([...SERVICE_BITS.values()].map((state) => [state, state]));

type Row = Record<string, unknown>;

// with details=true every host and service is an object of fields; anything else is not statusjson talking
const row = (what: string) => z.record(z.string(), z.unknown(), { error: `${what} (an object of fields; Radiator asks with details=true)` });
const hostlistAnswer = z.looseObject({
  data: z.looseObject({ hostlist: z.record(z.string(), row("a host's details"), { error: 'an object of hosts by name' }) }),
});
const servicelistAnswer = z.looseObject({
  data: z.looseObject({
    servicelist: z.record(z.string(), z.record(z.string(), row("a service's details"), { error: "an object of the host's services by name" }), {
      error: 'an object of hosts by name',
    }),
  }),
});

/**
 * Normalizes the CGI answers into a reading. Pure: the sample files in test/upstreams go straight in.
 * Host and service lists of the wrong shape fail the poll (the tile goes stale saying where), and a
 * state it does not know is `unknown` (see unrecognisedState), never dropped or taken for OK.
 */
export function normalizeStatusJson(answers: StatusJsonAnswers, options: { maxStatusAgeMs: number; now: number }): MonitoringReading {
  const hostlist = parseUpstreamShape(hostlistAnswer, answers.hostlist, 'unexpected answer from statusjson.cgi query=hostlist').data.hostlist;
  const servicelist = parseUpstreamShape(servicelistAnswer, answers.servicelist, 'unexpected answer from statusjson.cgi query=servicelist').data.servicelist;
  const hostNames = Object.keys(hostlist);
  if (hostNames.length === 0) {
    const user = answers.hostlist.result.user;
    throw new Error(
      `no hosts visible — check credentials/authorization (statusjson.cgi answered for user ${user ? `"${oneLine(String(user), 60)}"` : '(none)'} with an empty host list)`,
    );
  }
  const groups = groupsFrom(answers);
  const reference = answers.servicelist.result.query_time ?? options.now;
  const checks: Check[] = [];
  const hostsInDowntime = new Set<string>();
  for (const name of hostNames) {
    const check = toCheck(hostlist[name]!, name, null, groups, reference);
    if (check.inDowntime) hostsInDowntime.add(name);
    checks.push(check);
  }
  for (const [host, services] of Object.entries(servicelist)) {
    for (const [service, value] of Object.entries(services)) {
      const check = toCheck(value, host, service, groups, reference);
      if (hostsInDowntime.has(host)) check.inDowntime = true;
      checks.push(check);
    }
  }
  if (answers.commentlist && answers.downtimelist) commentsFromStatusJson(answers.commentlist, answers.downtimelist).attachTo(checks);
  return { type: 'monitoring', at: options.now, upstream: upstreamOf(answers, options.maxStatusAgeMs), checks };
}

function toCheck(row: Row, host: string, service: string | null, groups: NagiosGroups | null, reference: number): Check {
  const status = row.status;
  const text = String(row.plugin_output ?? '');
  const nl = text.indexOf('\n');
  let output = nl < 0 ? text : text.slice(0, nl);
  let state: HostState | ServiceState | undefined = (service === null ? HOST_BITS : SERVICE_BITS).get(status) ?? (service === null ? HOST_NAMES : SERVICE_NAMES).get(status);
  if (row.has_been_checked === false) state = 'pending';
  else if (state === undefined) ({ state, output } = unrecognisedState(status, output));
  const lastCheck = epochMs(row.last_check);
  const nextCheck = epochMs(row.next_check);
  const scheduled = row.checks_enabled !== false && row.should_be_scheduled !== false;
  // statusjson has no check_interval: the gap the scheduler itself left between last and next check says it
  const intervalMs = scheduled && lastCheck !== null && nextCheck !== null && nextCheck > lastCheck ? nextCheck - lastCheck : null;
  return {
    host,
    service,
    state,
    hard: row.state_type === 1 || row.state_type === 'hard',
    // the CGI invents "Service is not scheduled to be checked..." for never-checked services; keep it, it is true
    output,
    longOutput: [nl < 0 ? '' : text.slice(nl + 1), String(row.long_plugin_output ?? '')].filter(Boolean).join('\n'),
    lastCheck,
    lastStateChange: epochMs(row.last_state_change),
    acknowledged: row.problem_has_been_acknowledged === true,
    inDowntime: Number(row.scheduled_downtime_depth) > 0,
    flapping: row.is_flapping === true,
    notificationsEnabled: row.notifications_enabled !== false,
    checkStale: isCheckStale(lastCheck, intervalMs, reference),
    hostgroups: groups?.hostgroupsOf(host) ?? [],
    servicegroups: service === null ? [] : (groups?.servicegroupsOf(host, service) ?? []),
  };
}

function upstreamOf(answers: StatusJsonAnswers, maxStatusAgeMs: number): UpstreamStatus {
  const program = record(answers.programstatus.data.programstatus);
  const result = answers.programstatus.result;
  const lastUpdate = epochMs(result.last_data_update);
  const queryTime = epochMs(result.query_time);
  let detail: string | null = null;
  if (lastUpdate !== null && queryTime !== null && queryTime - lastUpdate > maxStatusAgeMs) {
    detail = `status data last updated ${ageInWords(queryTime - lastUpdate)} ago — Nagios stopped or hung?`;
  } else if (program.execute_service_checks === false) {
    detail = 'active service checks are disabled (execute_service_checks is off)';
  }
  return {
    program: `Nagios Core ${typeof program.version === 'string' ? program.version : ''}`.trim(),
    reachable: true,
    checking: detail === null,
    lastUpdate,
    detail,
  };
}

function groupsFrom(answers: StatusJsonAnswers): NagiosGroups | null {
  if (!answers.hostgrouplist && !answers.servicegrouplist) return null;
  const groups = new NagiosGroups();
  for (const [name, value] of Object.entries(record(answers.hostgrouplist?.data.hostgrouplist))) {
    const members = record(value).members;
    if (Array.isArray(members)) for (const host of members) if (typeof host === 'string') groups.addHostMember(name, host);
  }
  for (const [name, value] of Object.entries(record(answers.servicegrouplist?.data.servicegrouplist))) {
    const members = record(value).members;
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      const m = record(member);
      if (typeof m.host_name === 'string' && typeof m.service_description === 'string') {
        groups.addServiceMember(name, m.host_name, m.service_description);
      }
    }
  }
  return groups;
}

function record(value: unknown): Row {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : {};
}

/** The JSON CGIs give epoch ms; 0 means never. */
function epochMs(value: unknown): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}
