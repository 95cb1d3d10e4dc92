import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cgiBaseOf, normalizeStatusJson, type CgiEnvelope, type StatusJsonAnswers } from '../../../../src/server/sources/nagios/statusjson.js';
import { nagiosSource } from '../../../../src/server/sources/nagios.js';
import { validateConfig } from '../../../../src/server/config/load-config.js';
import { builtInKinds } from '../../../../src/server/built-in-kinds.js';
import { expectSampleComments } from '../../../helpers/nagios-sample-comments.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../../upstreams/samples/nagios/${name}`, import.meta.url), 'utf8')) as CgiEnvelope;
// query_time of the samples
const NOW = 1_795_535_847_000;

function answers(overrides: Partial<StatusJsonAnswers> = {}): StatusJsonAnswers {
  return {
    programstatus: sample('statusjson-programstatus.json'),
    hostlist: sample('statusjson-hostlist-details.json'),
    servicelist: sample('statusjson-servicelist-details.json'),
    hostgrouplist: null,
    servicegrouplist: null,
    commentlist: sample('statusjson-commentlist-details.json'),
    downtimelist: sample('statusjson-downtimelist-details.json'),
    ...overrides,
  };
}

const summary = (r: ReturnType<typeof normalizeStatusJson>) =>
  r.checks.map((c) => `${c.host}/${c.service ?? '-'}=${c.state}${c.hard ? '' : ' SOFT'}${c.acknowledged ? ' ACK' : ''}${c.inDowntime ? ' DT' : ''}`);

describe('statusjson → reading', () => {
  it('normalizes the real bitmask samples', () => {
    const r = normalizeStatusJson(answers(), { maxStatusAgeMs: 180_000, now: NOW });
    expect(r.upstream).toEqual({ program: 'Nagios Core 4.4.6', reachable: true, checking: true, lastUpdate: NOW, detail: null });
    expect(summary(r)).toEqual([
      'app01/-=up', 'batch01/-=up DT', 'db01/-=up', 'edge01/-=unreachable', 'legacy01/-=down ACK', 'web01/-=up', 'web02/-=up',
      'app01/Backup=critical DT', 'app01/Deploy=ok', 'app01/Nightly report=pending', 'app01/Queue=unknown',
      'batch01/Cron=ok DT', 'db01/Disk /var=warning', 'db01/PING=ok', 'db01/Replication=critical ACK',
      'legacy01/SSH=critical', 'web01/HTTP=ok', 'web01/HTTP health=warning', 'web02/API errors=critical SOFT',
      'web02/HTTPS port=critical', 'web02/TCP latency=warning',
    ]);
    expect(r.checks.find((c) => c.service === 'HTTP health')).toMatchObject({
      output: 'HTTP WARNING: HTTP/1.1 404 Not Found - 231 bytes in 0.001 second response time',
      lastCheck: 1_795_535_842_000,
      lastStateChange: 1_795_535_842_000,
      checkStale: false,
    });
  });

  it('reads formatoptions=enumerate answers the same way', () => {
    const plain = normalizeStatusJson(answers(), { maxStatusAgeMs: 180_000, now: NOW });
    const enumerated = normalizeStatusJson(
      answers({ hostlist: sample('statusjson-hostlist-details-enumerate.json'), servicelist: sample('statusjson-servicelist-details-enumerate.json') }),
      { maxStatusAgeMs: 180_000, now: NOW },
    );
    expect(summary(enumerated)).toEqual(summary(plain));
  });

  it('refuses to call an empty host list all green: it is an authorization problem', () => {
    expect(() => normalizeStatusJson(answers({ hostlist: sample('statusjson-hostlist-no-remote-user.json') }), { maxStatusAgeMs: 180_000, now: NOW })).toThrow(
      'no hosts visible — check credentials/authorization (statusjson.cgi answered for user (none) with an empty host list)',
    );
  });

  it('makes a status it does not know unknown, saying what Nagios sent, for hosts and services: never dropped, never OK', () => {
    const a = answers();
    const hosts = a.hostlist.data.hostlist as Record<string, Record<string, unknown>>;
    const services = a.servicelist.data.servicelist as Record<string, Record<string, Record<string, unknown>>>;
    services.db01!['Disk /var']!.status = 'CRITICAL';
    services.db01!['Disk /var']!.plugin_output = 'DISK CRITICAL - / is 100% full';
    services.web01!.HTTP!.status = '16';
    services.web02!['TCP latency']!.status = 32;
    hosts.web01!.status = 'DOWN';
    hosts.web02!.status = 64;
    const r = normalizeStatusJson(a, { maxStatusAgeMs: 180_000, now: NOW });
    const find = (host: string, service: string | null) => r.checks.find((c) => c.host === host && c.service === service)!;
    expect(find('db01', 'Disk /var')).toMatchObject({ state: 'unknown', output: 'state "CRITICAL" not understood: DISK CRITICAL - / is 100% full' });
    expect(find('web01', 'HTTP')).toMatchObject({ state: 'unknown', output: expect.stringMatching(/^state "16" not understood: HTTP OK/) });
    expect(find('web02', 'TCP latency').state).toBe('unknown');
    // before: an unknown host status was invented to be "down"
    expect(find('web01', null)).toMatchObject({ state: 'unknown', output: 'state "DOWN" not understood: OK: host is up' });
    expect(find('web02', null).state).toBe('unknown');
    // the enumerate names are exact: a service cannot be "up", nor a host "critical"
    services.web01!.HTTP!.status = 'up';
    hosts.web01!.status = 'critical';
    const crossed = normalizeStatusJson(a, { maxStatusAgeMs: 180_000, now: NOW });
    expect(crossed.checks.filter((c) => c.host === 'web01' && (c.service === null || c.service === 'HTTP')).map((c) => c.state)).toEqual(['unknown', 'unknown']);
  });

  it('fails on host or service rows that are not objects, naming where, instead of inventing DOWN hosts', () => {
    const normalize = (overrides: Partial<StatusJsonAnswers>) => () => normalizeStatusJson(answers(overrides), { maxStatusAgeMs: 180_000, now: NOW });
    // what statusjson.cgi answers without details=true: a status number per host
    expect(normalize({ hostlist: sample('statusjson-hostlist.json') })).toThrow(
      "unexpected answer from statusjson.cgi query=hostlist: data.hostlist.app01 is a number (2), expected a host's details (an object of fields; Radiator asks with details=true)",
    );
    const withHostlist = (hostlist: unknown): CgiEnvelope => ({ ...sample('statusjson-hostlist-details.json'), data: { hostlist } });
    expect(normalize({ hostlist: withHostlist(['web01', 'web02']) })).toThrow(
      'unexpected answer from statusjson.cgi query=hostlist: data.hostlist is a list (2 items), expected an object of hosts by name',
    );
    expect(normalize({ hostlist: withHostlist({ 'web 1': 'up' }) })).toThrow(/data\.hostlist\["web 1"\] is a string \("up"\), expected a host's details/);
    expect(normalize({ hostlist: { ...sample('statusjson-hostlist-details.json'), data: {} } })).toThrow(/data\.hostlist is missing, expected an object of hosts by name$/);
    const services = sample('statusjson-servicelist-details.json');
    (services.data.servicelist as Record<string, unknown>).web01 = { HTTP: null };
    expect(normalize({ servicelist: services })).toThrow(
      "unexpected answer from statusjson.cgi query=servicelist: data.servicelist.web01.HTTP is null, expected a service's details (an object of fields; Radiator asks with details=true)",
    );
  });

  it('detects a daemon that stopped updating the status data, and checks turned off', () => {
    const old = answers();
    old.programstatus = structuredClone(old.programstatus);
    old.programstatus.result.last_data_update = NOW - 15 * 60_000;
    expect(normalizeStatusJson(old, { maxStatusAgeMs: 180_000, now: NOW }).upstream).toMatchObject({
      checking: false,
      lastUpdate: NOW - 15 * 60_000,
      detail: 'status data last updated 15 min ago — Nagios stopped or hung?',
    });
    const off = answers();
    off.programstatus = structuredClone(off.programstatus);
    (off.programstatus.data.programstatus as Record<string, unknown>).execute_service_checks = false;
    expect(normalizeStatusJson(off, { maxStatusAgeMs: 180_000, now: NOW }).upstream).toMatchObject({
      checking: false,
      detail: 'active service checks are disabled (execute_service_checks is off)',
    });
  });

  it('flags a result older than 3 × the interval the scheduler left between last and next check', () => {
    const late = answers();
    late.servicelist = structuredClone(late.servicelist);
    late.servicelist.result.query_time = NOW + 10 * 60_000; // 30 s interval, 10 min since the last check
    const r = normalizeStatusJson(late, { maxStatusAgeMs: 180_000, now: NOW });
    const stale = r.checks.filter((c) => c.checkStale).map((c) => `${c.host}/${c.service}`);
    expect(stale).toContain('db01/Disk /var');
    // passive (Deploy), never checked (Nightly report) and the 1 h retry of the soft API errors are not overdue
    expect(stale).not.toContain('app01/Deploy');
    expect(stale).not.toContain('app01/Nightly report');
    expect(stale).not.toContain('web02/API errors');
  });

  it('assigns host and service groups from objectjson answers', () => {
    const hostgrouplist = { result: { type_code: 0 }, data: { hostgrouplist: { web: { members: ['web01', 'web02'] }, db: { members: ['db01'] } } } };
    const servicegrouplist = {
      result: { type_code: 0 },
      data: { servicegrouplist: { 'customer-facing': { members: [{ host_name: 'web02', service_description: 'HTTPS port' }] } } },
    };
    const r = normalizeStatusJson(answers({ hostgrouplist, servicegrouplist }), { maxStatusAgeMs: 180_000, now: NOW });
    expect(r.checks.find((c) => c.host === 'db01' && c.service === null)!.hostgroups).toEqual(['db']);
    expect(r.checks.find((c) => c.service === 'HTTPS port')).toMatchObject({ hostgroups: ['web'], servicegroups: ['customer-facing'] });
    expect(r.checks.find((c) => c.service === 'TCP latency')).toMatchObject({ hostgroups: ['web'], servicegroups: [] });
  });

  it('gives problem checks who acknowledged or downtimed them and why, from commentlist and downtimelist', () => {
    const r = normalizeStatusJson(answers(), { maxStatusAgeMs: 180_000, now: NOW });
    expectSampleComments(r.checks);
    // without comments asked for, no check has any
    const without = normalizeStatusJson(answers({ commentlist: null, downtimelist: null }), { maxStatusAgeMs: 180_000, now: NOW });
    expect(without.checks.some((c) => c.comments !== undefined)).toBe(false);
  });

  it("gives a service its host's downtimes, leaves out downtimes not in effect, and keeps a few plain lines per check", () => {
    const servicelist = structuredClone(sample('statusjson-servicelist-details.json'));
    const cron = (servicelist.data.servicelist as Record<string, Record<string, Record<string, unknown>>>).batch01!.Cron!;
    Object.assign(cron, { status: 16, plugin_output: 'CRITICAL: 3 jobs failed' });
    const downtimelist = structuredClone(sample('statusjson-downtimelist-details.json'));
    const downtimes = downtimelist.data.downtimelist as Record<string, Record<string, unknown>>;
    downtimes['1']!.is_in_effect = false;
    const commentlist = structuredClone(sample('statusjson-commentlist-details.json'));
    const list = commentlist.data.commentlist as Record<string, Record<string, unknown>>;
    for (let i = 0; i < 10; i++) {
      list[`x${i}`] = { ...list['1'], entry_type: 1, entry_time: 1_795_535_000_000 + i, author: 'eve\u001b[31m', comment_data: `note ${i} \u202e${'x'.repeat(400)}` };
    }
    const r = normalizeStatusJson(answers({ servicelist, downtimelist, commentlist }), { maxStatusAgeMs: 180_000, now: NOW });
    const find = (host: string, service: string | null) => r.checks.find((c) => c.host === host && c.service === service)!;
    expect(find('batch01', 'Cron').comments).toEqual([expect.objectContaining({ kind: 'downtime', text: 'Kernel patching', endsAt: 1_795_539_443_000 })]);
    expect(find('app01', 'Backup').comments).toEqual([]);
    const replication = find('db01', 'Replication').comments!;
    expect(replication.map((c) => c.kind)).toEqual(['acknowledgement', 'comment', 'comment', 'comment']);
    expect(replication[1]).toMatchObject({ author: 'eve', enteredAt: 1_795_535_000_009 });
    expect(replication[1]!.text).toMatch(/^note 9 x+…$/);
    expect(replication[1]!.text).toHaveLength(300);
  });

  it('fails on comment and downtime lists of the wrong shape, naming where', () => {
    const normalize = (overrides: Partial<StatusJsonAnswers>) => () => normalizeStatusJson(answers(overrides), { maxStatusAgeMs: 180_000, now: NOW });
    const commentlist = structuredClone(sample('statusjson-commentlist-details.json'));
    (commentlist.data.commentlist as Record<string, Record<string, unknown>>)['3']!.author = 5;
    expect(normalize({ commentlist })).toThrow('unexpected answer from statusjson.cgi query=commentlist: data.commentlist["3"].author is a number (5), expected a string');
    expect(normalize({ commentlist: { ...commentlist, data: { commentlist: [] } } })).toThrow(
      'unexpected answer from statusjson.cgi query=commentlist: data.commentlist is a list (0 items), expected an object of comments by id (Radiator asks with details=true)',
    );
    const downtimelist = structuredClone(sample('statusjson-downtimelist-details.json'));
    delete (downtimelist.data.downtimelist as Record<string, Record<string, unknown>>)['2']!.is_in_effect;
    expect(normalize({ downtimelist })).toThrow('unexpected answer from statusjson.cgi query=downtimelist: data.downtimelist["2"].is_in_effect is missing, expected true or false');
  });

  it('takes the CGI directory or any CGI URL in it', () => {
    expect(cgiBaseOf('http://n.example/nagios4/cgi-bin')).toBe('http://n.example/nagios4/cgi-bin');
    expect(cgiBaseOf('http://n.example/nagios4/cgi-bin/')).toBe('http://n.example/nagios4/cgi-bin');
    expect(cgiBaseOf('https://n.example:8443/nagios/cgi-bin/statusjson.cgi?query=hostlist')).toBe('https://n.example:8443/nagios/cgi-bin');
  });
});

describe('nagios source options', () => {
  const config = (source: Record<string, unknown>) => ({
    sources: { nag: { type: 'nagios', schedule: '*/10 * * * * *', ...source } },
    boards: { b: { title: 'b', columns: 1, rows: 1, tiles: [] } },
  });

  it('needs exactly one of url and statusFile, and username with passwordEnv', () => {
    expect(() => validateConfig(config({}), 'c.json', builtInKinds)).toThrow(/set exactly one of "url" \(the Nagios CGIs over HTTP\) or "statusFile"/);
    expect(() => validateConfig(config({ url: 'http://n/cgi-bin', statusFile: '/var/lib/nagios4/status.dat' }), 'c.json', builtInKinds)).toThrow(/exactly one of/);
    expect(() => validateConfig(config({ url: 'http://n/cgi-bin', username: 'radiator' }), 'c.json', builtInKinds)).toThrow(/set "username" and "passwordEnv" together/);
    expect(() => validateConfig(config({ statusFile: '/s.dat', username: 'u', passwordEnv: 'P' }), 'c.json', builtInKinds)).toThrow(/"username" only applies with "url"/);
    expect(() => validateConfig(config({ url: 'http://n/cgi-bin', nope: 1 }), 'c.json', builtInKinds)).toThrow(/nope/);
    const ok = validateConfig(config({ url: 'http://n/cgi-bin', username: 'radiator', passwordEnv: 'NAGIOS_PASSWORD' }), 'c.json', builtInKinds);
    expect(nagiosSource.options.parse(ok.sources.nag)).toMatchObject({ url: 'http://n/cgi-bin', insecureTls: false, groups: true, comments: true, maxStatusAgeSeconds: 180 });
  });
});
