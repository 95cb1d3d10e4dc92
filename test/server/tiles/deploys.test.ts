import { describe, expect, it } from 'vitest';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { validateConfig } from '../../../src/server/config/load-config.js';
import type { BuildJob, BuildsReading } from '../../../src/server/readings/builds.js';
import type { DeployRecord, DeploysReading } from '../../../src/server/readings/deploys.js';
import { registerTileKind } from '../../../src/server/tiles/registered-tile-kind.js';
import { deploysTile, projectDeploys } from '../../../src/server/tiles/deploys.js';
import type { RelatedReading } from '../../../src/server/tiles/tile-kind.js';
import type { DeployLaneView, DeploysData } from '../../../src/shared/views/deploys.js';

const T0 = Date.UTC(2030, 0, 8, 12, 0); // a Tuesday
const MIN = 60_000;
const DAY = 86_400_000;

function deploy(env: string, what: Partial<DeployRecord> & { at: number }, status: DeployRecord['status'] = 'succeeded'): DeployRecord {
  const { at, ...rest } = what;
  const running = status === 'started' || status === 'progress';
  return {
    key: `${env}/${rest.manifest ?? rest.service}@${at}`,
    env,
    service: null,
    manifest: null,
    version: null,
    status,
    progress: null,
    step: null,
    by: 'deploy-bot',
    ticket: null,
    hosts: [],
    startedAt: at,
    updatedAt: at,
    finishedAt: running ? null : at + 5 * MIN,
    timeoutMs: 30 * MIN,
    message: null,
    ...rest,
  };
}

const reading = (deploys: DeployRecord[], envs?: string[]): DeploysReading => ({ type: 'deploys', at: T0, deploys, ...(envs ? { envs } : {}) });
const defaults = deploysTile.options.parse({});
const noCi = (_sourceId: string): RelatedReading<BuildsReading> => ({ reading: null, stale: false });

function project(deploys: DeployRecord[] | null, options: Partial<typeof defaults> = {}, now = T0, ci = noCi) {
  return projectDeploys({ reading: deploys === null ? null : reading(deploys), ci, now }, { ...defaults, ...options });
}
const lane = (data: DeploysData, env: string): DeployLaneView => {
  const found = data.lanes.find((l) => l.env === env);
  if (!found) throw new Error(`no lane ${env} in ${data.lanes.map((l) => l.env).join(', ')}`);
  return found;
};

describe('deploys tile: a lane through a deploy\'s life', () => {
  const m = (manifest: string, at: number) => ({ manifest, version: manifest.toLowerCase(), at });

  it('started → progress: deploying, with what runs now beside it', () => {
    const running = deploy('prod', { ...m('M-4412', T0 - 2 * MIN), progress: 0.4, step: 'migrate database', ticket: { id: 'OPS-7', url: null } }, 'progress');
    const { status, data } = project([running, deploy('prod', m('M-4411', T0 - DAY))]);
    const prod = lane(data, 'prod');
    expect(prod).toMatchObject({ status: 'ok', word: 'DEPLOYING' });
    expect(prod.running).toEqual([
      expect.objectContaining({ what: 'M-4412', outcome: 'running', word: 'DEPLOYING', progress: 0.4, step: 'migrate database', startedAt: T0 - 2 * MIN, timeoutAt: T0 + 28 * MIN, ticket: { id: 'OPS-7', url: null } }),
    ]);
    expect(prod.current.map((d) => [d.what, d.finishedAt])).toEqual([['M-4411', T0 - DAY + 5 * MIN]]);
    expect(prod.recent.map((d) => d.what)).toEqual(['M-4411']);
    expect(status).toBe('ok');
    expect(data).toMatchObject({ headline: 'deploying', headlineEnvs: ['prod'] });
  });

  it('stalls past its timeout with time alone: amber, the headline says where', () => {
    const running = deploy('prod', { ...m('M-4412', T0 - 2 * MIN) }, 'started');
    expect(project([running], {}, T0 + 28 * MIN).data.headline).toBe('deploying');
    const { status, data } = project([running], {}, T0 + 28 * MIN + 1);
    expect(lane(data, 'prod')).toMatchObject({ status: 'warning', word: 'STALLED', running: [expect.objectContaining({ outcome: 'stalled', word: 'STALLED' })] });
    expect([status, data.headline, data.headlineEnvs]).toEqual(['warning', 'stalled', ['prod']]);
  });

  it('succeeded: what runs now, since when', () => {
    const { status, data } = project([deploy('prod', m('M-4412', T0 - 10 * MIN)), deploy('prod', m('M-4411', T0 - DAY))]);
    expect(lane(data, 'prod')).toMatchObject({ status: 'ok', word: 'OK', running: [], current: [expect.objectContaining({ what: 'M-4412', finishedAt: T0 - 5 * MIN, word: 'DEPLOYED' })] });
    expect([status, data.headline]).toEqual(['ok', 'steady']);
  });

  it('failed or rolled back: red until the next success, also while a new deploy runs', () => {
    const failed = deploy('prod', { ...m('M-4412', T0 - 30 * MIN), message: 'health check failed' }, 'failed');
    const before = deploy('prod', m('M-4411', T0 - DAY));
    let { status, data } = project([failed, before]);
    expect(lane(data, 'prod')).toMatchObject({ status: 'critical', word: 'FAILED', broken: [expect.objectContaining({ what: 'M-4412', message: 'health check failed' })] });
    // what runs is still the one before
    expect(lane(data, 'prod').current.map((d) => d.what)).toEqual(['M-4411']);
    expect([status, data.headline, data.headlineEnvs]).toEqual(['critical', 'failed', ['prod']]);

    ({ data } = project([deploy('prod', m('M-4412', T0 - 2 * MIN), 'started'), failed, before]));
    expect(lane(data, 'prod')).toMatchObject({ status: 'critical', word: 'FAILED' });

    ({ data } = project([deploy('prod', m('M-4412', T0 - 20 * MIN), 'rolled_back'), before]));
    expect(lane(data, 'prod')).toMatchObject({ status: 'critical', word: 'ROLLED BACK' });

    ({ status, data } = project([deploy('prod', m('M-4413', T0 - 10 * MIN)), failed, before]));
    expect(lane(data, 'prod')).toMatchObject({ status: 'ok', broken: [] });
    expect(lane(data, 'prod').recent.map((d) => `${d.what} ${d.word}`)).toEqual(['M-4413 DEPLOYED', 'M-4412 FAILED', 'M-4411 DEPLOYED']);
    expect(status).toBe('ok');
  });

  it('a service lane is red until that service deploys again, not when another one does', () => {
    const svc = (service: string, at: number) => ({ service, version: '1', at });
    const checkoutFailed = deploy('prod', svc('checkout', T0 - 30 * MIN), 'failed');
    let { data } = project([deploy('prod', svc('search', T0 - 10 * MIN)), checkoutFailed, deploy('prod', svc('checkout', T0 - DAY))]);
    expect(lane(data, 'prod')).toMatchObject({ status: 'critical' });
    expect(lane(data, 'prod').current.map((d) => d.what)).toEqual(['search', 'checkout']);
    ({ data } = project([deploy('prod', svc('checkout', T0 - 5 * MIN)), checkoutFailed]));
    expect(lane(data, 'prod')).toMatchObject({ status: 'ok' });
  });

  it('lists the last `recent` outcomes and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => deploy('dev', m(`M-${4400 + i}`, T0 - (8 - i) * 60 * MIN)));
    const { data } = project(many, { recent: 3 });
    expect(lane(data, 'dev').recent.map((d) => d.what)).toEqual(['M-4407', 'M-4406', 'M-4405']);
    expect(lane(data, 'dev').more).toBe(5);
  });
});

describe('deploys tile: promotion across three environments', () => {
  const ok = (env: string, manifest: string, at: number) => deploy(env, { manifest, at });
  // dev moved on to M-4412; staging took M-4409, M-4410, M-4411; prod has run M-4409 since a Tuesday
  const history = [
    ...['M-4408', 'M-4409', 'M-4410', 'M-4411', 'M-4412'].map((m, i) => ok('dev', m, T0 - (5 - i) * DAY)),
    ok('staging', 'M-4408', T0 - 5 * DAY + 60 * MIN),
    ok('staging', 'M-4409', T0 - 4 * DAY + 60 * MIN),
    ok('staging', 'M-4410', T0 - 3 * DAY + 60 * MIN),
    ok('staging', 'M-4411', T0 - 2 * DAY + 60 * MIN),
    ok('prod', 'M-4408', T0 - 5 * DAY + 120 * MIN),
    ok('prod', 'M-4409', T0 - 4 * DAY + 120 * MIN),
  ];

  it('says which environment runs which manifest and how many each is behind the one before', () => {
    const { status, data } = project(history, { envs: ['dev', 'staging', 'prod'] });
    expect(data.lanes.map((l) => [l.env, l.current[0]?.what])).toEqual([['dev', 'M-4412'], ['staging', 'M-4411'], ['prod', 'M-4409']]);
    expect(data.promotion).toEqual([
      { env: 'staging', from: 'dev', manifest: 'M-4411', since: T0 - 2 * DAY + 65 * MIN, fromManifest: 'M-4412', behind: 1, waiting: ['M-4412'], tooFar: false },
      { env: 'prod', from: 'staging', manifest: 'M-4409', since: T0 - 4 * DAY + 125 * MIN, fromManifest: 'M-4411', behind: 2, waiting: ['M-4410', 'M-4411'], tooFar: false },
    ]);
    expect([status, data.headline]).toEqual(['ok', 'steady']);
  });

  it('warns when an environment is more than maxBehind manifests behind', () => {
    const { status, data } = project(history, { envs: ['dev', 'staging', 'prod'], maxBehind: 1 });
    expect(data.promotion.map((s) => [s.env, s.tooFar])).toEqual([['staging', false], ['prod', true]]);
    expect([status, data.headline, data.headlineEnvs]).toEqual(['warning', 'behind', ['prod']]);
  });

  it('counts from the order manifests succeeded in the earlier environment, not by their names', () => {
    // staging took M-4415 (a hotfix) after M-4420: prod on M-4420 is one behind
    const { data } = project([ok('staging', 'M-4420', T0 - 2 * DAY), ok('staging', 'M-4415', T0 - DAY), ok('prod', 'M-4420', T0 - DAY / 2)], { envs: ['staging', 'prod'] });
    expect(data.promotion[0]).toMatchObject({ behind: 1, waiting: ['M-4415'] });
  });

  it('cannot tell when the later environment runs a manifest the earlier never ran; in step when both run the same', () => {
    let { data } = project([ok('staging', 'M-4420', T0 - DAY), ok('prod', 'M-4399', T0 - DAY)], { envs: ['staging', 'prod'] });
    expect(data.promotion[0]).toMatchObject({ manifest: 'M-4399', behind: null, waiting: [], tooFar: false });
    ({ data } = project([ok('staging', 'M-4420', T0 - DAY), ok('prod', 'M-4420', T0 - DAY / 2)], { envs: ['staging', 'prod'] }));
    expect(data.promotion[0]).toMatchObject({ behind: 0, waiting: [] });
    // an environment with nothing deployed yet waits for everything
    ({ data } = project([ok('staging', 'M-4420', T0 - DAY), deploy('prod', { manifest: 'M-4420', at: T0 - MIN }, 'started')], { envs: ['staging', 'prod'] }));
    expect(data.promotion[0]).toMatchObject({ manifest: null, since: null, behind: null, waiting: ['M-4420'] });
  });

  it('leaves environments that deploy services only off the path', () => {
    const { data } = project([ok('dev', 'M-1', T0 - DAY), deploy('qa', { service: 'search', at: T0 - DAY }), ok('prod', 'M-1', T0 - DAY / 2)], { envs: ['dev', 'qa', 'prod'] });
    expect(data.promotion).toEqual([expect.objectContaining({ env: 'prod', from: 'dev', behind: 0 })]);
  });
});

describe('deploys tile: lanes', () => {
  it('shows the envs option\'s lanes in its order, an environment without deploys as unknown, and no others', () => {
    const { status, data } = project([deploy('dev', { manifest: 'M-1', at: T0 - DAY }), deploy('qa', { manifest: 'M-1', at: T0 - DAY })], { envs: ['dev', 'staging', 'prod'] });
    expect(data.lanes.map((l) => [l.env, l.status, l.word])).toEqual([['dev', 'ok', 'OK'], ['staging', 'unknown', 'NO DEPLOYS'], ['prod', 'unknown', 'NO DEPLOYS']]);
    expect(status).toBe('ok');
  });

  it('without envs, in the order each environment\'s first deploy arrived', () => {
    const deploys = [deploy('prod', { manifest: 'M-2', at: T0 - DAY }), deploy('dev', { manifest: 'M-3', at: T0 - 2 * DAY })];
    expect(projectDeploys({ reading: reading(deploys, ['staging', 'dev', 'prod']), ci: noCi, now: T0 }, defaults).data.lanes.map((l) => l.env)).toEqual(['dev', 'prod']);
    // a reading without the order: oldest deploy first
    expect(project(deploys).data.lanes.map((l) => l.env)).toEqual(['dev', 'prod']);
  });

  it('waits for data; says when there are no deploys', () => {
    expect(project(null)).toMatchObject({ status: 'unknown', data: { headline: 'waiting', lanes: [] } });
    expect(project([])).toMatchObject({ status: 'unknown', data: { headline: 'no-deploys', lanes: [] } });
    expect(project([], { envs: ['dev'] })).toMatchObject({ status: 'unknown', data: { headline: 'no-deploys', lanes: [{ env: 'dev', status: 'unknown' }] } });
  });
});

describe('deploys tile: CI jobs marked as deploy jobs feed the lanes', () => {
  function job(key: string, status: BuildJob['status'], extra: Partial<BuildJob> = {}): BuildJob {
    return {
      key,
      name: key.split('/').pop()!,
      url: null,
      status,
      lastResult: status === 'building' ? 'success' : status === 'disabled' ? 'success' : status,
      number: '41',
      startedAt: T0 - 10 * MIN,
      finishedAt: status === 'building' ? null : T0 - 6 * MIN,
      durationMs: null,
      estimatedMs: 4 * MIN,
      culprits: [],
      changes: [],
      brokenSince: null,
      ...extra,
    };
  }
  const builds = (jobs: BuildJob[], stale = false) => (id: string): RelatedReading<BuildsReading> =>
    id === 'jenkins' ? { reading: { type: 'builds', at: T0 - MIN, jobs }, stale } : { reading: null, stale: true };
  const ciJobs = deploysTile.options.parse({
    ciJobs: [
      { source: 'jenkins', job: 'deploy/*-dev', env: 'dev' },
      { source: 'jenkins', job: 'deploy/search-prod', env: 'prod', service: 'search', stallAfter: '15m' },
    ],
  }).ciJobs;

  it('a running build deploys, a passed one deployed, a failed one is red; other jobs are left out', () => {
    const { data } = project([deploy('prod', { manifest: 'M-1', at: T0 - DAY })], { ciJobs, envs: ['dev', 'prod'] }, T0, builds([
      job('deploy/checkout-dev', 'building', { number: '88', startedAt: T0 - 2 * MIN }),
      job('deploy/search-dev', 'success'),
      job('deploy/search-prod', 'failed', { number: '12' }),
      job('deploy/legacy-dev', 'disabled'),
      job('build/checkout', 'failed'),
    ]));
    const dev = lane(data, 'dev');
    expect(dev).toMatchObject({ status: 'ok', word: 'DEPLOYING' });
    expect(dev.running).toEqual([expect.objectContaining({ key: 'ci:jenkins:deploy/checkout-dev', what: 'checkout-dev', version: '#88', origin: 'ci', estimatedMs: 4 * MIN, startedAt: T0 - 2 * MIN, timeoutAt: T0 + 28 * MIN })]);
    // while checkout-dev deploys, its build before (which passed) is what runs there
    expect(dev.current.map((d) => [d.what, d.version, d.finishedAt])).toEqual([['checkout-dev', null, T0 - 2 * MIN], ['search-dev', '#41', T0 - 6 * MIN]]);
    const prod = lane(data, 'prod');
    expect(prod).toMatchObject({ status: 'critical', word: 'FAILED', broken: [expect.objectContaining({ what: 'search', version: '#12', origin: 'ci' })] });
    // the deploy tool's manifest and the CI job's service are separate things deployed
    expect(prod.current.map((d) => d.what)).toEqual(['M-1']);
  });

  it('a build running after a failed one keeps the lane red; a CI build stalls after its stallAfter', () => {
    const jobs = [job('deploy/search-prod', 'building', { lastResult: 'failed', brokenSince: T0 - 60 * MIN, startedAt: T0 - 14 * MIN })];
    let { data } = project([], { ciJobs }, T0, builds(jobs));
    expect(lane(data, 'prod')).toMatchObject({ status: 'critical', running: [expect.objectContaining({ outcome: 'running' })], broken: [expect.objectContaining({ message: 'the build before failed', finishedAt: T0 - 60 * MIN })] });
    ({ data } = project([], { ciJobs }, T0 + 2 * MIN, builds(jobs)));
    expect(lane(data, 'prod').running[0]).toMatchObject({ outcome: 'stalled' });
  });

  it('says when a CI source is not current, and waits for the first answer of either', () => {
    const stale = project(null, { ciJobs }, T0, builds([job('deploy/search-prod', 'success')], true));
    expect(stale.reason).toBe('CI jenkins not current: its lanes may be out of date');
    expect(stale.data.headline).toBe('steady');
    expect(project(null, { ciJobs }, T0, () => ({ reading: null, stale: true })).data.headline).toBe('waiting');
  });

  it('names its CI sources as related ones, so config validation checks them and their changes recompute it', () => {
    const registered = registerTileKind(deploysTile);
    const bound = registered.bind({ id: 'd', title: 'Deploys', source: 'deploys' }, { ciJobs: [{ source: 'jenkins', job: '*', env: 'dev' }, { source: 'jenkins', job: 'x', env: 'prod' }] });
    expect([bound.related, bound.timed]).toEqual([['jenkins'], true]);
    const config = (ciSource: string) => () =>
      validateConfig(
        {
          sources: { deploys: { type: 'deploys' }, nagios: { type: 'nagios', schedule: '*/5 * * * * *', url: 'http://127.0.0.1:1/' } },
          boards: { b: { title: 'B', columns: 1, rows: 1, tiles: [{ id: 'd', widget: 'deploys', source: 'deploys', x: 0, y: 0, options: { ciJobs: [{ source: ciSource, job: '*', env: 'dev' }] } }] } },
        },
        'deploys.json',
        builtInKinds,
      );
    expect(config('nagios')).toThrow(/\$\.boards\.b\.tiles\[0\]\.options\.ciJobs\[0\]\.source: source "nagios" \(type nagios\) gives monitoring readings; this option needs a builds source/);
    expect(config('nope')).toThrow(/ciJobs\[0\]\.source: no source "nope"/);
  });
});
