import { afterEach, describe, expect, it } from 'vitest';
import { deployEventSchema } from '../../../src/shared/pushed-events/deploy.js';
import type { DeploysTileView } from '../../../src/shared/tile-view.js';
import { deployEventsBetween, SLOT_MS, type ScriptedDeployEvent } from '../../../src/server/standins/deploy-scenario.js';
import { DEPLOY_TOOL_TOKENS_ENV, startDeployTool, type RunningDeployTool } from '../../../src/server/standins/deploy-tool.js';
import { demoEnvironment } from '../../../src/server/standins/demo-env.js';
import { standInKinds } from '../../../src/server/standins/registry.js';
import { startTestServer, tileView, type StartedServer } from '../../helpers/test-server.js';

const T0 = Math.floor(Date.UTC(2030, 0, 7) / SLOT_MS) * SLOT_MS; // a slot boundary
const TOKEN = 'demo-deploy-token-0123456789abcdef';

/** What succeeded in an environment, in order, and what each environment deployed. */
function outcomes(events: ScriptedDeployEvent[]) {
  const ended = new Map<string, ScriptedDeployEvent>();
  for (const e of events) if (e.status === 'succeeded' || e.status === 'failed' || e.status === 'rolled_back') ended.set(e.deploy, e);
  return [...ended.values()].sort((a, b) => a.at - b.at);
}

describe('the demo deploy scenario', () => {
  const events = deployEventsBetween(T0, T0 + 24 * SLOT_MS, 'http://127.0.0.1:1');

  it('is valid deploy events, each id once, oldest first, the same whenever it is asked', () => {
    for (const event of events) expect(deployEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => a - b));
    // asked in two halves, the same events
    const half = T0 + 12 * SLOT_MS + 7_000;
    expect([...deployEventsBetween(T0, half, 'http://127.0.0.1:1'), ...deployEventsBetween(half, T0 + 24 * SLOT_MS, 'http://127.0.0.1:1')]).toEqual(events);
  });

  it('promotes only what succeeded in the environment before: dev → staging → prod', () => {
    // with the slots before, so the first promotions in the window have their history
    const wider = deployEventsBetween(T0 - 8 * SLOT_MS, T0 + 24 * SLOT_MS, 'http://127.0.0.1:1');
    const ended = outcomes(wider);
    const succeededBefore = (env: string, at: number) => new Set(ended.filter((e) => e.env === env && e.status === 'succeeded' && e.at < at).map((e) => e.manifest));
    for (const e of outcomes(events).filter((x) => x.env !== 'dev')) {
      const started = wider.find((x) => x.deploy === e.deploy && x.status === 'started')!;
      expect(succeededBefore(e.env === 'staging' ? 'dev' : 'staging', started.at).has(e.manifest), `${e.deploy} ${e.manifest}`).toBe(true);
    }
    // 24 slots: dev deploys in each, staging in every second, prod in every fourth
    const starts = (env: string) => events.filter((e) => e.env === env && e.status === 'started').length;
    expect([starts('dev'), starts('staging'), starts('prod')]).toEqual([24, 12, 6]);
  });

  it('sometimes fails, rolls back and stalls past a deploy\'s timeout', () => {
    const ended = outcomes(events);
    expect(ended.filter((e) => e.env === 'dev' && e.status === 'failed').length).toBeGreaterThan(0);
    expect(ended.filter((e) => e.env === 'staging' && e.status === 'rolled_back').length).toBeGreaterThan(0);
    expect(ended.filter((e) => e.env === 'prod' && e.status === 'rolled_back').length).toBeGreaterThan(0);
    const stalled = events.filter((e) => e.status === 'started' && e.timeoutSeconds === 60);
    expect(stalled.length).toBeGreaterThan(0);
    for (const start of stalled) expect(ended.find((e) => e.deploy === start.deploy)!.at - start.at).toBeGreaterThan(60_000);
  });
});

describe('the demo deploy tool posts through the events API', () => {
  let app: StartedServer | undefined;
  let tool: RunningDeployTool | undefined;
  afterEach(async () => {
    await tool?.stop();
    await app?.close();
    tool = app = undefined;
  });

  const config = {
    sources: { deploys: { type: 'deploys', tokensEnv: DEPLOY_TOOL_TOKENS_ENV } },
    boards: { rel: { title: 'Releases', columns: 1, rows: 1, tiles: [{ id: 'lanes', widget: 'deploys', source: 'deploys', x: 0, y: 0, options: { envs: ['dev', 'staging', 'prod'] } }] } },
  };

  it('sends its history and what happens next with its token; a tool started again repeats nothing', async () => {
    // the tool's clock in the recent past: the server takes times ahead of its own clock as now
    let now = (Math.floor(Date.now() / SLOT_MS) - 10) * SLOT_MS + 30_000;
    app = await startTestServer(config, { env: { [DEPLOY_TOOL_TOKENS_ENV]: TOKEN } });
    const started = app;
    const context = { env: { [DEPLOY_TOOL_TOKENS_ENV]: TOKEN }, radiatorUrl: () => started.url };
    tool = await startDeployTool(0, context, { now: () => now, tickMs: 3_600_000, historyMs: 5 * SLOT_MS });
    await tool.postDue();
    expect(tool.lastOutcome()).toBe('202');
    let view = (await tileView(app.url, 'rel', 'lanes')) as DeploysTileView;
    expect(view.data.lanes.map((l) => l.env)).toEqual(['dev', 'staging', 'prod']);
    const deploysIn = (v: DeploysTileView, lane: number) => v.data.lanes[lane]!.recent.length + v.data.lanes[lane]!.more + v.data.lanes[lane]!.running.length;
    const devRuns = deploysIn(view, 0);
    expect(devRuns).toBeGreaterThan(3);

    now += SLOT_MS;
    await tool.postDue();
    view = (await tileView(app.url, 'rel', 'lanes')) as DeploysTileView;
    expect(deploysIn(view, 0)).toBe(devRuns + 1);

    // a restarted tool sends its whole history again: the event ids make each count once
    const before = JSON.stringify(view.data);
    await tool.stop();
    tool = await startDeployTool(0, context, { now: () => now, tickMs: 3_600_000, historyMs: 6 * SLOT_MS });
    const port = tool.port;
    await tool.postDue();
    expect(tool.lastOutcome()).toBe('202');
    const again = (await tileView(app.url, 'rel', 'lanes')) as DeploysTileView;
    // the ticket links name the tool's port, which changed: compare without them
    const withoutLinks = (text: string) => text.replace(/http:\/\/127\.0\.0\.1:\d+\/tickets/g, 'TICKETS');
    expect(withoutLinks(JSON.stringify(again.data))).toBe(withoutLinks(before));
    expect((await fetch(`http://127.0.0.1:${port}/tickets/OPS-D1005`)).status).toBe(200);
  });

  it('says why it cannot post: a wrong token, Radiator not listening', async () => {
    app = await startTestServer(config, { env: { [DEPLOY_TOOL_TOKENS_ENV]: TOKEN } });
    const started = app;
    tool = await startDeployTool(0, { env: { [DEPLOY_TOOL_TOKENS_ENV]: 'not-the-token-0123456789abcdef' }, radiatorUrl: () => started.url }, { tickMs: 3_600_000 });
    await tool.postDue();
    expect(tool.lastOutcome()).toMatch(/^401 /);
    await tool.stop();
    tool = await startDeployTool(0, { env: { [DEPLOY_TOOL_TOKENS_ENV]: TOKEN }, radiatorUrl: () => null }, { tickMs: 3_600_000 });
    await tool.postDue();
    expect(tool.lastOutcome()).toBe('Radiator not listening yet');
    expect(await (await fetch(`http://127.0.0.1:${tool.port}/`)).text()).toMatch(/last post: Radiator not listening yet/);
  });
});

describe('the demo environment', () => {
  it('makes up a token for a started stand-in that pushes, only when its variable is not set', () => {
    const made = demoEnvironment({ PATH: '/bin' }, [{ kind: 'deploy-tool' }, { kind: 'http' }], standInKinds);
    expect(made.madeUp).toEqual([DEPLOY_TOOL_TOKENS_ENV]);
    expect(made.env[DEPLOY_TOOL_TOKENS_ENV]).toMatch(/^[0-9a-f]{48}$/);
    expect(made.env.PATH).toBe('/bin');
    expect(demoEnvironment({ [DEPLOY_TOOL_TOKENS_ENV]: TOKEN }, [{ kind: 'deploy-tool' }], standInKinds)).toEqual({ env: { [DEPLOY_TOOL_TOKENS_ENV]: TOKEN }, madeUp: [] });
    expect(demoEnvironment({}, [{ kind: 'http' }], standInKinds).madeUp).toEqual([]);
  });
});
