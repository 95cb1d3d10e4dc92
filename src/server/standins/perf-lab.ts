import http from 'node:http';
import { labRevision, REVISION_MS, type LabLayers, type LabRevision } from './perf-lab-scenario.js';
import { serveHttpOnLoopback, type RunningStandIn, type StandInContext, type StandInKind } from './stand-in.js';

/** The variable holding the token the perf lab posts with; the demo's perf source names it in `tokensEnv`. */
export const PERF_LAB_TOKENS_ENV = 'RADIATOR_DEMO_PERF_TOKENS';

export interface PerfLabOptions {
  now: () => number;
  /** How often it looks for a revision due (one is due every REVISION_MS). */
  tickMs: number;
  /** Revisions tested at the start, so a fresh wall has a baseline to judge against. */
  history: number;
  /**
   * How long each autocannon run lasts, in seconds: its requests/s is an average over one-second
   * samples, so a run of a second or two is the shortest that gives a steady one.
   */
  durationSeconds: number;
  /** A fixed number of requests per run instead (tests: quicker, without a meaningful requests/s). */
  requests?: number;
}

const DEFAULTS: PerfLabOptions = { now: Date.now, tickMs: 5_000, history: 10, durationSeconds: 2 };

/**
 * A continuous performance test for the demo: its port serves a pretend checkout whose time per
 * request is the current revision's cpu, db and network time (perf-lab-scenario.ts); every few
 * minutes the next revision is "deployed" to it, autocannon runs against it for real, and the result
 * goes to Radiator as a CI job would send it: the raw autocannon JSON to `POST /api/v1/perf/autocannon`
 * with the revision and its commits, and the service's own time per layer as a `perf` event to
 * `POST /api/v1/events`, both with a bearer token. A revision that did not get its 202s is tested
 * again on the next tick (the upload's ids make a repeat count once).
 */
export const perfLabStandIn: StandInKind = {
  kind: 'perf-lab',
  description: 'A checkout service and a perf test that runs autocannon against it per simulated revision every few minutes, posting through POST /api/v1/perf/autocannon (sometimes a regression that a later revision fixes)',
  madeUpEnv: [PERF_LAB_TOKENS_ENV],
  start: (port, context) => startPerfLab(port, context),
};

export interface RunningPerfLab extends RunningStandIn {
  /** What the last post got, for its status page and tests: "202", "401 …", "not listening yet". */
  lastOutcome(): string;
  /** Tests what is due now, without waiting for the tick. */
  testDue(): Promise<void>;
}

export async function startPerfLab(port: number, context: StandInContext | undefined, options: Partial<PerfLabOptions> = {}): Promise<RunningPerfLab> {
  const { now, tickMs, history, durationSeconds, requests } = { ...DEFAULTS, ...options };
  let deployed: LabRevision = labRevision(Math.floor(now() / REVISION_MS));
  let spent: LabLayers = { cpu: 0, db: 0, network: 0 };
  let served = 0;
  let testedUpTo = Number.NEGATIVE_INFINITY;
  let outcome = 'nothing posted yet';
  let testing: Promise<void> | null = null;
  let stopped = false;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/checkout') {
      // this request's time in each layer: the revision's, with a little jitter
      const jitter = () => 0.9 + Math.random() * 0.2;
      const layers: LabLayers = { cpu: deployed.layers.cpu * jitter(), db: deployed.layers.db * jitter(), network: deployed.layers.network * jitter() };
      setTimeout(() => {
        spent = { cpu: spent.cpu + layers.cpu, db: spent.db + layers.db, network: spent.network + layers.network };
        served++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, layers.cpu + layers.db + layers.network);
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`demo perf lab: checkout at revision ${deployed.revision}; results go to ${context?.radiatorUrl() ?? '(Radiator not listening yet)'}; last post: ${outcome}\n`);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the service is /checkout\n');
    }
  });
  const running = await serveHttpOnLoopback('perf-lab', server, port);
  const serviceUrl = `http://127.0.0.1:${running.port}/checkout`;

  /** One revision: deploy it, load it, post what autocannon and the service measured. False when Radiator did not take it. */
  async function test(revision: LabRevision, radiator: string, token: string): Promise<boolean> {
    let autocannon;
    try {
      ({ default: autocannon } = await import('autocannon'));
    } catch {
      outcome = 'autocannon is not installed (npm install without --omit=dev)';
      return false;
    }
    deployed = revision;
    spent = { cpu: 0, db: 0, network: 0 };
    served = 0;
    const load = requests === undefined ? { duration: durationSeconds } : { amount: requests };
    const result = await autocannon({ url: serviceUrl, connections: 10, title: 'checkout', ...load });
    const perRequest = (ms: number) => Math.round((ms / Math.max(1, served)) * 10) / 10;
    const layers = { cpu: perRequest(spent.cpu), db: perRequest(spent.db), network: perRequest(spent.network) };
    const query = new URLSearchParams({ revision: revision.revision });
    for (const c of revision.commits) query.append('commit', `${c.id}|${c.author}|${c.message}`);
    const serverTime = {
      kind: 'perf',
      id: `perf-lab-${revision.revision}-server-time`,
      revision: revision.revision,
      metric: 'checkout server time',
      value: Math.round((layers.cpu + layers.db + layers.network) * 10) / 10,
      unit: 'ms',
      layers,
    };
    const posts: [string, string, string][] = [
      [`${radiator}/api/v1/perf/autocannon?${query}`, 'application/json', JSON.stringify(result)],
      [`${radiator}/api/v1/events`, 'application/json', JSON.stringify(serverTime)],
    ];
    for (const [url, type, body] of posts) {
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body, signal: AbortSignal.timeout(10_000) });
        outcome = response.status === 202 ? '202' : `${response.status} ${(await response.text()).slice(0, 300)}`;
        if (response.status !== 202) return false;
      } catch (err) {
        outcome = `cannot post: ${(err as Error).message}`;
        return false;
      }
    }
    return true;
  }

  async function testDueRevisions(): Promise<void> {
    const radiator = context?.radiatorUrl() ?? null;
    const token = context?.env[PERF_LAB_TOKENS_ENV]?.split(/[\s,]+/).find((t) => t !== '');
    if (radiator === null || token === undefined) {
      outcome = radiator === null ? 'Radiator not listening yet' : `no token in ${PERF_LAB_TOKENS_ENV}`;
      return;
    }
    const latest = Math.floor(now() / REVISION_MS);
    for (let n = Math.max(testedUpTo + 1, latest - history + 1); n <= latest && !stopped; n++) {
      if (!(await test(labRevision(n), radiator, token))) return; // again next tick
      testedUpTo = n;
    }
  }
  const testDue = () => (testing ??= testDueRevisions().finally(() => (testing = null)));
  const timer = setInterval(() => void testDue(), tickMs);
  timer.unref();
  void testDue();

  return {
    ...running,
    lastOutcome: () => outcome,
    testDue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await testing;
      await running.stop();
    },
  };
}
