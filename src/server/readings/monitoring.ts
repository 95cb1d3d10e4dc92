import { z } from 'zod';
import { defineReadingKind } from './reading-kind.js';

/** Host and service checks from Nagios or Icinga. */
export interface MonitoringReading {
  type: 'monitoring';
  /** Epoch ms of the measurement. */
  at: number;
  upstream: UpstreamStatus;
  checks: Check[];
}

declare module './reading-kind.js' {
  interface ReadingTypes {
    monitoring: MonitoringReading;
  }
}

/** `unknown`: the upstream gave a state the adapter does not understand (see sources/unrecognised-state.ts). */
export type HostState = 'up' | 'down' | 'unreachable' | 'unknown' | 'pending';
export type ServiceState = 'ok' | 'warning' | 'critical' | 'unknown' | 'pending';

export interface Check {
  host: string;
  /** null for the host check itself. */
  service: string | null;
  state: HostState | ServiceState;
  hard: boolean;
  /** First line of the plugin output, untrusted text. */
  output: string;
  longOutput: string;
  /** Epoch ms; null = never. */
  lastCheck: number | null;
  lastStateChange: number | null;
  acknowledged: boolean;
  inDowntime: boolean;
  flapping: boolean;
  notificationsEnabled: boolean;
  /** The result itself is old: last check much older than the check interval. */
  checkStale: boolean;
  /** Groups of the host; for a service check, the groups of its host. [] when the upstream does not say. */
  hostgroups: string[];
  /** Groups of the service; [] for host checks. */
  servicegroups: string[];
  /**
   * Problem checks only: what people wrote about it — acknowledgements, downtimes in effect (a service
   * gets its host's too) and comments — newest first, a few at most. Left out by readings kept from
   * before comments were read, and by sources that do not read them.
   */
  comments?: CheckComment[];
}

/** Why a comment is there: an acknowledgement's, a scheduled downtime's, or one someone added. */
export type CheckCommentKind = 'acknowledgement' | 'downtime' | 'comment';

/** One acknowledgement, downtime or comment on a check. Text is plain (control characters stripped) and clipped. */
export interface CheckComment {
  kind: CheckCommentKind;
  author: string;
  /** "" when the upstream gave none (Nagios 4.4's statusjson.cgi blanks text that is not ASCII). */
  text: string;
  /** Epoch ms it was entered; null when unknown. */
  enteredAt: number | null;
  /** Downtimes: their window in epoch ms; null for the other kinds. */
  startsAt: number | null;
  endsAt: number | null;
}

export interface UpstreamStatus {
  /** e.g. "Nagios Core 4.4.6", "Icinga 2 r2.13.6". */
  program: string;
  reachable: boolean;
  /** The daemon is running and executing checks (a stopped Nagios must not look like "all OK"). */
  checking: boolean;
  /** Epoch ms of the upstream's own last status update. */
  lastUpdate: number | null;
  /** Why not checking / what is wrong, in words. */
  detail: string | null;
}

const optionalTime = z.number().nullable();

const checkComment = z.looseObject({
  kind: z.enum(['acknowledgement', 'downtime', 'comment']),
  author: z.string(),
  text: z.string(),
  enteredAt: optionalTime,
  startsAt: optionalTime,
  endsAt: optionalTime,
});

const check = z.looseObject({
  host: z.string(),
  service: z.string().nullable(),
  state: z.enum(['up', 'down', 'unreachable', 'pending', 'ok', 'warning', 'critical', 'unknown']),
  hard: z.boolean(),
  output: z.string(),
  longOutput: z.string(),
  lastCheck: optionalTime,
  lastStateChange: optionalTime,
  acknowledged: z.boolean(),
  inDowntime: z.boolean(),
  flapping: z.boolean(),
  notificationsEnabled: z.boolean(),
  checkStale: z.boolean(),
  hostgroups: z.array(z.string()),
  servicegroups: z.array(z.string()),
  comments: z.array(checkComment).optional(),
});

export const monitoringReading = defineReadingKind({
  type: 'monitoring',
  description: 'Host and service checks with the monitoring daemon\'s own status (Nagios, Icinga 2).',
  schema: z.looseObject({
    type: z.literal('monitoring'),
    at: z.number(),
    upstream: z.looseObject({ program: z.string(), reachable: z.boolean(), checking: z.boolean(), lastUpdate: optionalTime, detail: z.string().nullable() }),
    checks: z.array(check),
  }),
});
