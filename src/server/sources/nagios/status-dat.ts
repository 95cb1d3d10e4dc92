import { open, stat, type FileHandle } from 'node:fs/promises';
import { ageInWords } from '../age-in-words.js';
import { isCheckStale } from '../check-staleness.js';
import { CheckComments, commentKindOf } from '../check-comments.js';
import type { Check, HostState, MonitoringReading, ServiceState, UpstreamStatus } from '../../readings/monitoring.js';
import { unrecognisedState } from '../unrecognised-state.js';
import type { NagiosGroups } from './groups.js';
import { parseStatusDat, type StatusDatBlock } from './status-dat-parser.js';

export interface StatusDatOptions {
  /** Seconds per interval unit (`interval_length` in nagios.cfg): check_interval is counted in these. */
  intervalLengthSeconds: number;
  /** status.dat older than this means the daemon is no longer writing it. */
  maxStatusAgeMs: number;
  groups: NagiosGroups | null;
  /** Read acknowledgement, downtime and comment blocks for the problem checks (default true). */
  comments?: boolean;
}

const CHUNK_BYTES = 64 * 1024;
const HOST_STATES: readonly HostState[] = ['up', 'down', 'unreachable'];
const SERVICE_STATES: readonly ServiceState[] = ['ok', 'warning', 'critical', 'unknown'];

/** Test seam: called after each chunk read from the file, e.g. to change the file mid-read. */
export type AfterChunk = (bytesSoFar: number) => void | Promise<void>;

/**
 * Reads and normalizes one status.dat. Throws, in words for the wall, when the file cannot tell the truth.
 *
 * Nagios writes a new file and renames it over the old one, so an open file never changes: what is
 * read is one whole snapshot. A file written in place (a copy, rsync --inplace, some shared mounts)
 * can change under the reader, and a cut between two blocks parses cleanly yet loses every block
 * after it. So the open file's size and mtime are compared before and after the read (fstat), and
 * the path's too (stat) when it still names the same file; any difference fails the poll.
 */
export async function readStatusDatFile(
  path: string,
  options: StatusDatOptions,
  now: number,
  signal: AbortSignal,
  afterChunk?: AfterChunk,
): Promise<MonitoringReading> {
  const builder = new StatusDatReadingBuilder(options);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const before = await handle.stat();
    let bytes = 0;
    await parseStatusDat(readChunks(handle, (n) => (bytes = n), afterChunk), (block) => builder.add(block), signal);
    const [afterFd, afterPath] = await Promise.all([handle.stat(), stat(path).catch(() => null)]);
    // a path that now names another file (renamed into place meanwhile) is fine: what was read is whole
    const samePath = afterPath !== null && afterPath.ino === before.ino && afterPath.dev === before.dev ? afterPath : null;
    const changed = [afterFd, samePath].find((after) => after !== null && (after.size !== before.size || after.mtimeMs !== before.mtimeMs));
    if (changed || bytes !== before.size) {
      const size = changed?.size ?? bytes;
      throw new Error(
        `status.dat changed while being read (${before.size} → ${size} bytes${changed && changed.mtimeMs !== before.mtimeMs ? ', modified' : ''}): ` +
          'it is written in place, not replaced whole — will retry on the next poll',
      );
    }
  } catch (err) {
    throw describeFileError(err as NodeJS.ErrnoException, path);
  } finally {
    await handle?.close().catch(() => undefined);
  }
  return builder.finish(now, path);
}

/** The file from its start, 64 kB at a time, reporting the bytes read so far (and calling the test seam). */
async function* readChunks(handle: FileHandle, progress: (bytes: number) => void, afterChunk?: AfterChunk): AsyncIterable<Buffer> {
  let position = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    progress(position);
    yield buffer.subarray(0, bytesRead);
    await afterChunk?.(position);
  }
}

/** Turns parsed blocks into checks as they stream by, so only the normalized checks are kept. */
export class StatusDatReadingBuilder {
  private info: Record<string, string> | null = null;
  private program: Record<string, string> | null = null;
  private readonly checks: Check[] = [];
  /** Per check (same index): its active check interval in ms, null when not actively scheduled. */
  private readonly intervals: (number | null)[] = [];
  private readonly hostsInDowntime = new Set<string>();
  private readonly comments = new CheckComments();

  constructor(private readonly options: StatusDatOptions) {}

  add(block: StatusDatBlock): void {
    const f = block.fields;
    switch (block.type) {
      case 'info':
        this.info = f;
        return;
      case 'programstatus':
        this.program = f;
        return;
      case 'hoststatus':
      case 'servicestatus': {
        const isHost = block.type === 'hoststatus';
        const host = f.host_name;
        const service = isHost ? null : f.service_description;
        if (!host || service === undefined) {
          throw new Error(`status.dat ${block.type} block at line ${block.line} has no ${host ? 'service_description' : 'host_name'}`);
        }
        const check = toCheck(f, host, service ?? null, this.options.groups);
        if (isHost && check.inDowntime) this.hostsInDowntime.add(host);
        this.checks.push(check);
        const active = f.active_checks_enabled === '1' && f.should_be_scheduled !== '0';
        const interval = Number(f.check_interval);
        this.intervals.push(active && interval > 0 ? interval * this.options.intervalLengthSeconds * 1000 : null);
        return;
      }
      case 'hostcomment':
      case 'servicecomment':
      case 'hostdowntime':
      case 'servicedowntime':
        if (this.options.comments !== false) this.addComment(block);
        return;
      default:
        // contactstatus and whatever a later Nagios adds
        return;
    }
  }

  /** Acknowledgements and comments, and downtimes in effect with their own author and reason. */
  private addComment(block: StatusDatBlock): void {
    const f = block.fields;
    const onService = block.type.startsWith('service');
    const host = f.host_name;
    const service = onService ? f.service_description : null;
    if (!host || service === undefined) {
      throw new Error(`status.dat ${block.type} block at line ${block.line} has no ${host ? 'service_description' : 'host_name'}`);
    }
    if (block.type.endsWith('downtime')) {
      if (f.is_in_effect !== '1') return;
      const window = { startsAt: epochMs(f.start_time), endsAt: epochMs(f.end_time) };
      this.comments.add(host, service ?? null, { kind: 'downtime', author: f.author ?? '', text: f.comment ?? '', enteredAt: epochMs(f.entry_time), ...window });
      return;
    }
    const kind = /^\d+$/.test(f.entry_type ?? '') ? commentKindOf(Number(f.entry_type)) : null;
    if (kind === null) return;
    this.comments.add(host, service ?? null, { kind, author: f.author ?? '', text: f.comment_data ?? '', enteredAt: epochMs(f.entry_time) });
  }

  finish(now: number, path: string): MonitoringReading {
    if (!this.info || !this.program) {
      throw new Error(`${path} is not a Nagios status.dat (no info/programstatus block)`);
    }
    if (!this.checks.some((c) => c.service === null)) {
      throw new Error(`no hosts in ${path} — is this the status_file of a configured Nagios?`);
    }
    const created = epochMs(this.info.created);
    // the daemon's own clock at write time: checks are judged against it, the file's age against ours
    const reference = created ?? now;
    this.checks.forEach((check, i) => {
      if (check.service !== null && this.hostsInDowntime.has(check.host)) check.inDowntime = true;
      check.checkStale = isCheckStale(check.lastCheck, this.intervals[i] ?? null, reference);
    });
    if (this.options.comments !== false) this.comments.attachTo(this.checks);
    return { type: 'monitoring', at: now, upstream: this.upstream(created, now), checks: this.checks };
  }

  private upstream(created: number | null, now: number): UpstreamStatus {
    const program = `Nagios Core ${this.info?.version ?? ''}`.trim();
    let detail: string | null = null;
    if (created === null) detail = 'status.dat has no creation time';
    else if (now - created > this.options.maxStatusAgeMs) {
      detail = `status.dat was last written ${ageInWords(now - created)} ago — Nagios stopped or hung?`;
    } else if (this.program?.active_service_checks_enabled === '0') {
      detail = 'active service checks are disabled (execute_service_checks is off)';
    }
    return { program, reachable: true, checking: detail === null, lastUpdate: created, detail };
  }
}

function toCheck(f: Record<string, string>, host: string, service: string | null, groups: NagiosGroups | null): Check {
  const checked = f.has_been_checked === '1';
  const states: readonly (HostState | ServiceState)[] = service === null ? HOST_STATES : SERVICE_STATES;
  // digits only: Number('') is 0, which would read a blank current_state as up/OK
  const known = /^\d$/.test(f.current_state ?? '') ? states[Number(f.current_state)] : undefined;
  let output = firstLine(unescape(f.plugin_output ?? ''));
  let state: HostState | ServiceState = 'pending';
  if (checked) ({ state, output } = known ? { state: known, output } : unrecognisedState(f.current_state, output));
  return {
    host,
    service,
    state,
    hard: f.state_type === '1',
    output,
    longOutput: unescape(f.long_plugin_output ?? ''),
    lastCheck: epochMs(f.last_check),
    lastStateChange: epochMs(f.last_state_change),
    acknowledged: f.problem_has_been_acknowledged === '1',
    inDowntime: Number(f.scheduled_downtime_depth) > 0,
    flapping: f.is_flapping === '1',
    notificationsEnabled: f.notifications_enabled === '1',
    checkStale: false,
    hostgroups: groups?.hostgroupsOf(host) ?? [],
    servicegroups: service === null ? [] : (groups?.servicegroupsOf(host, service) ?? []),
  };
}

/** status.dat times are epoch seconds; 0 means never. */
function epochMs(value: string | undefined): number | null {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
}

/** Nagios escapes newlines, tabs and backslashes in plugin output so each value stays on one line. */
function unescape(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function firstLine(value: string): string {
  const nl = value.indexOf('\n');
  return nl < 0 ? value : value.slice(0, nl);
}

function describeFileError(err: NodeJS.ErrnoException, path: string): Error {
  switch (err.code) {
    case 'ENOENT':
      return new Error(`status.dat not found at ${path} — Nagios stopped? (it deletes status.dat on clean shutdown)`);
    case 'EACCES':
    case 'EPERM':
      return new Error(`cannot read ${path}: permission denied for the Radiator user`);
    case 'EISDIR':
      return new Error(`${path} is a directory; statusFile must name status.dat itself`);
    default:
      return err instanceof Error && !err.code ? err : new Error(`cannot read ${path}: ${err.message}`);
  }
}
