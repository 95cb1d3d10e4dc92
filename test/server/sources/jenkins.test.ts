import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuildJob, BuildsReading } from '../../../src/server/readings/builds.js';
import { jenkinsSource } from '../../../src/server/sources/jenkins.js';
import { JENKINS_STANDIN_TOKEN, JENKINS_STANDIN_USER, startJenkinsStandIn } from '../../../src/server/standins/jenkins.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';

const T0 = 1_800_000_000_000;
let clock = T0;
let standIn: RunningStandIn;
let root = '';

beforeAll(async () => {
  standIn = await startJenkinsStandIn(0, () => clock);
  root = `http://127.0.0.1:${standIn.port}/`;
});
afterAll(() => standIn.stop());
afterEach(() => {
  clock = T0;
});

const poll = (options: Record<string, unknown>, previous: BuildsReading | null = null, env: Record<string, string> = {}) =>
  jenkinsSource.poll(jenkinsSource.options.parse(options), AbortSignal.timeout(10_000), { previous, env, now: () => clock, deadline: clock + 10_000 });
const byKey = (reading: BuildsReading) => new Map(reading.jobs.map((j) => [j.key, j]));
const job = (reading: BuildsReading, key: string): BuildJob => {
  const found = byKey(reading).get(key);
  if (!found) throw new Error(`no job ${key} in ${reading.jobs.map((j) => j.key).join(', ')}`);
  return found;
};

describe('jenkins source against the stand-in', () => {
  it('reads every ball colour, through folders, a multibranch project and an organization folder, in one request', async () => {
    const reading = await poll({ url: root });
    const states = Object.fromEntries(reading.jobs.map((j) => [j.key, `${j.status}/${j.lastResult ?? '-'}`]));
    expect(states).toEqual({
      'billing-api': 'building/success', // blue_anime at the start of its cycle
      storefront: 'building/success', // Pipeline, blue_anime
      'nightly-reports': 'notbuilt/-',
      'mobile-app': 'building/-', // notbuilt_anime: the first build runs
      'legacy-export': 'disabled/aborted',
      'docs-site': 'aborted/aborted',
      'search-indexer': 'unstable/unstable',
      'ancient-hudson-job': 'notbuilt/-', // grey, and no _class anywhere
      'platform/terraform-plan': 'unstable/unstable',
      'platform/infra-smoke': 'building/aborted', // aborted_anime
      'platform/gateway/main': 'success/success',
      'platform/gateway/PR-42': 'failed/failed',
      'platform/gateway/feature%2Flogin': 'building/failed', // red_anime
      'acme/ledger/main': 'building/unstable', // yellow_anime
      'acme/ledger/release%2F2.0': 'building/success', // blue_anime
      'attic/old-cron': 'disabled/success', // disabled_anime
      'attic/old-nightly': 'building/-', // grey_anime
    });
  });

  it('gives a running build its start, estimate, culprits and Pipeline changeSets; multibranch names decoded, urls as Jenkins gave them', async () => {
    const reading = await poll({ url: root });
    expect(job(reading, 'platform/gateway/feature%2Flogin')).toEqual({
      key: 'platform/gateway/feature%2Flogin',
      name: 'platform/gateway/feature/login',
      url: `${root}job/platform/job/gateway/job/feature%252Flogin/`,
      status: 'building',
      lastResult: 'failed',
      number: '9',
      startedAt: T0 - 60_000,
      finishedAt: null,
      durationMs: null,
      estimatedMs: 201_000,
      culprits: ['Chen Wei'],
      changes: [{ revision: '3c5e7a9b1d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c', author: 'Chen Wei', message: 'Add OIDC login' }],
      // broken (building after a failure) since this poll: the failing build's own finish is not in the answer
      // rebuilding after a failure: broken at least since the failed build #8 finished, 30 min before the poll
      brokenSince: T0 - 30 * 60_000,
    });
    // estimatedDuration -1 (no history) is no estimate
    expect(job(reading, 'mobile-app')).toMatchObject({ status: 'building', number: '1', estimatedMs: null, finishedAt: null });
  });

  it('reads freestyle commits from changeSet (singular) and finished builds with their times', async () => {
    const reading = await poll({ url: root });
    expect(job(reading, 'search-indexer')).toMatchObject({
      status: 'unstable',
      number: '640',
      startedAt: T0 - 12 * 60_000 - 310_000,
      finishedAt: T0 - 12 * 60_000,
      durationMs: 310_000,
      estimatedMs: 310_000,
      culprits: ['Alice Moreau'],
      changes: [{ revision: '7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e', author: 'Alice Moreau', message: 'Skip flaky synonym test' }],
      brokenSince: T0 - 12 * 60_000,
    });
    expect(job(reading, 'platform/gateway/PR-42')).toMatchObject({ culprits: ['Bob Lindqvist'], changes: [{ author: 'Bob Lindqvist', message: 'Switch rate limiter to sliding window' }] });
    expect(job(reading, 'nightly-reports')).toMatchObject({ number: null, startedAt: null, culprits: [], changes: [] });
  });

  it('keeps "broken since" across polls while billing-api stays broken, and ends it when it recovers', async () => {
    const at = (seconds: number) => (clock = T0 + seconds * 1000);
    at(50);
    let reading = await poll({ url: root });
    expect(job(reading, 'billing-api')).toMatchObject({ status: 'success', number: '318', brokenSince: null });
    at(170); // build 320 failed at 160 s
    reading = await poll({ url: root }, reading);
    expect(job(reading, 'billing-api')).toMatchObject({ status: 'failed', number: '320', brokenSince: T0 + 160_000, culprits: ['Bob Lindqvist'] });
    at(200); // 321 building after the failure
    reading = await poll({ url: root }, reading);
    expect(job(reading, 'billing-api')).toMatchObject({ status: 'building', lastResult: 'failed', number: '321', brokenSince: T0 + 160_000 });
    at(230); // 321 failed too: same streak, blame grows
    reading = await poll({ url: root }, reading);
    expect(job(reading, 'billing-api')).toMatchObject({ status: 'failed', number: '321', brokenSince: T0 + 160_000, culprits: ['Bob Lindqvist', 'Chen Wei'] });
    at(290); // 322 passed
    reading = await poll({ url: root }, reading);
    expect(job(reading, 'billing-api')).toMatchObject({ status: 'success', number: '322', brokenSince: null });
  });

  it('reads a view, and says so when the view does not exist', async () => {
    const reading = await poll({ url: `${root}view/apps/` });
    expect(reading.jobs.map((j) => j.key).sort()).toEqual(['billing-api', 'mobile-app', 'search-indexer', 'storefront']);
    // as copied from the browser: the page's query goes, the API is asked under the view
    expect((await poll({ url: `${root}view/apps/?sort=name#top` })).jobs.length).toBe(4);
    await expect(poll({ url: `${root}view/nope/` })).rejects.toThrow(`Jenkins: view "nope" does not exist (HTTP 404 at 127.0.0.1:${standIn.port}/view/nope/)`);
  });

  it('filters by full name, as Jenkins spells it or decoded', async () => {
    const reading = await poll({ url: root, include: ['platform/*', 'acme/ledger/release/*'], exclude: ['*PR-*'] });
    expect(reading.jobs.map((j) => j.key).sort()).toEqual([
      'acme/ledger/release%2F2.0',
      'platform/gateway/feature%2Flogin',
      'platform/gateway/main',
      'platform/infra-smoke',
      'platform/terraform-plan',
    ]);
  });

  it('sends the API token as basic auth; a wrong one is "401 Unauthorized — check user and tokenEnv"', async () => {
    const options = { url: root, username: JENKINS_STANDIN_USER, tokenEnv: 'JENKINS_TOKEN' };
    expect((await poll(options, null, { JENKINS_TOKEN: JENKINS_STANDIN_TOKEN })).jobs.length).toBe(17);
    await expect(poll(options, null, { JENKINS_TOKEN: 'wrong' })).rejects.toThrow('Jenkins: 401 Unauthorized — check user and tokenEnv (user "radiator"');
    await expect(poll(options, null, {})).rejects.toThrow('environment variable JENKINS_TOKEN is not set (tokenEnv for Jenkins user "radiator")');
    expect(jenkinsSource.options.safeParse({ url: root, username: 'radiator' }).error?.issues[0]).toMatchObject({ path: ['tokenEnv'] });
  });

  it('reports a job tree deeper than maxDepth, naming the bound and where', async () => {
    await expect(poll({ url: root, maxDepth: 2 })).rejects.toThrow('Jenkins: the job tree is deeper than maxDepth (2): "platform/gateway" holds jobs below that level — raise maxDepth');
    expect((await poll({ url: root, maxDepth: 3 })).jobs.length).toBe(17);
  });
});

describe('jenkins source against fixed answers', () => {
  let server: http.Server;
  let base = '';
  const answers = new Map<string, { status: number; type: string; body: string }>();
  const json = (body: unknown) => ({ status: 200, type: 'application/json', body: JSON.stringify(body) });
  const leaf = (name: string, color: string, lastBuild: unknown = null) => ({ _class: 'hudson.model.FreeStyleProject', name, url: `http://ci/job/${name}/`, color, lastBuild });

  beforeAll(async () => {
    answers.set('/html/api/json', { status: 200, type: 'text/html', body: '<html><head><title>Sign in [Jenkins]</title></head><body>login</body></html>' });
    answers.set('/forbidden/api/json', { status: 403, type: 'text/html', body: '<html><title>Access denied</title></html>' });
    answers.set('/purple/api/json', json({ jobs: [leaf('ok', 'blue'), leaf('odd', 'purple_anime')] }));
    answers.set('/nobuilt/api/json', json({ jobs: [leaf('typo', 'nobuilt')] }));
    answers.set('/result/api/json', json({ jobs: [leaf('odd', 'red', { number: 1, result: 'EXPLODED', building: false, timestamp: 1, duration: 1 })] }));
    answers.set('/shape/api/json', json({ jobs: [leaf('a', 'blue'), leaf('b', 'red', { number: '7', result: 'FAILURE', timestamp: 1 })] }));
    answers.set('/nojobs/api/json', json({ _class: 'hudson.model.Hudson', views: [] }));
    answers.set('/nocolor/api/json', json({ jobs: [{ _class: 'hudson.model.FreeStyleProject', name: 'x', lastBuild: null }] }));
    server = http.createServer((req, res) => {
      const answer = answers.get(new URL(req.url ?? '/', 'http://x').pathname) ?? { status: 404, type: 'text/plain', body: 'no' };
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says when a login page answers instead of JSON', async () => {
    await expect(poll({ url: `${base}/html/` })).rejects.toThrow('not a Jenkins JSON API response: got HTML ("Sign in [Jenkins]")');
  });

  it('says 403 is about the user and token', async () => {
    await expect(poll({ url: `${base}/forbidden/` })).rejects.toThrow('Jenkins: 403 Forbidden — check user and tokenEnv');
  });

  it('fails the poll on a colour or result it does not know, naming it — never green', async () => {
    await expect(poll({ url: `${base}/purple/` })).rejects.toThrow('Jenkins: job "odd" has color "purple_anime", which Radiator does not know');
    await expect(poll({ url: `${base}/nobuilt/` })).rejects.toThrow('has color "nobuilt"');
    await expect(poll({ url: `${base}/result/` })).rejects.toThrow('Jenkins: job "odd" has build result "EXPLODED", which Radiator does not know');
  });

  it('fails the poll on an answer of the wrong shape, naming the path', async () => {
    await expect(poll({ url: `${base}/shape/` })).rejects.toThrow('jobs[1].lastBuild.number is a string ("7"), expected a number');
    await expect(poll({ url: `${base}/nojobs/` })).rejects.toThrow('jobs is missing, expected a list');
    await expect(poll({ url: `${base}/nocolor/` })).rejects.toThrow('Jenkins: job "x" came without a color');
  });

  it('says when the url is not a Jenkins at all', async () => {
    await expect(poll({ url: `${base}/elsewhere` })).rejects.toThrow(`Jenkins: nothing at 127.0.0.1:${base.split(':')[2]}/elsewhere/ (HTTP 404)`);
  });
});
