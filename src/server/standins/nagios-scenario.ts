/**
 * One host or service of the pretend Nagios, in Nagios' own terms, so it renders both as
 * statusjson.cgi JSON and as status.dat blocks.
 */
export interface SimCheck {
  host: string;
  /** null = the host check. */
  service: string | null;
  /** Plugin code: hosts 0 UP, 1 DOWN, 2 UNREACHABLE; services 0 OK … 3 UNKNOWN. */
  code: number;
  /** false = never checked (pending). */
  checked: boolean;
  hard: boolean;
  attempt: number;
  maxAttempts: number;
  output: string;
  longOutput: string;
  perfData: string;
  /** Epoch seconds; 0 = never. */
  lastCheck: number;
  nextCheck: number;
  lastStateChange: number;
  acknowledged: boolean;
  downtimeDepth: number;
  flapping: boolean;
  /** Actively scheduled (false = passive only). */
  active: boolean;
  /** check_interval in seconds (status.dat is written with interval_length 1, as in test/upstreams). */
  intervalS: number;
  hostgroups: string[];
  servicegroups: string[];
  /** What people wrote about it: the acknowledgement's comment, the downtime's reason, a plain comment. */
  notes: SimNote[];
}

/** An acknowledgement, downtime or comment, as Nagios keeps it (epoch seconds). */
export interface SimNote {
  kind: 'acknowledgement' | 'downtime' | 'comment';
  author: string;
  text: string;
  entryTime: number;
  /** Downtimes: the window. */
  startTime: number;
  endTime: number;
}

/** Who and why, for the demo's handled problems and one unhandled one. */
interface NoteSpec {
  kind: SimNote['kind'];
  author: string;
  text: string;
}

export interface SimState {
  programStart: number;
  now: number;
  checks: SimCheck[];
}

interface Phase {
  code: number;
  output: string;
  hard?: boolean;
  attempt?: number;
  flapping?: boolean;
}

/** A state that cycles through `phases`, each lasting `seconds`, starting at the program start. */
interface Cycle {
  seconds: number;
  phases: Phase[];
}

interface ServiceSpec {
  host: string;
  service: string;
  groups?: string[];
  /** A fixed state, or a cycle. */
  state: Phase | Cycle;
  acknowledged?: boolean;
  downtime?: boolean;
  notes?: NoteSpec[];
  passive?: boolean;
  pending?: boolean;
  maxAttempts?: number;
  longOutput?: string;
  perfData?: string;
}

const HOSTS: { name: string; groups: string[]; state: Phase; acknowledged?: boolean; downtime?: boolean; notes?: NoteSpec[] }[] = [
  { name: 'web01', groups: ['web'], state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.41 ms' } },
  { name: 'web02', groups: ['web'], state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.38 ms' } },
  { name: 'shop01', groups: ['web', 'shop'], state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.52 ms' } },
  { name: 'shop02', groups: ['web', 'shop'], state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.49 ms' } },
  { name: 'db01', groups: ['db'], state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.22 ms' } },
  { name: 'app01', groups: ['app'], state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.30 ms' } },
  {
    name: 'batch01',
    groups: ['app'],
    state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.35 ms' },
    downtime: true,
    notes: [{ kind: 'downtime', author: 'dave', text: 'Kernel patching, reboots expected' }],
  },
  {
    name: 'legacy01',
    groups: [],
    state: { code: 1, output: 'CRITICAL - Host Unreachable (10.0.4.17)' },
    acknowledged: true,
    notes: [{ kind: 'acknowledgement', author: 'alice', text: 'Being decommissioned, traffic moved to edge02 (CHG-2211)' }],
  },
  { name: 'edge01', groups: [], state: { code: 2, output: 'CRITICAL - Network Unreachable (10.0.4.1)' } },
];

const SERVICES: ServiceSpec[] = [
  { host: 'web01', service: 'HTTP', groups: ['customer-facing'], state: { code: 0, output: 'HTTP OK: HTTP/1.1 200 OK - 5120 bytes in 0.021 second response time' } },
  {
    host: 'web01',
    service: 'HTTP health',
    // flips every 40 s: the demo's moving part
    state: {
      seconds: 40,
      phases: [
        { code: 0, output: 'HTTP OK: HTTP/1.1 200 OK - 231 bytes in 0.004 second response time' },
        { code: 1, output: 'HTTP WARNING: HTTP/1.1 200 OK - 231 bytes in 1.604 second response time' },
        { code: 2, output: 'HTTP CRITICAL: HTTP/1.1 503 Service Unavailable - 112 bytes in 0.002 second response time' },
        { code: 0, output: 'HTTP OK: HTTP/1.1 200 OK - 231 bytes in 0.005 second response time' },
      ],
    },
    perfData: 'time=0.004s;1.000;3.000;0.000',
  },
  { host: 'web02', service: 'HTTP', groups: ['customer-facing'], state: { code: 0, output: 'HTTP OK: HTTP/1.1 200 OK - 5120 bytes in 0.019 second response time' } },
  {
    host: 'web02',
    service: 'API errors',
    maxAttempts: 5,
    // a SOFT critical that climbs its attempts, turns HARD, then recovers
    state: {
      seconds: 15,
      phases: [
        { code: 0, output: 'OK: error rate 0.2%' },
        { code: 0, output: 'OK: error rate 0.4%' },
        { code: 2, output: 'CRITICAL: error rate 7.5%', hard: false, attempt: 2 },
        { code: 2, output: 'CRITICAL: error rate 8.1%', hard: false, attempt: 4 },
        { code: 2, output: 'CRITICAL: error rate 9.3%', hard: true, attempt: 5 },
        { code: 2, output: 'CRITICAL: error rate 6.8%', hard: true, attempt: 5 },
        { code: 0, output: 'OK: error rate 0.9%' },
      ],
    },
    perfData: 'errors=0.2%;1;5;0;100',
  },
  {
    host: 'web02',
    service: 'TCP latency',
    state: { code: 1, output: 'TCP WARNING - 0.212 second response time on 10.0.2.12 port 443' },
    notes: [{ kind: 'comment', author: 'erin', text: 'slow TLS handshakes since the CDN change, vendor ticket open' }],
  },
  { host: 'shop01', service: 'HTTPS', groups: ['customer-facing'], state: { code: 0, output: 'HTTP OK: HTTP/1.1 200 OK - 18211 bytes in 0.087 second response time' } },
  { host: 'shop01', service: 'Disk /', state: { code: 0, output: 'DISK OK - free space: / 22154 MB (61% inode=88%)' } },
  { host: 'shop02', service: 'HTTPS', groups: ['customer-facing'], state: { code: 0, output: 'HTTP OK: HTTP/1.1 200 OK - 18211 bytes in 0.091 second response time' } },
  {
    host: 'shop02',
    service: 'Load',
    state: {
      seconds: 20,
      phases: [
        { code: 1, output: 'WARNING - load average: 7.12, 5.40, 3.33', flapping: true },
        { code: 0, output: 'OK - load average: 2.10, 4.80, 3.50', flapping: true },
      ],
    },
  },
  { host: 'db01', service: 'PING', state: { code: 0, output: 'PING OK - Packet loss = 0%, RTA = 0.05 ms' } },
  { host: 'db01', service: 'Disk /var', state: { code: 1, output: 'DISK WARNING - free space: /var 3620 MB (9% inode=71%)' }, perfData: '/var=91%;80;90;0;100' },
  {
    host: 'db01',
    service: 'Replication',
    state: { code: 2, output: 'CRITICAL: replica lag 340s' },
    acknowledged: true,
    notes: [{ kind: 'acknowledgement', author: 'bob', text: 'replacing disk on db02, replica rebuilding (ETA 2 h)' }],
    longOutput: 'replica db02 behind by 340 s\nrelay log 2.1 GB',
  },
  {
    host: 'app01',
    service: 'Backup',
    state: { code: 2, output: 'CRITICAL: last backup 3 days ago' },
    downtime: true,
    notes: [{ kind: 'downtime', author: 'carol', text: 'Backup storage migration to the new NAS' }],
  },
  {
    host: 'app01',
    service: 'Queue',
    state: {
      seconds: 60,
      phases: [
        { code: 0, output: 'OK: 12 messages queued' },
        { code: 3, output: 'UNKNOWN: queue stats unavailable: broker timeout' },
      ],
    },
  },
  { host: 'app01', service: 'Deploy', groups: ['customer-facing'], passive: true, state: { code: 0, output: 'Deployed r4711 to production' } },
  { host: 'app01', service: 'Nightly report', passive: true, pending: true, state: { code: 0, output: '' } },
  { host: 'batch01', service: 'Cron', state: { code: 2, output: 'CRITICAL: 3 of 42 jobs failed' } },
  { host: 'legacy01', service: 'SSH', state: { code: 2, output: 'connect to address 10.0.4.17 and port 22: No route to host' } },
  { host: 'edge01', service: 'BGP', state: { code: 2, output: 'CRITICAL: BGP session to 10.0.4.1 down' } },
];

const INTERVAL_S = 30;

/**
 * The stand-in's world at `now`: a fixed cast (a down and acknowledged host, an unreachable one
 * behind it, a host in downtime) plus services whose state moves on a timetable counted from the
 * program start, so the demo wall changes every few tens of seconds and tests can predict it.
 */
export function nagiosScenario(programStartMs: number, nowMs: number): SimState {
  const start = Math.floor(programStartMs / 1000);
  const now = Math.floor(nowMs / 1000);
  const elapsed = Math.max(0, now - start);
  // checks run on a fixed 30 s grid from the start, all of them, like a freshly started Nagios
  const lastCheck = start + Math.floor(elapsed / INTERVAL_S) * INTERVAL_S;
  const hostChecks = HOSTS.map((h): SimCheck => ({
    ...base(h.name, null, h.state, h.groups, []),
    lastCheck,
    nextCheck: lastCheck + INTERVAL_S,
    lastStateChange: start,
    acknowledged: h.acknowledged ?? false,
    downtimeDepth: h.downtime ? 1 : 0,
    notes: notesOf(h.notes, start, now),
  }));
  const services = SERVICES.map((s): SimCheck => {
    const host = HOSTS.find((h) => h.name === s.host)!;
    const { phase, since } = phaseAt(s.state, start, elapsed);
    const check = base(s.host, s.service, phase, host.groups, s.groups ?? []);
    const maxAttempts = s.maxAttempts ?? 1;
    const hard = phase.hard ?? true;
    return {
      ...check,
      checked: !s.pending,
      hard,
      attempt: hard ? (phase.attempt ?? (phase.code === 0 ? 1 : maxAttempts)) : (phase.attempt ?? 1),
      maxAttempts,
      longOutput: s.longOutput ?? '',
      perfData: s.perfData ?? '',
      lastCheck: s.pending ? 0 : s.passive ? start + 5 : Math.max(lastCheck, since),
      nextCheck: s.passive || s.pending ? 0 : Math.max(lastCheck, since) + INTERVAL_S,
      lastStateChange: s.pending ? 0 : since,
      acknowledged: s.acknowledged ?? false,
      downtimeDepth: s.downtime ? 1 : 0,
      active: !s.passive,
      notes: notesOf(s.notes, start, now),
    };
  });
  return { programStart: start, now, checks: [...hostChecks, ...services] };
}

function base(host: string, service: string | null, phase: Phase, hostgroups: string[], servicegroups: string[]): SimCheck {
  return {
    host,
    service,
    code: phase.code,
    checked: true,
    hard: phase.hard ?? true,
    attempt: 1,
    maxAttempts: 1,
    output: phase.output,
    longOutput: '',
    perfData: '',
    lastCheck: 0,
    nextCheck: 0,
    lastStateChange: 0,
    acknowledged: false,
    downtimeDepth: 0,
    flapping: phase.flapping ?? false,
    active: true,
    intervalS: INTERVAL_S,
    hostgroups,
    servicegroups,
    notes: [],
  };
}

const DOWNTIME_S = 7200;

/**
 * Entered at the start. Downtimes run in two-hour windows renewed as they end (like a
 * recurring downtime), so a demo left running keeps its downtimed problems and their reasons.
 */
function notesOf(specs: NoteSpec[] | undefined, start: number, now: number): SimNote[] {
  const entryTime = start;
  const windowStart = entryTime + Math.max(0, Math.floor((now - entryTime) / DOWNTIME_S)) * DOWNTIME_S;
  return (specs ?? []).map((n) =>
    n.kind === 'downtime' ? { ...n, entryTime: windowStart, startTime: windowStart, endTime: windowStart + DOWNTIME_S } : { ...n, entryTime, startTime: 0, endTime: 0 },
  );
}

/** The phase of a cycle at `elapsed` s, and since when (epoch s) the check has had that state code. */
function phaseAt(state: Phase | Cycle, start: number, elapsed: number): { phase: Phase; since: number } {
  if (!('phases' in state)) return { phase: state, since: start };
  const { seconds, phases } = state;
  const step = Math.floor(elapsed / seconds);
  const phase = phases[step % phases.length]!;
  // walk back while the state code stays the same: a changed output is not a state change
  let back = step;
  while (back > 0 && phases[(back - 1) % phases.length]!.code === phase.code) back--;
  return { phase, since: start + back * seconds };
}
