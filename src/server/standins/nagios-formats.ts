import type { SimCheck, SimNote, SimState } from './nagios-scenario.js';

/**
 * The stand-in's checks in Nagios Core 4.4's two wire formats, field for field as in
 * test/upstreams/samples/nagios: statusjson.cgi JSON (epoch ms, `status` as a bitmask) and
 * status.dat blocks (epoch seconds, plugin codes, TAB-indented `key=value`).
 */
export const NAGIOS_VERSION = '4.4.6';

const HOST_BITS = [2, 4, 8];
const SERVICE_BITS = [2, 4, 16, 8];
const ms = (seconds: number) => seconds * 1000;

export function cgiEnvelope(state: SimState, cgi: string, query: string, user: string, data: Record<string, unknown>) {
  return {
    format_version: 0,
    result: {
      query_time: ms(state.now),
      cgi,
      user,
      query,
      query_status: 'released',
      program_start: ms(state.programStart),
      last_data_update: ms(state.now),
      type_code: 0,
      type_text: 'Success',
      message: '',
    },
    data: { selectors: {}, ...data },
  };
}

export function cgiError(state: SimState, cgi: string, typeCode: number, typeText: string, message: string) {
  return {
    format_version: 0,
    result: { query_time: ms(state.now), cgi, program_start: 0, type_code: typeCode, type_text: typeText, message },
    data: {},
  };
}

export function programStatusJson(state: SimState, pid: number) {
  return {
    version: NAGIOS_VERSION,
    nagios_pid: pid,
    daemon_mode: true,
    program_start: ms(state.programStart),
    last_log_rotation: 0,
    enable_notifications: false,
    execute_service_checks: true,
    accept_passive_service_checks: true,
    execute_host_checks: true,
    accept_passive_host_checks: true,
    enable_event_handlers: false,
    obsess_over_services: false,
    obsess_over_hosts: false,
    check_service_freshness: false,
    check_host_freshness: false,
    enable_flap_detection: true,
    process_performance_data: false,
  };
}

function statusBits(c: SimCheck): number {
  if (!c.checked) return 1;
  return (c.service === null ? HOST_BITS[c.code] : SERVICE_BITS[c.code]) ?? 8;
}

/** One entry of `hostlist` or `servicelist` with details=true. */
export function checkJson(c: SimCheck, now: number): Record<string, unknown> {
  const common = {
    plugin_output: c.checked ? c.output : c.service === null ? 'Host check is not scheduled...' : 'Service is not scheduled to be checked...',
    long_plugin_output: c.longOutput,
    perf_data: c.perfData,
    max_attempts: c.maxAttempts,
    current_attempt: c.attempt,
    status: statusBits(c),
    last_update: ms(now),
    has_been_checked: c.checked,
    should_be_scheduled: c.active,
    last_check: ms(c.lastCheck),
    check_options: 0,
    check_type: c.active ? 0 : 1,
    checks_enabled: c.active,
    last_state_change: ms(c.lastStateChange),
    last_hard_state_change: c.hard ? ms(c.lastStateChange) : 0,
    last_hard_state: c.hard ? c.code : 0,
    state_type: c.hard ? 1 : 0,
    last_notification: 0,
    next_notification: 0,
    next_check: ms(c.nextCheck),
    no_more_notifications: false,
    notifications_enabled: true,
    problem_has_been_acknowledged: c.acknowledged,
    acknowledgement_type: c.acknowledged ? 2 : 0,
    current_notification_number: 0,
    accept_passive_checks: true,
    event_handler_enabled: true,
    flap_detection_enabled: true,
    is_flapping: c.flapping,
    percent_state_change: c.flapping ? 37.5 : 0,
    latency: 0.0,
    execution_time: 0.01,
    scheduled_downtime_depth: c.downtimeDepth,
    process_performance_data: true,
    obsess: true,
  };
  return c.service === null ? { name: c.host, ...common } : { host_name: c.host, description: c.service, ...common };
}

/**
 * Every note with the ids Nagios would give it: comments (an acknowledgement's, a user's, and the one
 * Nagios writes for each downtime, entry_type 2) numbered in one sequence, downtimes in another.
 */
function numberedNotes(state: SimState) {
  const comments: { id: number; check: SimCheck; note: SimNote; entryType: number; text: string }[] = [];
  const downtimes: { id: number; commentId: number; check: SimCheck; note: SimNote }[] = [];
  for (const check of state.checks) {
    for (const note of check.notes) {
      if (note.kind === 'downtime') {
        const commentId = comments.length + 1;
        const what = check.service === null ? 'host' : 'service';
        const text = `This ${what} has been scheduled for fixed downtime from ${isoSeconds(note.startTime)} to ${isoSeconds(note.endTime)}.  Notifications for the ${what} will not be sent out during that time period.`;
        comments.push({ id: commentId, check, note, entryType: 2, text });
        downtimes.push({ id: downtimes.length + 1, commentId, check, note });
      } else {
        comments.push({ id: comments.length + 1, check, note, entryType: note.kind === 'acknowledgement' ? 4 : 1, text: note.text });
      }
    }
  }
  return { comments, downtimes };
}

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

const checkNames = (c: SimCheck): Record<string, string> => (c.service === null ? { host_name: c.host } : { host_name: c.host, service_description: c.service });

/** `commentlist` with details=true, by comment id. */
export function commentListJson(state: SimState): Record<string, unknown> {
  return Object.fromEntries(
    numberedNotes(state).comments.map(({ id, check, note, entryType, text }) => [
      String(id),
      {
        comment_id: id,
        comment_type: check.service === null ? 1 : 2,
        entry_type: entryType,
        source: 0,
        persistent: entryType !== 2,
        entry_time: ms(note.entryTime),
        expires: false,
        expire_time: 0,
        ...checkNames(check),
        author: note.author,
        comment_data: text,
      },
    ]),
  );
}

/** `downtimelist` with details=true, by downtime id. */
export function downtimeListJson(state: SimState): Record<string, unknown> {
  return Object.fromEntries(
    numberedNotes(state).downtimes.map(({ id, check, note }) => [
      String(id),
      {
        downtime_id: id,
        type: check.service === null ? 2 : 1,
        ...checkNames(check),
        entry_time: ms(note.entryTime),
        start_time: ms(note.startTime),
        flex_downtime_start: 0,
        end_time: ms(note.endTime),
        fixed: true,
        triggered_by: 0,
        duration: note.endTime - note.startTime,
        is_in_effect: state.now >= note.startTime && state.now < note.endTime,
        start_notification_sent: true,
        author: note.author,
        comment: note.text,
      },
    ]),
  );
}

/** status.dat for `state`, block by block, so big files can be streamed to disk. */
export function* statusDatChunks(state: SimState, pid: number): Generator<string> {
  yield '########################################\n#          NAGIOS STATUS FILE\n#\n# THIS FILE IS AUTOMATICALLY GENERATED\n# BY NAGIOS.  DO NOT MODIFY THIS FILE!\n########################################\n\n';
  yield block('info', { created: state.now, version: NAGIOS_VERSION, last_update_check: 0, update_available: 0, last_version: '', new_version: '' });
  yield block('programstatus', {
    modified_host_attributes: 0,
    modified_service_attributes: 0,
    nagios_pid: pid,
    daemon_mode: 1,
    program_start: state.programStart,
    last_log_rotation: 0,
    enable_notifications: 0,
    active_service_checks_enabled: 1,
    passive_service_checks_enabled: 1,
    active_host_checks_enabled: 1,
    passive_host_checks_enabled: 1,
    enable_event_handlers: 0,
    obsess_over_services: 0,
    obsess_over_hosts: 0,
    check_service_freshness: 0,
    check_host_freshness: 0,
    enable_flap_detection: 1,
    process_performance_data: 0,
  });
  // Nagios writes every host before the first service
  for (const c of state.checks) if (c.service === null) yield block('hoststatus', checkFields(c, state.now));
  for (const c of state.checks) if (c.service !== null) yield block('servicestatus', checkFields(c, state.now));
  // then comments and downtimes, in the blocks and field order Nagios 4.4 writes
  const { comments, downtimes } = numberedNotes(state);
  for (const { id, check, note, entryType, text } of comments) {
    yield block(check.service === null ? 'hostcomment' : 'servicecomment', {
      ...checkNames(check),
      entry_type: entryType,
      comment_id: id,
      source: 0,
      persistent: entryType === 2 ? 0 : 1,
      entry_time: note.entryTime,
      expires: 0,
      expire_time: 0,
      author: note.author,
      comment_data: text,
    });
  }
  for (const { id, commentId, check, note } of downtimes) {
    yield block(check.service === null ? 'hostdowntime' : 'servicedowntime', {
      ...checkNames(check),
      downtime_id: id,
      comment_id: commentId,
      entry_time: note.entryTime,
      start_time: note.startTime,
      flex_downtime_start: 0,
      end_time: note.endTime,
      triggered_by: 0,
      fixed: 1,
      duration: note.endTime - note.startTime,
      is_in_effect: state.now >= note.startTime && state.now < note.endTime ? 1 : 0,
      start_notification_sent: 1,
      author: note.author,
      comment: note.text,
    });
  }
}

function checkFields(c: SimCheck, now: number): Record<string, string | number> {
  const names: Record<string, string> = c.service === null ? { host_name: c.host } : { host_name: c.host, service_description: c.service };
  return {
    ...names,
    modified_attributes: 0,
    check_command: 'check_dummy',
    check_period: '24x7',
    notification_period: '24x7',
    // interval_length 60 (the Nagios default): minutes
    check_interval: (c.intervalS / 60).toFixed(6),
    retry_interval: (c.intervalS / 60).toFixed(6),
    has_been_checked: c.checked ? 1 : 0,
    should_be_scheduled: c.active ? 1 : 0,
    check_execution_time: 0.01,
    check_latency: 0.001,
    check_type: c.active ? 0 : 1,
    current_state: c.checked ? c.code : 0,
    last_hard_state: c.hard ? c.code : 0,
    plugin_output: escape(c.output),
    long_plugin_output: escape(c.longOutput),
    performance_data: escape(c.perfData),
    last_check: c.lastCheck,
    next_check: c.nextCheck,
    check_options: 0,
    current_attempt: c.attempt,
    max_attempts: c.maxAttempts,
    state_type: c.hard ? 1 : 0,
    last_state_change: c.lastStateChange,
    last_hard_state_change: c.hard ? c.lastStateChange : 0,
    notifications_enabled: 1,
    problem_has_been_acknowledged: c.acknowledged ? 1 : 0,
    acknowledgement_type: c.acknowledged ? 2 : 0,
    active_checks_enabled: c.active ? 1 : 0,
    passive_checks_enabled: 1,
    event_handler_enabled: 1,
    flap_detection_enabled: 1,
    process_performance_data: 1,
    obsess: 1,
    last_update: now,
    is_flapping: c.flapping ? 1 : 0,
    percent_state_change: c.flapping ? '37.50' : '0.00',
    scheduled_downtime_depth: c.downtimeDepth,
  };
}

function block(type: string, fields: Record<string, string | number>): string {
  let out = `${type} {\n`;
  for (const [key, value] of Object.entries(fields)) out += `\t${key}=${value}\n`;
  return `${out}\t}\n\n`;
}

/** What Nagios does to keep each value on one line. */
function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
