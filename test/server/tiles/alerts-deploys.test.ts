import { describe, expect, it } from 'vitest';
import type { DeployRecord, DeploysReading } from '../../../src/server/readings/deploys.js';
import type { Check, CheckComment } from '../../../src/server/readings/monitoring.js';
import { bindTile } from '../../../src/server/boards/board-model.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import { alertsTile, projectAlerts } from '../../../src/server/tiles/alerts.js';
import { projectTile } from '../../../src/server/tiles/project-tile.js';
import type { RelatedReading } from '../../../src/server/tiles/tile-kind.js';
import type { AlertsTileView } from '../../../src/shared/tile-view.js';
import { deploy, DEPLOY_T0 as T0 } from '../../helpers/deploy-record.js';
import { monitoringCheck, monitoringReading } from '../../helpers/monitoring-fixtures.js';

const MIN = 60_000;

const check = (host: string, service: string | null, state: Check['state'], extra: Partial<Check> = {}): Check =>
  monitoringCheck(host, service, state, { output: `${state.toUpperCase()} ${host}/${service ?? 'host'}`, lastCheck: T0, lastStateChange: T0 + 2 * MIN, comments: [], ...extra });

const monitoring = (checks: Check[], at = T0) => monitoringReading(at, checks, { lastUpdate: T0 });
const deploysReading = (...deploys: DeployRecord[]): DeploysReading => ({ type: 'deploys', at: Math.max(T0, ...deploys.map((d) => d.updatedAt)), deploys });
const current = (reading: DeploysReading | null): RelatedReading<DeploysReading> => ({ reading, stale: false, reason: null });
const options = alertsTile.options.parse({ deploys: 'ship' });
const project = (checks: Check[], related: RelatedReading<DeploysReading>, now: number) =>
  projectAlerts(monitoring(checks), options, undefined, { source: 'ship', related, graceMs: 10 * MIN, now });
const labels = (rows: { host: string; service: string | null }[]) => rows.map((r) => `${r.host}/${r.service ?? '-'}`);

const downtime = (author: string, text: string): CheckComment => ({ kind: 'downtime', author, text, enteredAt: T0, startsAt: T0, endsAt: T0 + 60 * MIN });
const ack = (author: string, text: string): CheckComment => ({ kind: 'acknowledgement', author, text, enteredAt: T0 + MIN, startsAt: null, endsAt: null });

describe('alerts tile with a deploys source', () => {
  const during = [
    check('web01', 'HTTP', 'critical', { output: 'HTTP CRITICAL: 502 Bad Gateway' }),
    check('web02', null, 'down'),
    check('db01', 'Disk /var', 'warning'),
  ];

  it('lists problems a running deploy explains apart, dimmed: not counted, not the status; the rest as usual', () => {
    const p = project(during, current(deploysReading(deploy())), T0 + 5 * MIN);
    expect(labels(p.data.problems)).toEqual(['db01/Disk /var']);
    expect(p.data.unhandled).toEqual({ critical: 0, warning: 1, unknown: 0 });
    expect(p.status).toBe('warning');
    expect(p.data.headline).toBe('problems');
    expect(p.data.expected).toMatchObject({ total: 2, more: 0 });
    expect(labels(p.data.expected.problems)).toEqual(['web02/-', 'web01/HTTP']);
    expect(p.data.expected.problems[1]!.expected).toEqual({ key: 'prod/deploy:deploy-981', label: 'M-4411', via: 'hosts' });
    expect(p.data.deploys).toEqual({
      source: 'ship',
      current: true,
      reason: null,
      graceMs: 10 * MIN,
      active: [{ key: 'prod/deploy:deploy-981', label: 'M-4411', env: 'prod', status: 'started', by: 'deploybot', ticket: 'CHG-77', startedAt: T0, endedAt: null, expectedUntil: null }],
    });
  });

  it('with nothing else wrong, the headline is "expected" and the status ok: nothing is wrong that nobody expected', () => {
    const p = project(during.slice(0, 2), current(deploysReading(deploy())), T0 + 5 * MIN);
    expect(p).toMatchObject({ status: 'ok', data: { headline: 'expected', problems: [], unhandled: { critical: 0, warning: 0, unknown: 0 } } });
  });

  it('within the grace period after the deploy succeeded still expected; after it, red again', () => {
    const done = deploysReading(deploy({ status: 'succeeded', finishedAt: T0 + 20 * MIN }));
    const within = project(during, current(done), T0 + 29 * MIN);
    expect(within.data.expected.total).toBe(2);
    expect(within.data.deploys!.active).toEqual([expect.objectContaining({ status: 'succeeded', endedAt: T0 + 20 * MIN, expectedUntil: T0 + 30 * MIN })]);
    const after = project(during, current(done), T0 + 30 * MIN);
    expect(after.status).toBe('critical');
    expect(labels(after.data.problems)).toEqual(['web02/-', 'web01/HTTP', 'db01/Disk /var']);
    expect(after.data.expected.total).toBe(0);
    expect(after.data.deploys!.active).toEqual([]);
  });

  it('a downtime whose comment names the deploy makes its problems expected; once the deploy is over, the downtime hides nothing', () => {
    const downtimed = [check('app01', 'Queue', 'critical', { inDowntime: true, lastStateChange: T0 - 60 * MIN, comments: [downtime('deploybot', 'Deploy M-4411 (CHG-77)')] })];
    const running = project(downtimed, current(deploysReading(deploy())), T0 + 5 * MIN);
    expect(running.data.expected.problems[0]).toMatchObject({ host: 'app01', inDowntime: true, expected: { label: 'M-4411', via: 'downtime' } });
    expect(running.data.suppressed.total).toBe(0);
    expect(running.status).toBe('ok');
    const done = deploysReading(deploy({ status: 'succeeded', finishedAt: T0 + 20 * MIN }));
    const after = project(downtimed, current(done), T0 + 31 * MIN);
    expect(after.status).toBe('critical');
    expect(after.data.problems[0]).toMatchObject({ host: 'app01', inDowntime: true, expected: null, outlivedDeploy: 'M-4411' });
    expect(after.data.suppressed.total).toBe(0);
  });

  it('an acknowledgement is a person\'s word: it stays handled, with who and why', () => {
    const acked = [check('web01', 'HTTP', 'critical', { acknowledged: true, comments: [ack('alice', 'replacing disk')] })];
    const p = project(acked, current(deploysReading(deploy())), T0 + 5 * MIN);
    expect(p.data.expected.total).toBe(0);
    expect(p.data.suppressed.problems[0]!.comments).toEqual([{ kind: 'acknowledgement', author: 'alice', text: 'replacing disk', at: T0 + MIN, endsAt: null }]);
  });

  it('a stale deploys source suppresses nothing, and says why when that leaves a red', () => {
    const stale: RelatedReading<DeploysReading> = { reading: deploysReading(deploy()), stale: true, reason: 'no fresh data for over 600 s (pushed, expected every 300 s)' };
    const p = project(during, stale, T0 + 5 * MIN);
    expect(p.data.expected.total).toBe(0);
    expect(p.status).toBe('critical');
    expect(labels(p.data.problems)).toEqual(['web02/-', 'web01/HTTP', 'db01/Disk /var']);
    expect(p.data.deploys).toMatchObject({ current: false, active: [], reason: 'deploys source "ship": no fresh data for over 600 s (pushed, expected every 300 s)' });
    expect(p.reason).toBe('deploys "ship": no fresh data for over 600 s (pushed, expected every 300 s) — problems not excused');
    // a downtime naming the deploy is then an ordinary downtime: handled, as Nagios says
    const downtimed = [check('app01', 'Queue', 'critical', { inDowntime: true, comments: [downtime('deploybot', 'Deploy M-4411')] })];
    expect(project(downtimed, stale, T0 + 5 * MIN)).toMatchObject({ status: 'ok', data: { headline: 'all-clear', suppressed: { total: 1 } } });
    // no deploys reading at all (never pushed): the same
    const never = project(during, { reading: null, stale: true, reason: 'waiting for the first push' }, T0 + 5 * MIN);
    expect(never).toMatchObject({ status: 'critical', data: { expected: { total: 0 }, deploys: { current: false, reason: 'deploys source "ship": waiting for the first push' } } });
  });

  it('shows acknowledgement and downtime text on rows, plain and clipped', () => {
    const noisy = [
      check('db01', 'Replication', 'critical', {
        acknowledged: true,
        comments: [ack('bob\u001b[31m', `replica rebuilding \u202e${'x'.repeat(500)}`), downtime('carol', 'Backup window'), ack('alice', 'older'), downtime('dave', 'third')],
      }),
    ];
    const row = projectAlerts(monitoring(noisy), alertsTile.options.parse({})).data.suppressed.problems[0]!;
    expect(row.comments.map((c) => `${c.kind}:${c.author}`)).toEqual(['acknowledgement:bob', 'acknowledgement:alice', 'downtime:carol']);
    expect(row.comments[0]!.text).toHaveLength(300);
    expect(row.comments[0]!.text).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(row.comments[2]).toMatchObject({ endsAt: T0 + 60 * MIN });
    // a reading kept from before comments were read has none
    const old = projectAlerts(monitoring([check('db01', 'X', 'critical', { comments: undefined })]), alertsTile.options.parse({}));
    expect(old.data.problems[0]!.comments).toEqual([]);
  });

  it('through the store: the tile reads its deploys source, is recomputed with time, and turns red after the grace period', () => {
    const tile = bindTile({ id: 'problems', widget: 'alerts', source: 'nagios', x: 0, y: 0, w: 1, h: 1, options: { deploys: 'ship', deployGrace: '2m' } }, builtInKinds.tiles);
    expect(tile.related).toEqual(['ship']);
    expect(tile.timed).toBe(true);
    const store = new MemoryStore({ nagios: { intervalMs: 10_000, historyMs: 3_600_000 }, ship: { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 } });
    store.recordSuccess('ship', deploysReading(deploy({ status: 'succeeded', finishedAt: T0 + 20 * MIN, updatedAt: T0 + 20 * MIN })));
    store.recordSuccess('nagios', monitoring(during, T0 + 21 * MIN));
    const at = (now: number) => projectTile(tile, store, now) as AlertsTileView;
    expect(at(T0 + 21 * MIN)).toMatchObject({ status: 'warning', data: { expected: { total: 2 } } });
    store.recordSuccess('nagios', monitoring(during, T0 + 22 * MIN + 5_000));
    expect(at(T0 + 22 * MIN + 5_000)).toMatchObject({ status: 'critical', data: { expected: { total: 0 }, unhandled: { critical: 2 } } });
    // without the option nothing changes: no related source, not timed
    const plain = bindTile({ id: 'p', widget: 'alerts', source: 'nagios', x: 0, y: 0, w: 1, h: 1, options: {} }, builtInKinds.tiles);
    expect([plain.related, plain.timed]).toEqual([[], false]);
    expect((projectTile(plain, store, T0 + 21 * MIN) as AlertsTileView).data.deploys).toBeNull();
  });

  it('refuses a grace period that is not a duration', () => {
    expect(alertsTile.options.safeParse({ deploys: 'ship', deployGrace: 'soon' }).error?.issues[0]?.message).toBe(
      'expected a duration such as "30s", "10m", "2h" or a number of seconds',
    );
    expect(alertsTile.options.parse({ deploys: 'ship' }).deployGrace).toBe('10m');
  });
});
