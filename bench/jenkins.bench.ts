import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BuildsReading } from '../src/server/readings/builds.js';
import type { Reading } from '../src/server/readings/reading-kind.js';
import { jenkinsSource } from '../src/server/sources/jenkins.js';
import { registerSourceKind } from '../src/server/sources/registered-source-kind.js';
import { buildsTile, projectBuilds } from '../src/server/tiles/builds.js';
import type { Benchmark } from './benchmark.js';

const FOLDERS = 40;
const JOBS_PER_FOLDER = 50;
// a source polls for as long as the server runs: the rounds after the first (worker start, cold JIT) are what it costs
const ROUNDS = 10;
const COLOURS = ['blue', 'blue', 'blue', 'blue', 'blue', 'blue', 'red', 'yellow', 'blue_anime', 'red_anime', 'aborted', 'notbuilt', 'disabled'];
const RESULT: Record<string, string | null> = { blue: 'SUCCESS', red: 'FAILURE', yellow: 'UNSTABLE', aborted: 'ABORTED', notbuilt: null, disabled: 'SUCCESS' };

/**
 * A big Jenkins (2,000 jobs in 40 folders, about 4 MB of JSON) served on loopback: one poll from
 * request to reading, then the builds tile's view of it, and how long the event loop was held up
 * meanwhile (during the poll; the projection is synchronous, so it holds the loop for readingToViewMs).
 * The targets: poll to views ≤ 100 ms, event-loop p99 < 20 ms.
 */
export const jenkinsBenchmark: Benchmark = {
  name: 'jenkins',
  async run() {
    const body = JSON.stringify(bigJenkins(Date.now()));
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // a configured source, as the scheduler holds it: its worker thread is kept from poll to poll
    const source = registerSourceKind(jenkinsSource).bind({ url });
    if (source.arrives !== 'polled') throw new Error('jenkins is a polled source');
    const tileOptions = buildsTile.options.parse({});
    try {
      const runs: { pollMs: number; viewsMs: number; p99: number; max: number; jobs: number }[] = [];
      let previous: BuildsReading | null = null;
      for (let round = 0; round < ROUNDS; round++) {
        const delay = monitorEventLoopDelay({ resolution: 1 });
        delay.enable();
        const t0 = performance.now();
        const reading: Reading = await source.poll(AbortSignal.timeout(60_000), { previous, env: {}, now: Date.now, deadline: Date.now() + 60_000 });
        if (reading.type !== 'builds') throw new Error(`jenkins returned a ${reading.type} reading`);
        const t1 = performance.now();
        // let the delay timer fire once more, or a block at the very end would go unrecorded
        await new Promise((resolve) => setTimeout(resolve, 5));
        delay.disable();
        // the tile's projection is one synchronous step: it holds the loop for as long as it takes
        const t2 = performance.now();
        const view = projectBuilds(reading, tileOptions);
        const viewsMs = performance.now() - t2;
        previous = reading;
        runs.push({ pollMs: t1 - t0, viewsMs, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6, jobs: view.data.total });
      }
      // the first round warms the JIT; report the best of the rest
      const best = runs.slice(1).reduce((a, b) => (b.pollMs + b.viewsMs < a.pollMs + a.viewsMs ? b : a));
      const round2 = (n: number) => Number(n.toFixed(2));
      return {
        jobs: best.jobs,
        jsonMB: round2(Buffer.byteLength(body) / 1e6),
        pollToReadingMs: round2(best.pollMs),
        readingToViewMs: round2(best.viewsMs),
        pollToViewMs: round2(best.pollMs + best.viewsMs),
        underTarget100ms: best.pollMs + best.viewsMs <= 100,
        pollEventLoopDelayMs: { p99: round2(best.p99), max: round2(best.max) },
        p99UnderTarget20ms: best.p99 < 20,
        allRoundsMs: runs.map((r) => round2(r.pollMs + r.viewsMs)),
        allRoundsPollP99Ms: runs.map((r) => round2(r.p99)),
      };
    } finally {
      await source.close?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
};

/** 2,000 freestyle and Pipeline jobs with culprits and five commits each, like a busy installation. */
function bigJenkins(now: number) {
  const user = (i: number) => ({ fullName: `Developer Number ${i % 97}`, absoluteUrl: `https://ci.example.test/user/dev${i % 97}` });
  const jobs = [];
  for (let f = 0; f < FOLDERS; f++) {
    const children = [];
    for (let j = 0; j < JOBS_PER_FOLDER; j++) {
      const i = f * JOBS_PER_FOLDER + j;
      const color = COLOURS[i % COLOURS.length]!;
      const building = color.endsWith('_anime');
      const pipeline = i % 2 === 0;
      const items = Array.from({ length: 5 }, (_, c) => ({
        _class: 'hudson.plugins.git.GitChangeSet',
        commitId: (i * 7919 + c).toString(16).padStart(40, 'a'),
        author: user(i + c),
        msg: `Change ${c} to service ${i}: tighten retry budget and log the upstream status on failure`,
      }));
      const set = { _class: 'hudson.plugins.git.GitChangeSetList', kind: 'git', items };
      children.push({
        _class: pipeline ? 'org.jenkinsci.plugins.workflow.job.WorkflowJob' : 'hudson.model.FreeStyleProject',
        name: `service-${i}`,
        url: `https://ci.example.test/job/team-${f}/job/service-${i}/`,
        color,
        lastBuild:
          color === 'notbuilt'
            ? null
            : {
                _class: pipeline ? 'org.jenkinsci.plugins.workflow.job.WorkflowRun' : 'hudson.model.FreeStyleBuild',
                number: 1000 + i,
                result: building ? null : RESULT[color],
                building,
                timestamp: now - (i % 60) * 60_000,
                duration: building ? 0 : 240_000,
                estimatedDuration: 250_000,
                culprits: [user(i), user(i + 1)],
                ...(pipeline ? { changeSets: [set] } : { changeSet: set }),
              },
        lastCompletedBuild: color === 'notbuilt' ? null : { _class: 'hudson.model.FreeStyleBuild', number: 999 + i, result: building ? RESULT[color.slice(0, -6)] : RESULT[color], timestamp: now - 3_600_000, duration: 240_000 },
      });
    }
    jobs.push({ _class: 'com.cloudbees.hudson.plugins.folder.Folder', name: `team-${f}`, url: `https://ci.example.test/job/team-${f}/`, jobs: children });
  }
  return { _class: 'hudson.model.Hudson', jobs };
}
