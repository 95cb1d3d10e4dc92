import { expect } from 'vitest';
import type { Check } from '../../src/server/readings/monitoring.js';

/**
 * What both Nagios readers (status.dat and statusjson.cgi) must find on the problem checks of the
 * shared samples (test/upstreams/samples/nagios): who acknowledged or downtimed them and why — the
 * downtime's own author and reason, not the comment Nagios writes for it ("scheduled for fixed
 * downtime from …") — and nothing on checks that are not problems.
 */
export function expectSampleComments(checks: readonly Check[]): void {
  const comments = (host: string, service: string | null) => checks.find((c) => c.host === host && c.service === service)!.comments;
  const entered = 1_795_535_843_000;
  expect(comments('db01', 'Replication')).toEqual([
    { kind: 'acknowledgement', author: 'radiator', text: 'Replica rebuilding, ETA 2h', enteredAt: entered, startsAt: null, endsAt: null },
  ]);
  expect(comments('legacy01', null)).toEqual([expect.objectContaining({ kind: 'acknowledgement', text: 'Being decommissioned' })]);
  expect(comments('app01', 'Backup')).toEqual([
    { kind: 'downtime', author: 'radiator', text: 'Backup storage migration', enteredAt: entered, startsAt: entered, endsAt: 1_795_543_043_000 },
  ]);
  // only problems carry them: web01 is up (its comment stays out), batch01/Cron is ok
  expect(comments('web01', null)).toBeUndefined();
  expect(comments('batch01', 'Cron')).toBeUndefined();
  expect(comments('web02', 'HTTPS port')).toEqual([]);
}
