/**
 * The jobs of the pretend Jenkins at a moment, in the documented JSON shapes (see
 * ../shared/upstreams/CI-FORMATS.md §1): every ball colour, folders, a multibranch project, an
 * organization folder, freestyle runs with `changeSet` and Pipeline runs with `changeSets`, and two
 * jobs that build on a timetable — billing-api breaks for two builds in every five and recovers.
 * Pure: a function of when the stand-in started and now, so tests can ask for any moment.
 */

const FREESTYLE = 'hudson.model.FreeStyleProject';
const FREESTYLE_RUN = 'hudson.model.FreeStyleBuild';
const PIPELINE = 'org.jenkinsci.plugins.workflow.job.WorkflowJob';
const PIPELINE_RUN = 'org.jenkinsci.plugins.workflow.job.WorkflowRun';
const FOLDER = 'com.cloudbees.hudson.plugins.folder.Folder';
const MULTIBRANCH = 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject';
const ORG_FOLDER = 'jenkins.branch.OrganizationFolder';

type Result = 'SUCCESS' | 'UNSTABLE' | 'FAILURE' | 'ABORTED' | 'NOT_BUILT';
const COLOUR: Record<Result, string> = { SUCCESS: 'blue', UNSTABLE: 'yellow', FAILURE: 'red', ABORTED: 'aborted', NOT_BUILT: 'notbuilt' };

interface Commit {
  id: string;
  author: string;
  msg: string;
}

interface Run {
  number: number;
  result: Result | null;
  timestamp: number;
  duration: number;
  estimatedDuration: number;
  culprits: string[];
  commits: Commit[];
}

type Json = Record<string, unknown>;

const user = (fullName: string) => ({ fullName, absoluteUrl: `https://people.example.test/${encodeURIComponent(fullName)}` });
const entry = (c: Commit) => ({ _class: 'hudson.plugins.git.GitChangeSet', commitId: c.id, author: user(c.author), msg: c.msg, timestamp: -1, affectedPaths: ['src/main.ts'] });

function runJson(run: Run, pipeline: boolean): Json {
  const building = run.result === null;
  const commits = run.commits.map(entry);
  return {
    _class: pipeline ? PIPELINE_RUN : FREESTYLE_RUN,
    number: run.number,
    result: run.result,
    building,
    timestamp: run.timestamp,
    duration: building ? 0 : run.duration,
    estimatedDuration: run.estimatedDuration,
    culprits: run.culprits.map(user),
    // freestyle runs export one changeSet; Pipeline runs a list of them, leaving out empty ones
    ...(pipeline
      ? { changeSets: commits.length ? [{ _class: 'hudson.plugins.git.GitChangeSetList', kind: 'git', items: commits }] : [] }
      : { changeSet: commits.length ? { _class: 'hudson.plugins.git.GitChangeSetList', kind: 'git', items: commits } : { _class: 'hudson.scm.EmptyChangeLogSet', kind: null, items: [] } }),
  };
}

function completedJson(run: Run | null): Json | null {
  return run && { _class: FREESTYLE_RUN, number: run.number, result: run.result, timestamp: run.timestamp, duration: run.duration };
}

function job(origin: string, path: string[], fields: { class?: string; color: string; lastBuild: Run | null; lastCompleted?: Run | null; pipeline?: boolean }): Json {
  const pipeline = fields.pipeline ?? fields.class === PIPELINE;
  return {
    ...(fields.class === undefined ? {} : { _class: fields.class }),
    name: path[path.length - 1],
    url: jobUrl(origin, path),
    color: fields.color,
    lastBuild: fields.lastBuild && runJson(fields.lastBuild, pipeline),
    lastCompletedBuild: completedJson(fields.lastCompleted === undefined ? (fields.lastBuild?.result ? fields.lastBuild : null) : fields.lastCompleted),
  };
}

function container(origin: string, path: string[], cls: string, jobs: Json[]): Json {
  return { _class: cls, name: path[path.length - 1], url: jobUrl(origin, path), jobs };
}

/** Jenkins encodes each name once more in URLs: `feature%2Flogin` → `.../job/feature%252Flogin/`. */
function jobUrl(origin: string, path: string[]): string {
  return `${origin}/${path.map((p) => `job/${encodeURIComponent(p)}/`).join('')}`;
}

const PEOPLE = ['Dana Ortiz', 'Alice Moreau', 'Bob Lindqvist', 'Chen Wei'];
const MESSAGES = ['Round invoice totals half-even', 'Fix cache key for tax rates', 'Bump pg driver', 'Retry webhook delivery once', 'Log the refund id'];

/** A job building on a cycle: each build runs `runMs` of every `periodMs`; results follow `pattern`. */
function cyclingJob(startMs: number, nowMs: number, spec: { firstNumber: number; periodMs: number; runMs: number; pattern: Result[]; seed: number }) {
  const elapsed = Math.max(0, nowMs - startMs);
  const k = Math.floor(elapsed / spec.periodMs);
  const running = elapsed - k * spec.periodMs < spec.runMs;
  const resultOf = (i: number): Result => spec.pattern[((i % spec.pattern.length) + spec.pattern.length) % spec.pattern.length]!;
  const commitOf = (i: number): Commit => ({
    id: (((spec.firstNumber + i) * 2654435761 + spec.seed) >>> 0).toString(16).padStart(8, '0').repeat(5),
    author: PEOPLE[(i + spec.seed) % PEOPLE.length]!,
    msg: MESSAGES[(i + spec.seed) % MESSAGES.length]!,
  });
  const broken = (r: Result) => r === 'FAILURE' || r === 'UNSTABLE';
  // like Jenkins: the culprits of a run are everyone who committed since the last build that was not broken
  const culpritsOf = (i: number, depth = 0): string[] => {
    const own = [commitOf(i).author];
    return depth < spec.pattern.length && broken(resultOf(i - 1)) ? [...new Set([...culpritsOf(i - 1, depth + 1), ...own])] : own;
  };
  const run = (i: number, result: Result | null): Run => ({
    number: spec.firstNumber + i,
    result,
    timestamp: startMs + i * spec.periodMs,
    duration: spec.runMs,
    estimatedDuration: spec.runMs,
    culprits: culpritsOf(i),
    commits: [commitOf(i)],
  });
  const previous = run(k - 1, resultOf(k - 1));
  if (running) return { color: `${COLOUR[resultOf(k - 1)]}_anime`, lastBuild: run(k, null), lastCompleted: previous };
  const finished = run(k, resultOf(k));
  return { color: COLOUR[resultOf(k)], lastBuild: finished, lastCompleted: finished };
}

/** The root object of `/api/json` at `nowMs`, in full (the server prunes it to the request's `tree`). */
export function jenkinsScenario(startMs: number, nowMs: number, origin: string): Json {
  const ago = (minutes: number) => nowMs - minutes * 60_000;
  const finished = (number: number, result: Result, minutesAgo: number, durationMs: number, extra: Partial<Run> = {}): Run => ({
    number,
    result,
    timestamp: ago(minutesAgo) - durationMs,
    duration: durationMs,
    estimatedDuration: durationMs,
    culprits: [],
    commits: [],
    ...extra,
  });
  const runningSince = (number: number, minutesAgo: number, estimatedDuration: number, extra: Partial<Run> = {}): Run => ({
    number,
    result: null,
    timestamp: ago(minutesAgo),
    duration: 0,
    estimatedDuration,
    culprits: [],
    commits: [],
    ...extra,
  });
  const billing = cyclingJob(startMs, nowMs, { firstNumber: 318, periodMs: 60_000, runMs: 40_000, pattern: ['SUCCESS', 'SUCCESS', 'FAILURE', 'FAILURE', 'SUCCESS'], seed: 0 });
  const storefront = cyclingJob(startMs, nowMs, { firstNumber: 1207, periodMs: 90_000, runMs: 75_000, pattern: ['SUCCESS', 'SUCCESS', 'SUCCESS', 'UNSTABLE', 'SUCCESS', 'SUCCESS', 'SUCCESS'], seed: 1 });
  const pr42Commit: Commit = { id: '9b1e0c7d2a4f6e8b0c1d3e5f7a9b2c4d6e8f0a1b', author: 'Bob Lindqvist', msg: 'Switch rate limiter to sliding window' };
  const loginCommit: Commit = { id: '3c5e7a9b1d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c', author: 'Chen Wei', msg: 'Add OIDC login' };
  return {
    _class: 'hudson.model.Hudson',
    jobs: [
      job(origin, ['billing-api'], { class: FREESTYLE, ...billing }),
      job(origin, ['storefront'], { class: PIPELINE, ...storefront }),
      job(origin, ['nightly-reports'], { class: FREESTYLE, color: 'notbuilt', lastBuild: null }),
      job(origin, ['mobile-app'], { class: PIPELINE, color: 'notbuilt_anime', lastBuild: runningSince(1, 2, -1) }),
      job(origin, ['legacy-export'], { class: FREESTYLE, color: 'disabled', lastBuild: finished(12, 'ABORTED', 60 * 24 * 90, 61_000) }),
      job(origin, ['docs-site'], { class: FREESTYLE, color: 'aborted', lastBuild: finished(88, 'ABORTED', 35, 12_000) }),
      job(origin, ['search-indexer'], {
        class: FREESTYLE,
        color: 'yellow',
        lastBuild: finished(640, 'UNSTABLE', 12, 310_000, { culprits: ['Alice Moreau'], commits: [{ id: '7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e', author: 'Alice Moreau', msg: 'Skip flaky synonym test' }] }),
      }),
      // a Hudson-era answer: no _class anywhere
      job(origin, ['ancient-hudson-job'], { color: 'grey', lastBuild: null }),
      container(origin, ['platform'], FOLDER, [
        job(origin, ['platform', 'terraform-plan'], { class: FREESTYLE, color: 'yellow', lastBuild: finished(77, 'UNSTABLE', 40, 93_000) }),
        job(origin, ['platform', 'infra-smoke'], { class: FREESTYLE, color: 'aborted_anime', lastBuild: runningSince(15, 3, 300_000), lastCompleted: finished(14, 'ABORTED', 20, 45_000) }),
        container(origin, ['platform', 'gateway'], MULTIBRANCH, [
          job(origin, ['platform', 'gateway', 'main'], { class: PIPELINE, color: 'blue', lastBuild: finished(211, 'SUCCESS', 25, 180_000) }),
          job(origin, ['platform', 'gateway', 'PR-42'], {
            class: PIPELINE,
            color: 'red',
            lastBuild: finished(3, 'FAILURE', 18, 150_000, { culprits: ['Bob Lindqvist'], commits: [pr42Commit] }),
          }),
          job(origin, ['platform', 'gateway', 'feature%2Flogin'], {
            class: PIPELINE,
            color: 'red_anime',
            lastBuild: runningSince(9, 1, 201_000, { culprits: ['Chen Wei'], commits: [loginCommit] }),
            lastCompleted: finished(8, 'FAILURE', 30, 190_000, { culprits: ['Chen Wei'] }),
          }),
        ]),
      ]),
      container(origin, ['acme'], ORG_FOLDER, [
        container(origin, ['acme', 'ledger'], MULTIBRANCH, [
          job(origin, ['acme', 'ledger', 'main'], { class: PIPELINE, color: 'yellow_anime', lastBuild: runningSince(57, 2, 240_000), lastCompleted: finished(56, 'UNSTABLE', 10, 230_000) }),
          job(origin, ['acme', 'ledger', 'release%2F2.0'], { class: PIPELINE, color: 'blue_anime', lastBuild: runningSince(4, 1, 120_000), lastCompleted: finished(3, 'SUCCESS', 60, 118_000) }),
        ]),
      ]),
      container(origin, ['attic'], FOLDER, [
        job(origin, ['attic', 'old-cron'], { class: FREESTYLE, color: 'disabled_anime', lastBuild: runningSince(401, 4, 600_000), lastCompleted: finished(400, 'SUCCESS', 60 * 24, 590_000) }),
        job(origin, ['attic', 'old-nightly'], { class: FREESTYLE, color: 'grey_anime', lastBuild: runningSince(1, 1, -1) }),
      ]),
    ],
  };
}

/** Views of the pretend Jenkins (`/view/NAME/`): which top-level items each lists. */
export const JENKINS_VIEWS: Record<string, readonly string[] | 'all'> = {
  all: 'all',
  apps: ['billing-api', 'storefront', 'mobile-app', 'search-indexer'],
  platform: ['platform', 'acme'],
};
