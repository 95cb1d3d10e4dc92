import type { Check, MonitoringReading, UpstreamStatus } from '../../src/server/readings/monitoring.js';

/** A Nagios that answered and is running its checks, its status last written at `lastUpdate`. */
export function nagiosUpstream(lastUpdate: number): UpstreamStatus {
  return { program: 'Nagios Core 4.4.6', reachable: true, checking: true, lastUpdate, detail: null };
}

/**
 * A hard check of `host` (`service` null: the host check itself) in `state`: no output, never checked,
 * not acknowledged, in no downtime and no group; override what a test needs.
 */
export function monitoringCheck(host: string, service: string | null, state: Check['state'], extra: Partial<Check> = {}): Check {
  return {
    host,
    service,
    state,
    hard: true,
    output: '',
    longOutput: '',
    lastCheck: null,
    lastStateChange: null,
    acknowledged: false,
    inDowntime: false,
    flapping: false,
    notificationsEnabled: true,
    checkStale: false,
    hostgroups: [],
    servicegroups: [],
    ...extra,
  };
}

/** A reading of these checks polled at `at` from a Nagios that answered then ({@link nagiosUpstream}); override the upstream's fields a test needs. */
export function monitoringReading(at: number, checks: Check[], upstream: Partial<UpstreamStatus> = {}): MonitoringReading {
  return { type: 'monitoring', at, upstream: { ...nagiosUpstream(at), ...upstream }, checks };
}
