import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Check, MonitoringReading, UpstreamStatus } from '../../../src/server/readings/monitoring.js';
import { readStatusDatFile } from '../../../src/server/sources/nagios/status-dat.js';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import { alertsTile, projectAlerts } from '../../../src/server/tiles/alerts.js';
import { projectTile } from '../../../src/server/tiles/project-tile.js';
import { bindTile } from '../../../src/server/boards/board-model.js';
import type { AlertsTileView } from '../../../src/shared/tile-view.js';
import { plainLine } from '../../../src/shared/plain-text.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { monitoringCheck, monitoringReading, nagiosUpstream } from '../../helpers/monitoring-fixtures.js';
import { noRelated } from '../../helpers/projection-input.js';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

const check = (host: string, service: string | null, state: Check['state'], extra: Partial<Check> = {}): Check =>
  monitoringCheck(host, service, state, { output: `${state.toUpperCase()} ${host}/${service ?? 'host'}`, lastCheck: T0, lastStateChange: T0 - 10 * MIN, ...extra });

const UP = nagiosUpstream(T0);
const reading = (checks: Check[], upstream: Partial<UpstreamStatus> = {}) => monitoringReading(T0, checks, upstream);
const defaults = alertsTile.options.parse({});
const project = (checks: Check[], options: Record<string, unknown> = {}, upstream: Partial<UpstreamStatus> = {}) =>
  projectAlerts(reading(checks, upstream), alertsTile.options.parse(options));
const rows = (p: { data: { problems: { host: string; service: string | null }[] } }) => p.data.problems.map((r) => `${r.host}/${r.service ?? '-'}`);

describe('alerts tile', () => {
  it('sorts critical/down, then unknown/unreachable, then warning (as Nagios ranks them); HARD before SOFT; longest-standing first', () => {
    const p = project([
      check('a', 'unknown-svc', 'unknown'),
      check('b', 'warn-new', 'warning', { lastStateChange: T0 - 1 * MIN }),
      check('c', 'crit-soft-old', 'critical', { hard: false, lastStateChange: T0 - 60 * MIN }),
      check('d', null, 'unreachable'),
      check('e', 'warn-old', 'warning', { lastStateChange: T0 - 30 * MIN }),
      check('f', 'crit-hard-new', 'critical', { lastStateChange: T0 - 2 * MIN }),
      check('g', null, 'down', { lastStateChange: T0 - 5 * MIN }),
      check('h', 'crit-hard-never', 'critical', { lastStateChange: null }),
      check('i', 'fine', 'ok'),
      check('j', 'new-one', 'pending'),
    ]);
    // same severity, hardness and age: the host row before service rows
    expect(rows(p)).toEqual(['g/-', 'f/crit-hard-new', 'h/crit-hard-never', 'c/crit-soft-old', 'd/-', 'a/unknown-svc', 'e/warn-old', 'b/warn-new']);
    expect(p.data.problems.map((r) => r.status)).toEqual(['critical', 'critical', 'critical', 'critical', 'unknown', 'unknown', 'warning', 'warning']);
    expect(p.data.unhandled).toEqual({ critical: 4, warning: 2, unknown: 2 });
    expect(p.status).toBe('critical');
    expect(p.data.problems[0]).toMatchObject({ state: 'down', hard: true, since: T0 - 5 * MIN, hiddenServices: 0, output: 'DOWN g/host' });
  });

  it('folds the failing services of a down host into its row instead of listing the noise', () => {
    const p = project([
      check('web3', null, 'down'),
      check('web3', 'HTTP', 'critical'),
      check('web3', 'SSH', 'critical'),
      check('web3', 'Disk', 'warning'),
      check('web3', 'NTP', 'ok'),
      check('web4', null, 'up'),
      check('web4', 'HTTP', 'critical'),
    ]);
    expect(rows(p)).toEqual(['web3/-', 'web4/HTTP']);
    expect(p.data.problems[0]!.hiddenServices).toBe(3);
    expect(p.data.unhandled).toEqual({ critical: 2, warning: 0, unknown: 0 });
    // the inventory still counts every check
    expect(p.data.counts).toEqual({
      hosts: { up: 1, down: 1, unreachable: 0, unknown: 0, pending: 0 },
      services: { ok: 1, warning: 1, critical: 3, unknown: 0, pending: 0 },
    });
  });

  it('counts and lists a host in an unknown state, and does not hide its services\' problems under it', () => {
    const p = project([
      check('web5', null, 'unknown', { output: 'state "DOWN" not understood: OK' }),
      check('web5', 'Disk', 'critical'),
      check('web5', 'HTTP', 'ok'),
      check('web6', null, 'up'),
    ]);
    expect(p.data.counts.hosts).toEqual({ up: 1, down: 0, unreachable: 0, unknown: 1, pending: 0 });
    expect(rows(p)).toEqual(['web5/Disk', 'web5/-']);
    expect(p.data.problems.find((r) => r.service === null)).toMatchObject({ state: 'unknown', status: 'unknown', hiddenServices: 0, output: 'state "DOWN" not understood: OK' });
    expect(p.data.unhandled).toEqual({ critical: 1, warning: 0, unknown: 1 });
    expect(p.status).toBe('critical');
  });

  it('counts and lists a state that does not belong to its kind of check as unknown (a reading made by older code): never dropped, never all clear', () => {
    // what the statusjson adapter used to pass through, as a state file may still hold it
    const restored = (c: Check, state: string) => JSON.parse(JSON.stringify({ ...c, state })) as Check;
    const p = project([
      check('db01', null, 'up'),
      restored(check('db01', 'Disk', 'ok', { output: 'DISK CRITICAL - / is 100% full' }), 'CRITICAL'),
      restored(check('web01', null, 'up'), '16'),
      check('web01', 'HTTP', 'up'),
    ]);
    expect(p.status).not.toBe('ok');
    expect(p.data.counts).toEqual({
      hosts: { up: 1, down: 0, unreachable: 0, unknown: 1, pending: 0 },
      services: { ok: 0, warning: 0, critical: 0, unknown: 2, pending: 0 },
    });
    expect(p.data.problems.map((r) => `${r.host}/${r.service ?? '-'}=${r.state}`)).toEqual(['web01/-=unknown', 'db01/Disk=unknown', 'web01/HTTP=unknown']);
    expect(p.data.problems.find((r) => r.service === 'Disk')!.output).toBe('DISK CRITICAL - / is 100% full');
    expect(p.data.unhandled).toEqual({ critical: 0, warning: 0, unknown: 3 });
  });

  it('keeps acknowledged and downtimed problems apart: counted, listed, never the headline', () => {
    const p = project([
      check('db01', 'Replication', 'critical', { acknowledged: true }),
      check('batch01', null, 'down', { inDowntime: true }),
      check('batch01', 'Cron', 'critical', { inDowntime: true }),
      check('app01', 'Backup', 'critical', { inDowntime: true, acknowledged: true }),
      check('web01', 'HTTP', 'ok'),
    ]);
    expect(p.status).toBe('ok');
    expect(p.data.problems).toEqual([]);
    expect(p.data.unhandled).toEqual({ critical: 0, warning: 0, unknown: 0 });
    expect(p.data.suppressed).toMatchObject({ total: 3, acknowledged: 2, inDowntime: 2, more: 0 });
    // equal severity and age: the host row first, then by name
    expect(p.data.suppressed.problems.map((r) => `${r.host}/${r.service ?? '-'}`)).toEqual(['batch01/-', 'app01/Backup', 'db01/Replication']);
    expect(p.data.suppressed.problems.find((r) => r.host === 'batch01')!.hiddenServices).toBe(1);
  });

  it('says all clear only when nothing unhandled is wrong; pending checks are not problems', () => {
    const p = project([check('web01', null, 'up'), check('web01', 'HTTP', 'ok'), check('web01', 'New', 'pending'), check('web02', null, 'pending')]);
    expect(p).toMatchObject({ status: 'ok', data: { problems: [], moreProblems: 0, unhandled: { critical: 0, warning: 0, unknown: 0 } } });
    expect(p.reason).toBeUndefined();
    expect(p.data.counts.services.pending).toBe(1);
    expect(p.data.counts.hosts.pending).toBe(1);
  });

  it('never says all clear when the monitoring is not checking or unreachable', () => {
    const idle = project([check('web01', null, 'up')], {}, { checking: false, detail: 'status.dat was last written 10 min ago — Nagios stopped or hung?' });
    expect(idle.status).toBe('unknown');
    expect(idle.reason).toBe('Nagios is not executing checks: status.dat was last written 10 min ago — Nagios stopped or hung?');
    expect(idle.data.upstream).toMatchObject({ checking: false, program: 'Nagios Core 4.4.6' });
    const icinga = project([check('web01', 'HTTP', 'critical')], {}, { program: 'Icinga 2 r2.13.6-1', checking: false, detail: null });
    expect(icinga).toMatchObject({ status: 'unknown', reason: 'Icinga 2 is not executing checks' });
    // the last known problems stay visible
    expect(rows(icinga)).toEqual(['web01/HTTP']);
    expect(project([], {}, { reachable: false, checking: false, detail: 'connection refused' }).reason).toBe('Nagios is unreachable: connection refused');
  });

  it('filters by host and service globs; a service filter keeps only the hosts of those services', () => {
    const checks = [
      check('web01', null, 'down'),
      check('web01', 'HTTP', 'critical'),
      check('web02', null, 'up'),
      check('web02', 'HTTP', 'warning'),
      check('web02', 'Disk /var', 'critical'),
      check('db01', null, 'down'),
      check('db01', 'Disk /var', 'warning'),
    ];
    expect(rows(project(checks, { hosts: ['web*'] }))).toEqual(['web01/-', 'web02/Disk /var', 'web02/HTTP']);
    const http = project(checks, { services: ['HTTP'] });
    expect(rows(http)).toEqual(['web01/-', 'web02/HTTP']);
    expect(http.data.counts.hosts).toEqual({ up: 1, down: 1, unreachable: 0, unknown: 0, pending: 0 });
    expect(rows(project(checks, { hosts: ['db0?'], services: ['Disk*'] }))).toEqual(['db01/-']);
    const none = project(checks, { hosts: ['mail*'] });
    expect(none).toMatchObject({ status: 'unknown', reason: 'no host or service matches the tile filters' });
  });

  it('filters by host and service groups', () => {
    const checks = [
      check('web01', null, 'up', { hostgroups: ['web'] }),
      check('web01', 'HTTP', 'critical', { hostgroups: ['web'], servicegroups: ['customer-facing'] }),
      check('web01', 'NTP', 'warning', { hostgroups: ['web'] }),
      check('db01', null, 'down', { hostgroups: ['db'] }),
      check('app01', 'Deploy', 'unknown', { servicegroups: ['customer-facing'] }),
    ];
    expect(rows(project(checks, { hostgroups: ['web'] }))).toEqual(['web01/HTTP', 'web01/NTP']);
    expect(rows(project(checks, { servicegroups: ['customer-facing'] }))).toEqual(['web01/HTTP', 'app01/Deploy']);
    expect(rows(project(checks, { hostgroups: ['web', 'db'] }))).toEqual(['db01/-', 'web01/HTTP', 'web01/NTP']);
  });

  it('minState, hardOnly and maxProblems trim the list; the rest is counted', () => {
    const checks = [
      check('a', 'c1', 'critical'),
      check('b', 'c2', 'critical', { hard: false }),
      check('c', 'w1', 'warning'),
      check('d', 'u1', 'unknown'),
      check('e', null, 'unreachable'),
    ];
    expect(rows(project(checks, { minState: 'critical' }))).toEqual(['a/c1', 'b/c2']);
    // critical > unknown > warning: "unknown" adds unknown/unreachable, "warning" (the default) lists everything
    const unknown = project(checks, { minState: 'unknown' });
    expect(rows(unknown)).toEqual(['a/c1', 'b/c2', 'e/-', 'd/u1']);
    expect(unknown.data.unhandled).toEqual({ critical: 2, warning: 0, unknown: 2 });
    const warn = project(checks, { minState: 'warning' });
    expect(rows(warn)).toEqual(['a/c1', 'b/c2', 'e/-', 'd/u1', 'c/w1']);
    expect(warn.data.unhandled).toEqual({ critical: 2, warning: 1, unknown: 2 });
    expect(rows(project(checks))).toEqual(rows(warn));
    expect(rows(project(checks, { hardOnly: true }))).toEqual(['a/c1', 'e/-', 'd/u1', 'c/w1']);
    const capped = project(checks, { maxProblems: 2 });
    expect(rows(capped)).toEqual(['a/c1', 'b/c2']);
    expect(capped.data.moreProblems).toBe(3);
    expect(capped.data.unhandled).toEqual({ critical: 2, warning: 1, unknown: 2 });
    // only unknowns left: the tile is unknown, not ok
    expect(project([check('d', 'u1', 'unknown')]).status).toBe('unknown');
    expect(project([check('c', 'w1', 'warning'), check('d', 'u1', 'unknown')]).status).toBe('warning');
  });

  it('treats plugin output as untrusted: escape codes and control characters out, long lines clipped', () => {
    const nasty = `\u001b[31mCRITICAL\u001b[0m - disk\tfull\r\n\u0007\u202eevil\u001b]0;title\u0007 ${'x'.repeat(1000)}`;
    const p = project([check('web01', '<b>svc</b>', 'critical', { output: nasty })]);
    const row = p.data.problems[0]!;
    expect(row.output.startsWith('CRITICAL - disk full evil xxx')).toBe(true);
    expect(row.output).toHaveLength(300);
    expect(row.output.endsWith('…')).toBe(true);
    expect(row.output).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    // markup is left as text: the widget binds it as text, never as HTML
    expect(row.service).toBe('<b>svc</b>');
    expect(plainLine('ok 😀😀', 4)).toBe('ok…');
    expect(plainLine('  a \n b  ', 10)).toBe('a b');
  });

  it('projects nothing but unknown before the first reading', () => {
    const p = alertsTile.project({ related: noRelated, tile: { id: 't', title: 't', source: 's' }, options: defaults, reading: null, history: () => [], now: T0 });
    expect(p.status).toBe('unknown');
    expect(p.data).toMatchObject({ problems: [], upstream: null, unhandled: { critical: 0, warning: 0, unknown: 0 } });
  });

  it('a failed poll makes the upstream unreachable, with the error, even though the last reading is kept', () => {
    const input = (source: { ok: boolean; error: string | null; lastSuccessAt: number | null } | null, r: MonitoringReading | null) =>
      alertsTile.project({ related: noRelated, tile: { id: 't', title: 't', source: 's' }, options: defaults, reading: r, source: source && { ...source, stale: !source.ok }, history: () => [], now: T0 });
    const last = reading([check('web01', null, 'up'), check('web01', 'HTTP', 'ok')]);
    expect(input({ ok: true, error: null, lastSuccessAt: T0 }, last)).toMatchObject({ status: 'ok', data: { upstream: { reachable: true, detail: null } } });
    const down = input({ ok: false, error: 'connection refused by \u001b[31m127.0.0.1:1\u001b[0m', lastSuccessAt: T0 - MIN }, last);
    expect(down.status).toBe('unknown');
    expect(down.data.upstream).toEqual({ ...UP, reachable: false, detail: 'connection refused by 127.0.0.1:1' });
    expect(down.data.counts.services.ok).toBe(1); // the last known state stays
    expect(down.reason).toBeUndefined(); // the frame shows the source's error as the reason already
    // never reached at all
    const never = input({ ok: false, error: 'authentication failed (HTTP 401)', lastSuccessAt: null }, null);
    expect(never).toMatchObject({ status: 'unknown', data: { problems: [] } });
    expect(never.data.upstream).toEqual({ program: '', reachable: false, checking: false, lastUpdate: null, detail: 'authentication failed (HTTP 401)' });
    expect(input({ ok: true, error: null, lastSuccessAt: null }, null).data.upstream).toBeNull();
  });

  it('through the store: a poll failing after a success shows the old checks as unreachable, in the tile view', () => {
    const config = validateConfig(
      {
        sources: { nagios: { type: 'nagios', schedule: '*/10 * * * * *', statusFile: '/nonexistent/status.dat' } },
        boards: { mon: { title: 'Mon', columns: 1, rows: 1, tiles: [{ id: 'problems', widget: 'alerts', source: 'nagios', x: 0, y: 0 }] } },
      },
      'test.json',
      builtInKinds,
    );
    const tile = bindTile(config.boards.mon!.tiles[0]!, builtInKinds.tiles);
    const store = new MemoryStore({ nagios: { intervalMs: 10_000, historyMs: 3_600_000 } });
    store.recordSuccess('nagios', reading([check('web01', null, 'up'), check('web01', 'HTTP', 'ok')]));
    const ok = projectTile(tile, store, T0 + 1000) as AlertsTileView;
    expect(ok).toMatchObject({ status: 'ok', stale: false, reason: null, data: { upstream: { reachable: true } } });
    store.recordFailure('nagios', 'status.dat not found at /nonexistent/status.dat — Nagios stopped?', T0 + 10_000);
    const failed = projectTile(tile, store, T0 + 10_000) as AlertsTileView;
    expect(failed).toMatchObject({ status: 'unknown', stale: true, reason: 'status.dat not found at /nonexistent/status.dat — Nagios stopped?' });
    expect(failed.data.upstream).toMatchObject({ program: 'Nagios Core 4.4.6', reachable: false, detail: failed.reason });
    store.recordSuccess('nagios', { ...reading([check('web01', null, 'up')]), at: T0 + 20_000 });
    expect((projectTile(tile, store, T0 + 20_000) as AlertsTileView).data.upstream?.reachable).toBe(true);
  });

  describe('headline: what the tile leads with, said by the server so no display judges it', () => {
    const config = validateConfig(
      {
        sources: { nagios: { type: 'nagios', schedule: '*/10 * * * * *', statusFile: '/nonexistent/status.dat' } },
        boards: { mon: { title: 'Mon', columns: 1, rows: 1, tiles: [{ id: 'problems', widget: 'alerts', source: 'nagios', x: 0, y: 0 }] } },
      },
      'test.json',
      builtInKinds,
    );
    const tile = bindTile(config.boards.mon!.tiles[0]!, builtInKinds.tiles);
    const newStore = () => new MemoryStore({ nagios: { intervalMs: 10_000, historyMs: 3_600_000 } });
    const view = (store: MemoryStore, now = T0 + 1000) => projectTile(tile, store, now) as AlertsTileView;
    const fine = [check('web01', null, 'up'), check('web01', 'HTTP', 'ok')];
    const broken = [check('web01', null, 'up'), check('web01', 'HTTP', 'critical')];

    it('waiting: no poll has answered or failed yet', () => {
      expect(view(newStore()).data.headline).toBe('waiting');
    });

    it('all-clear: checks run, the data is current and nothing unhandled is wrong', () => {
      const store = newStore();
      store.recordSuccess('nagios', reading([...fine, check('db01', 'Disk', 'critical', { acknowledged: true })]));
      expect(view(store)).toMatchObject({ status: 'ok', stale: false, data: { headline: 'all-clear' } });
    });

    it('problems: something unhandled is wrong, current or not', () => {
      const store = newStore();
      store.recordSuccess('nagios', reading(broken));
      expect(view(store)).toMatchObject({ status: 'critical', data: { headline: 'problems' } });
      expect(view(store, T0 + 30_000)).toMatchObject({ status: 'unknown', stale: true, data: { headline: 'problems' } });
    });

    it('problems, never all-clear, when no check matches the filters (the reason says so)', () => {
      const store = newStore();
      store.recordSuccess('nagios', reading([]));
      expect(view(store)).toMatchObject({ status: 'unknown', reason: 'no host or service matches the tile filters', data: { headline: 'problems' } });
    });

    it('no-current-data: nothing was wrong, but that is older than two polls (or restored and not refreshed)', () => {
      const store = newStore();
      store.recordSuccess('nagios', reading(fine));
      expect(view(store, T0 + 30_000)).toMatchObject({ status: 'unknown', stale: true, data: { headline: 'no-current-data' } });
      const restored = newStore();
      restored.importSource('nagios', { poll: { ...store.health('nagios', T0), restored: false }, reading: reading(fine), history: {} }, T0 + 1000);
      expect(view(restored)).toMatchObject({ stale: true, data: { headline: 'no-current-data' } });
    });

    it('not-checking: the monitoring runs no checks, whatever the last results say', () => {
      const store = newStore();
      store.recordSuccess('nagios', reading(fine, { checking: false, detail: 'status.dat was last written 3 h ago' }));
      expect(view(store)).toMatchObject({ status: 'unknown', data: { headline: 'not-checking' } });
      store.recordSuccess('nagios', reading(broken, { checking: false }));
      expect(view(store).data.headline).toBe('not-checking');
    });

    it('unreachable: the last poll failed, before or after a good one, with or without known problems', () => {
      const never = newStore();
      never.recordFailure('nagios', 'connection refused', T0);
      expect(view(never)).toMatchObject({ status: 'unknown', data: { headline: 'unreachable' } });
      const store = newStore();
      store.recordSuccess('nagios', reading(fine));
      store.recordFailure('nagios', 'connection refused', T0 + 500);
      expect(view(store).data.headline).toBe('unreachable');
      store.recordSuccess('nagios', reading(broken, { checking: false }));
      store.recordFailure('nagios', 'connection refused', T0 + 600);
      expect(view(store).data.headline).toBe('unreachable');
    });
  });

  it('projects the real Nagios sample as the wall should show it', async () => {
    const sample = fileURLToPath(new URL('../../upstreams/samples/nagios/status.dat', import.meta.url));
    const r = await readStatusDatFile(sample, { intervalLengthSeconds: 1, maxStatusAgeMs: 180_000, groups: null }, 1_795_535_848_000, AbortSignal.timeout(5000));
    const p = projectAlerts(r, defaults);
    expect(p.status).toBe('critical');
    expect(rows(p)).toEqual(['web02/HTTPS port', 'web02/API errors', 'app01/Queue', 'edge01/-', 'db01/Disk /var', 'web01/HTTP health', 'web02/TCP latency']);
    expect(p.data.problems.find((x) => x.service === 'API errors')!.hard).toBe(false);
    expect(p.data.unhandled).toEqual({ critical: 2, warning: 3, unknown: 2 });
    expect(p.data.suppressed.problems.map((x) => `${x.host}/${x.service ?? '-'}:${x.acknowledged ? 'ack' : ''}${x.inDowntime ? 'dt' : ''}:${x.hiddenServices}`)).toEqual([
      'legacy01/-:ack:1',
      'app01/Backup:dt:0',
      'db01/Replication:ack:0',
    ]);
    expect(p.data.counts).toEqual({
      hosts: { up: 5, down: 1, unreachable: 1, unknown: 0, pending: 0 },
      services: { ok: 4, warning: 3, critical: 5, unknown: 1, pending: 1 },
    });
  });
});
