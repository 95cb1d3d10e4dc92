import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MonitoringReading } from '../../../src/server/readings/monitoring.js';
import { nagiosSource } from '../../../src/server/sources/nagios.js';
import { normalizeStatusJson, type CgiEnvelope } from '../../../src/server/sources/nagios/statusjson.js';
import { checkJson, cgiEnvelope, commentListJson, downtimeListJson, programStatusJson } from '../../../src/server/standins/nagios-formats.js';
import { nagiosScenario } from '../../../src/server/standins/nagios-scenario.js';
import { nagiosStandIn, nagiosStandInStatusFile } from '../../../src/server/standins/nagios.js';

const poll = (options: Record<string, unknown>, env: Record<string, string> = {}) =>
  nagiosSource.poll(nagiosSource.options.parse(options), AbortSignal.timeout(10_000), { previous: null, env, now: Date.now, deadline: Date.now() + 10_000 }) as Promise<MonitoringReading>;
const summary = (r: MonitoringReading) =>
  r.checks.map((c) => `${c.host}/${c.service ?? '-'}=${c.state}${c.hard ? '' : ' SOFT'}${c.acknowledged ? ' ACK' : ''}${c.inDowntime ? ' DT' : ''}`).sort();

/** The scenario at `seconds` after start, as the nagios adapter reads it from statusjson. */
function readingAt(seconds: number): MonitoringReading {
  const start = 1_800_000_000_000;
  const state = nagiosScenario(start, start + seconds * 1000);
  const hostlist = Object.fromEntries(state.checks.filter((c) => c.service === null).map((c) => [c.host, checkJson(c, state.now)]));
  const servicelist: Record<string, Record<string, unknown>> = {};
  for (const c of state.checks) if (c.service !== null) (servicelist[c.host] ??= {})[c.service] = checkJson(c, state.now);
  const env = (query: string, data: Record<string, unknown>) => cgiEnvelope(state, 'statusjson.cgi', query, 'nagiosadmin', data) as CgiEnvelope;
  return normalizeStatusJson(
    {
      programstatus: env('programstatus', { programstatus: programStatusJson(state, 1) }),
      hostlist: env('hostlist', { hostlist }),
      servicelist: env('servicelist', { servicelist }),
      hostgrouplist: null,
      servicegrouplist: null,
      commentlist: env('commentlist', { commentlist: commentListJson(state) }),
      downtimelist: env('downtimelist', { downtimelist: downtimeListJson(state) }),
    },
    { maxStatusAgeMs: 180_000, now: start + seconds * 1000 },
  );
}
const find = (r: MonitoringReading, host: string, service: string | null) => r.checks.find((c) => c.host === host && c.service === service)!;

describe('nagios stand-in', () => {
  it('moves states on its timetable: a flipping service, SOFT attempts turning HARD, recovery', () => {
    expect(find(readingAt(10), 'web01', 'HTTP health')).toMatchObject({ state: 'ok' });
    expect(find(readingAt(50), 'web01', 'HTTP health')).toMatchObject({ state: 'warning', lastStateChange: 1_800_000_040_000 });
    expect(find(readingAt(95), 'web01', 'HTTP health')).toMatchObject({ state: 'critical', lastStateChange: 1_800_000_080_000 });
    expect(find(readingAt(130), 'web01', 'HTTP health')).toMatchObject({ state: 'ok' });
    expect(find(readingAt(35), 'web02', 'API errors')).toMatchObject({ state: 'critical', hard: false, output: 'CRITICAL: error rate 7.5%' });
    // still the same problem as it turns HARD: the state change time stays where it started
    expect(find(readingAt(65), 'web02', 'API errors')).toMatchObject({ state: 'critical', hard: true, lastStateChange: 1_800_000_030_000 });
    expect(find(readingAt(95), 'web02', 'API errors')).toMatchObject({ state: 'ok' });
    expect(find(readingAt(70), 'app01', 'Queue')).toMatchObject({ state: 'unknown' });
    expect(find(readingAt(5), 'shop02', 'Load')).toMatchObject({ state: 'warning', flapping: true });
    const fixed = readingAt(500);
    expect(find(fixed, 'legacy01', null)).toMatchObject({ state: 'down', acknowledged: true });
    expect(find(fixed, 'edge01', null)).toMatchObject({ state: 'unreachable' });
    expect(find(fixed, 'batch01', 'Cron')).toMatchObject({ state: 'critical', inDowntime: true });
    expect(find(fixed, 'app01', 'Backup')).toMatchObject({ state: 'critical', inDowntime: true });
    expect(find(fixed, 'app01', 'Nightly report')).toMatchObject({ state: 'pending' });
    expect(fixed.checks.some((c) => c.checkStale)).toBe(false);
  });

  it('says who acknowledged or downtimed what and why, also hours later (downtimes renew)', () => {
    for (const seconds of [10, 3 * 3600 + 5]) {
      const r = readingAt(seconds);
      expect(find(r, 'legacy01', null).comments).toEqual([expect.objectContaining({ kind: 'acknowledgement', author: 'alice', text: expect.stringContaining('CHG-2211') })]);
      expect(find(r, 'db01', 'Replication').comments).toEqual([expect.objectContaining({ kind: 'acknowledgement', author: 'bob' })]);
      expect(find(r, 'app01', 'Backup').comments).toEqual([expect.objectContaining({ kind: 'downtime', author: 'carol', text: 'Backup storage migration to the new NAS' })]);
      // the host's downtime covers its failing service
      expect(find(r, 'batch01', 'Cron').comments).toEqual([expect.objectContaining({ kind: 'downtime', author: 'dave' })]);
      expect(find(r, 'web02', 'TCP latency').comments).toEqual([expect.objectContaining({ kind: 'comment', author: 'erin' })]);
    }
  });

  it('serves statusjson/objectjson and status.dat that the nagios source reads alike; wrong credentials get 401', async () => {
    const running = await nagiosStandIn.start(0);
    const file = nagiosStandInStatusFile(running.port);
    try {
      const url = `http://127.0.0.1:${running.port}/nagios4/cgi-bin/statusjson.cgi`;
      const open = await poll({ url });
      const authed = await poll({ url, username: 'nagiosadmin', passwordEnv: 'PW' }, { PW: 'nagios' });
      const fromFile = await poll({ statusFile: file });
      expect(open.upstream).toMatchObject({ program: 'Nagios Core 4.4.6', checking: true });
      expect(summary(authed)).toEqual(summary(open));
      expect(summary(fromFile)).toEqual(summary(open));
      expect(open.checks).toHaveLength(9 + 19);
      expect(find(open, 'shop01', null).hostgroups).toEqual(['web', 'shop']);
      expect(find(open, 'shop01', 'HTTPS').servicegroups).toEqual(['customer-facing']);
      expect(fromFile.checks.map((c) => c.comments)).toEqual(open.checks.map((c) => c.comments));
      expect(find(fromFile, 'app01', 'Backup').comments).toEqual([expect.objectContaining({ kind: 'downtime', author: 'carol' })]);
      await expect(poll({ url, username: 'nagiosadmin', passwordEnv: 'PW' }, { PW: 'wrong' })).rejects.toThrow(/^authentication failed \(HTTP 401\)/);
    } finally {
      await running.stop();
    }
    // gone on stop, like Nagios removes it on a clean shutdown
    expect(existsSync(file)).toBe(false);
  });
});
