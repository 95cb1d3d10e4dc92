import http from 'node:http';
import { deployEventsBetween } from './deploy-scenario.js';
import { serveHttpOnLoopback, type RunningStandIn, type StandInContext, type StandInKind } from './stand-in.js';

/** The variable holding the token the demo deploy tool pushes with; the demo's deploys source names it in `tokensEnv`. */
export const DEPLOY_TOOL_TOKENS_ENV = 'RADIATOR_DEMO_DEPLOY_TOKENS';

/** Events sent per request, well under the API's 1,000. */
const BATCH = 200;

export interface DeployToolOptions {
  now: () => number;
  /** How often it posts what happened since the last post. */
  tickMs: number;
  /** How far back its first post reaches, so a fresh wall has history to show. */
  historyMs: number;
}

const DEFAULTS: DeployToolOptions = { now: Date.now, tickMs: 5_000, historyMs: 3 * 3_600_000 };

/**
 * A deploy tool for the demo: it promotes manifests dev → staging → prod every few minutes
 * (deploy-scenario.ts: progress steps, some failures, rollbacks and a stall) and reports every step
 * the way a real one would, through Radiator's `POST /api/v1/events` with a bearer token. Its port
 * serves the tickets the events link to. What did not get a 202 is sent again on the next tick (the
 * event ids make a repeat count once).
 */
export const deployToolStandIn: StandInKind = {
  kind: 'deploy-tool',
  description: 'A deploy tool promoting manifests dev → staging → prod every few minutes through POST /api/v1/events (some fail, roll back or stall); serves its tickets',
  madeUpEnv: [DEPLOY_TOOL_TOKENS_ENV],
  start: (port, context) => startDeployTool(port, context),
};

export interface RunningDeployTool extends RunningStandIn {
  /** What the last post got, for its status page and tests: "202", "401 …", "not listening yet". */
  lastOutcome(): string;
  /** Posts what is due now, without waiting for the tick. */
  postDue(): Promise<void>;
}

export async function startDeployTool(port: number, context: StandInContext | undefined, options: Partial<DeployToolOptions> = {}): Promise<RunningDeployTool> {
  const { now, tickMs, historyMs } = { ...DEFAULTS, ...options };
  let sentUpTo = now() - historyMs;
  let outcome = 'nothing posted yet';
  let posting: Promise<void> | null = null;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const ticket = /^\/tickets\/(OPS-[A-Z]\d{1,6})$/.exec(path)?.[1];
    if (ticket) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><title>${ticket}</title><h1>${ticket}</h1><p>Deploy ticket opened by the demo deploy tool.</p>\n`);
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`demo deploy tool: posts deploy events to ${context?.radiatorUrl() ?? '(Radiator not listening yet)'}/api/v1/events; last post: ${outcome}\n`);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: tickets are /tickets/OPS-…\n');
    }
  });
  const running = await serveHttpOnLoopback('deploy-tool', server, port);
  const ticketBase = `http://127.0.0.1:${running.port}`;

  async function post(): Promise<void> {
    const url = context?.radiatorUrl() ?? null;
    const token = context?.env[DEPLOY_TOOL_TOKENS_ENV]?.split(/[\s,]+/).find((t) => t !== '');
    if (url === null || token === undefined) {
      outcome = url === null ? 'Radiator not listening yet' : `no token in ${DEPLOY_TOOL_TOKENS_ENV}`;
      return;
    }
    const until = now();
    const due = deployEventsBetween(Math.max(sentUpTo, until - historyMs), until, ticketBase);
    for (let i = 0; i < due.length; i += BATCH) {
      const batch = due.slice(i, i + BATCH);
      try {
        const response = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(batch),
          signal: AbortSignal.timeout(10_000),
        });
        outcome = response.status === 202 ? '202' : `${response.status} ${(await response.text()).slice(0, 300)}`;
        if (response.status !== 202) return; // sent again next tick
      } catch (err) {
        outcome = `cannot post: ${(err as Error).message}`;
        return;
      }
      sentUpTo = batch.at(-1)!.at - 1; // events of that same moment in the next batch are still due
    }
    sentUpTo = until;
  }
  const postDue = () => (posting ??= post().finally(() => (posting = null)));
  const timer = setInterval(() => void postDue(), tickMs);
  timer.unref();

  return {
    ...running,
    lastOutcome: () => outcome,
    postDue,
    async stop() {
      clearInterval(timer);
      await posting;
      await running.stop();
    },
  };
}
