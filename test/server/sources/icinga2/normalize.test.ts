import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeIcinga2, type Icinga2Answers } from '../../../../src/server/sources/icinga2/normalize.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../../upstreams/samples/icinga2/${name}`, import.meta.url), 'utf8')) as unknown;
// a few seconds after the samples were captured (program_start 1795535854.7)
const NOW = 1_795_535_860_000;

const answers = (): Icinga2Answers => ({
  application: sample('icinga2-status-IcingaApplication.json'),
  hosts: sample('icinga2-objects-hosts.json'),
  services: sample('icinga2-objects-services.json'),
  comments: sample('icinga2-objects-comments.json'),
  downtimes: sample('icinga2-objects-downtimes.json'),
});

describe('Icinga 2 API → reading', () => {
  it('normalizes the real samples: states, ack 2 (sticky), downtime, never checked = pending', () => {
    const r = normalizeIcinga2(answers(), { maxStatusAgeMs: 180_000, now: NOW });
    expect(r.upstream).toMatchObject({ program: 'Icinga 2 r2.13.6-1', reachable: true, checking: true, detail: null });
    expect(r.upstream.lastUpdate).toBeGreaterThan(1_795_535_854_000);
    const summary = r.checks.map((c) => `${c.host}/${c.service ?? '-'}=${c.state}${c.hard ? '' : ' SOFT'}${c.acknowledged ? ' ACK' : ''}${c.inDowntime ? ' DT' : ''}`);
    expect(summary).toEqual([
      'edge01/-=down', 'app01/-=up', 'db01/-=up', 'web01/-=up', 'legacy01/-=down ACK',
      'db01/Disk /var=warning', 'db01/PING=ok', 'web01/HTTP=critical',
      // state 3 with last_check_result null: never checked, so pending and not a problem
      'app01/Nightly report=pending SOFT',
      'app01/Backup=critical DT', 'app01/Queue=unknown', 'app01/Deploy=ok', 'db01/Replication=critical ACK',
    ]);
    const disk = r.checks.find((c) => c.service === 'Disk /var')!;
    expect(disk).toMatchObject({ output: 'DISK WARNING - /var 91% used', longOutput: '', lastStateChange: 1_795_535_854_881 });
    expect(disk.lastCheck).toBe(Math.round(1795535854.880602 * 1000));
    // last_state_change 0 means never
    expect(r.checks.find((c) => c.host === 'edge01')!.lastStateChange).toBeNull();
  });

  it('marks down hosts whose parent is down as unreachable, splits multi-line output, inherits host downtime', () => {
    const a = answers() as { hosts: { results: { attrs: Record<string, unknown> }[] }; services: { results: { attrs: Record<string, unknown> }[] } };
    a.hosts.results.find((h) => h.attrs.name === 'edge01')!.attrs.last_reachable = false;
    a.hosts.results.find((h) => h.attrs.name === 'db01')!.attrs.downtime_depth = 1;
    const ping = a.services.results.find((s) => s.attrs.name === 'PING')!.attrs;
    (ping.last_check_result as Record<string, unknown>).output = 'PING OK\nrta 0.05 ms\nloss 0%';
    const r = normalizeIcinga2(a as Icinga2Answers, { maxStatusAgeMs: 180_000, now: NOW });
    expect(r.checks.find((c) => c.host === 'edge01')!.state).toBe('unreachable');
    expect(r.checks.find((c) => c.service === 'PING')).toMatchObject({ output: 'PING OK', longOutput: 'rta 0.05 ms\nloss 0%', inDowntime: true });
    expect(r.checks.find((c) => c.service === 'Disk /var')!.inDowntime).toBe(true);
    expect(r.checks.find((c) => c.service === 'Backup')!.inDowntime).toBe(true);
  });

  it('says Icinga is not checking when checks are disabled or no active check ran for long', () => {
    const off = answers() as { application: { results: { status: { icingaapplication: { app: Record<string, unknown> } } }[] } };
    off.application.results[0]!.status.icingaapplication.app.enable_service_checks = false;
    expect(normalizeIcinga2(off as unknown as Icinga2Answers, { maxStatusAgeMs: 180_000, now: NOW }).upstream).toMatchObject({
      checking: false,
      detail: 'active service checks are disabled (enable_service_checks is off)',
    });
    const withIntervals = answers() as { hosts: { results: { attrs: Record<string, unknown> }[] }; services: { results: { attrs: Record<string, unknown> }[] } };
    for (const o of [...withIntervals.hosts.results, ...withIntervals.services.results]) o.attrs.check_interval = 30;
    const later = normalizeIcinga2(withIntervals as Icinga2Answers, { maxStatusAgeMs: 180_000, now: NOW + 20 * 60_000 });
    expect(later.upstream).toMatchObject({ checking: false, detail: 'no check has run for 20 min — is the checker component running?' });
    expect(later.checks.find((c) => c.service === 'Disk /var')!.checkStale).toBe(true);
    expect(later.checks.find((c) => c.service === 'Deploy')!.checkStale).toBe(false); // passive only
  });

  it('makes a state it does not know unknown, saying what Icinga sent: never dropped, never up/OK', () => {
    type Objects = { results: { attrs: Record<string, unknown> }[] };
    const a = answers() as { hosts: Objects; services: Objects };
    const attrs = (list: Objects, name: string) => list.results.find((o) => o.attrs.name === name)!.attrs;
    attrs(a.hosts, 'web01').state = 'DOWN';
    attrs(a.hosts, 'db01').state = 2;
    attrs(a.services, 'PING').state = 7;
    // a state that is not a number at all: Number('') and Number(null) are 0, which read as OK before
    attrs(a.services, 'Disk /var').state = '';
    attrs(a.services, 'Backup').state = null;
    const r = normalizeIcinga2(a as Icinga2Answers, { maxStatusAgeMs: 180_000, now: NOW });
    const find = (host: string, service: string | null) => r.checks.find((c) => c.host === host && c.service === service)!;
    expect(find('web01', null)).toMatchObject({ state: 'unknown', output: expect.stringMatching(/^state "DOWN" not understood/) });
    expect(find('db01', null)).toMatchObject({ state: 'unknown', output: expect.stringMatching(/^state 2 not understood/) });
    expect(r.checks.filter((c) => ['PING', 'Disk /var', 'Backup'].includes(c.service ?? '')).map((c) => `${c.service}=${c.state}: ${c.output.split(':')[0]}`)).toEqual(
      expect.arrayContaining(['PING=unknown: state 7 not understood', 'Disk /var=unknown: state "" not understood', 'Backup=unknown: state null not understood']),
    );
  });

  it('fails on objects of the wrong shape, naming where, instead of inventing nameless hosts', () => {
    const normalize = (patch: Partial<Icinga2Answers>) => () => normalizeIcinga2({ ...answers(), ...patch }, { maxStatusAgeMs: 180_000, now: NOW });
    expect(normalize({ hosts: { results: ['web01', 'web02'] } })).toThrow(
      'unexpected answer from the Icinga 2 API at /v1/objects/hosts: results[0] is a string ("web01"), expected an object',
    );
    expect(normalize({ hosts: { results: [{ name: 'web01', attrs: 3 }] } })).toThrow(
      "unexpected answer from the Icinga 2 API at /v1/objects/hosts: results[0].attrs is a number (3), expected the object's attributes (an object)",
    );
    expect(normalize({ services: { results: { web01: {} } } })).toThrow(
      'unexpected answer from the Icinga 2 API at /v1/objects/services: results is an object, expected a list of objects',
    );
    expect(normalize({ services: {} })).toThrow('unexpected answer from the Icinga 2 API at /v1/objects/services: results is missing, expected a list of objects');
  });

  it('gives problem checks who acknowledged or downtimed them and why, from the comment and downtime objects', () => {
    const r = normalizeIcinga2(answers(), { maxStatusAgeMs: 180_000, now: NOW });
    const comments = (host: string, service: string | null) => r.checks.find((c) => c.host === host && c.service === service)!.comments;
    expect(comments('db01', 'Replication')).toEqual([
      { kind: 'acknowledgement', author: 'radiator', text: 'Replica rebuilding, ETA 2h', enteredAt: 1_795_535_855_066, startsAt: null, endsAt: null },
    ]);
    expect(comments('legacy01', null)).toEqual([expect.objectContaining({ kind: 'acknowledgement', text: 'Being decommissioned' })]);
    expect(comments('app01', 'Backup')).toEqual([
      { kind: 'downtime', author: 'radiator', text: 'Backup storage migration', enteredAt: 1_795_535_855_187, startsAt: 1_795_535_855_000, endsAt: 1_795_543_055_000 },
    ]);
    expect(comments('web01', null)).toBeUndefined(); // up: its comment is not a problem's
    expect(comments('web01', 'HTTP')).toEqual([]);
    const without = normalizeIcinga2({ ...answers(), comments: null, downtimes: null }, { maxStatusAgeMs: 180_000, now: NOW });
    expect(without.checks.some((c) => c.comments !== undefined)).toBe(false);
  });

  it("judges downtimes in effect as Icinga does, and gives a service its host's", () => {
    type Objects = { results: { attrs: Record<string, unknown> }[] };
    const a = answers() as Icinga2Answers & { downtimes: Objects };
    const backup = a.downtimes.results[0]!.attrs;
    const hostDowntime = { ...backup, host_name: 'web01', service_name: '', comment: 'Deploy M-4411 (CHG-77)', author: 'deploybot' };
    // flexible, never triggered: not in effect, whatever its window
    const flexible = { ...backup, host_name: 'db01', service_name: 'Disk /var', fixed: false, duration: 600, trigger_time: 0, comment: 'flexible' };
    a.downtimes.results.push({ attrs: hostDowntime }, { attrs: flexible });
    const r = normalizeIcinga2(a, { maxStatusAgeMs: 180_000, now: NOW });
    const find = (host: string, service: string | null) => r.checks.find((c) => c.host === host && c.service === service)!;
    expect(find('web01', 'HTTP').comments).toEqual([expect.objectContaining({ kind: 'downtime', author: 'deploybot', text: 'Deploy M-4411 (CHG-77)' })]);
    expect(find('db01', 'Disk /var').comments).toEqual([]);
    // a fixed downtime is over at its end time
    const after = normalizeIcinga2(a, { maxStatusAgeMs: 1e12, now: 1_795_543_055_000 });
    expect(after.checks.find((c) => c.service === 'Backup')!.comments).toEqual([]);
  });

  it('fails on comment and downtime objects of the wrong shape, naming where', () => {
    const normalize = (patch: Partial<Icinga2Answers>) => () => normalizeIcinga2({ ...answers(), ...patch }, { maxStatusAgeMs: 180_000, now: NOW });
    expect(normalize({ comments: { results: [{ attrs: { host_name: 'db01', service_name: '', author: 'a', text: 7, entry_type: 1, entry_time: 1 } }] } })).toThrow(
      'unexpected answer from the Icinga 2 API at /v1/objects/comments: results[0].attrs.text is a number (7), expected a string',
    );
    expect(normalize({ downtimes: { error: 404 } })).toThrow('unexpected answer from the Icinga 2 API at /v1/objects/downtimes: results is missing, expected a list of objects');
  });

  it('refuses an empty host list', () => {
    expect(() => normalizeIcinga2({ ...answers(), hosts: { results: [] } }, { maxStatusAgeMs: 180_000, now: NOW })).toThrow(/^no hosts visible/);
  });
});
