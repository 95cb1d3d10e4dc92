import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jenkinsTreeQuery } from '../../../src/server/sources/jenkins/tree-query.js';
import { jenkinsScenario } from '../../../src/server/standins/jenkins-scenario.js';
import { parseTree, pruneToTree } from '../../../src/server/standins/jenkins-tree.js';
import { JENKINS_STANDIN_TOKEN, JENKINS_STANDIN_USER, startJenkinsStandIn } from '../../../src/server/standins/jenkins.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';

const T0 = 1_800_000_000_000;
let standIn: RunningStandIn;
let base = '';
beforeAll(async () => {
  standIn = await startJenkinsStandIn(0, () => T0);
  base = `http://127.0.0.1:${standIn.port}`;
});
afterAll(() => standIn.stop());

const basic = (user: string, token: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` });

describe('jenkins stand-in', () => {
  it('prunes to tree= as Stapler does: only what is asked, _class kept, nested jobs per level', () => {
    const doc = jenkinsScenario(T0, T0, 'http://ci');
    const pruned = pruneToTree(doc, parseTree('jobs[name,jobs[name]]')) as { _class: string; jobs: { _class?: string; name: string; color?: string; jobs?: unknown[] }[] };
    expect(pruned._class).toBe('hudson.model.Hudson');
    expect(pruned.jobs[0]).toEqual({ _class: 'hudson.model.FreeStyleProject', name: 'billing-api' });
    expect(pruned.jobs.find((j) => j.name === 'platform')?.jobs).toContainEqual({ _class: 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject', name: 'gateway' });
    // the adapter's own query parses
    expect(() => parseTree(jenkinsTreeQuery(4))).not.toThrow();
    expect(() => parseTree('jobs[name')).toThrow('Malformed tree expression');
    const names = (expression: string) => (pruneToTree(doc, parseTree(expression)) as { jobs: { name: string }[] }).jobs.map((j) => j.name);
    expect(names('jobs[name]{,2}')).toEqual(['billing-api', 'storefront']);
    expect(names('jobs[name]{1,3}')).toEqual(['storefront', 'nightly-reports']);
    expect(names('jobs[name]{2}')).toEqual(['nightly-reports']);
    expect(names('jobs[name]{9,}')).toEqual(['acme', 'attic']);
  });

  it('answers like Jenkins over HTTP: anonymous read, 401 page for a wrong token, 404 page for an unknown view, 400 for a malformed tree', async () => {
    const ok = await fetch(`${base}/api/json?tree=jobs[name,color]`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { jobs: unknown[] }).jobs).toContainEqual({ _class: 'hudson.model.FreeStyleProject', name: 'nightly-reports', color: 'notbuilt' });
    expect((await fetch(`${base}/api/json`, { headers: basic(JENKINS_STANDIN_USER, JENKINS_STANDIN_TOKEN) })).status).toBe(200);
    const denied = await fetch(`${base}/api/json`, { headers: basic(JENKINS_STANDIN_USER, 'nope') });
    expect(denied.status).toBe(401);
    expect(await denied.text()).toContain('<title>Unauthorized [Jenkins]</title>');
    expect((await fetch(`${base}/view/nope/api/json`)).status).toBe(404);
    expect((await fetch(`${base}/view/platform/api/json?tree=jobs[name]`).then((r) => r.json())) as unknown).toEqual({
      _class: 'hudson.model.ListView',
      jobs: [
        { _class: 'com.cloudbees.hudson.plugins.folder.Folder', name: 'platform' },
        { _class: 'jenkins.branch.OrganizationFolder', name: 'acme' },
      ],
    });
    expect((await fetch(`${base}/api/json?tree=jobs[`)).status).toBe(400);
  });

  it('breaks billing-api for two builds in five and recovers', () => {
    const colour = (seconds: number) =>
      (jenkinsScenario(T0, T0 + seconds * 1000, 'http://ci').jobs as { name: string; color: string }[]).find((j) => j.name === 'billing-api')!.color;
    expect([10, 50, 110, 170, 200, 230, 260, 290].map(colour)).toEqual(['blue_anime', 'blue', 'blue', 'red', 'red_anime', 'red', 'red_anime', 'blue']);
  });
});
