import { setImmediate } from 'node:timers/promises';
import type { BuildChange, BuildJob } from '../../readings/builds.js';
import { plainLine } from '../../../shared/plain-text.js';
import { parseUpstreamShape } from '../upstream-shape.js';
import { buildResult, jobColour } from './job-status.js';
import { jenkinsItem, jenkinsJobTree, jenkinsRoot, type JenkinsBuild, type JenkinsItem } from './job-tree.js';

/** Containers by class, for when a level came back without `jobs` (the shape decides otherwise). */
const CONTAINER_CLASSES = new Set([
  'com.cloudbees.hudson.plugins.folder.Folder',
  'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject',
  'jenkins.branch.OrganizationFolder',
]);
/** Jobs by class: one of these without a `color` is a broken answer, not an item to skip. */
const JOB_CLASSES = new Set(['hudson.model.FreeStyleProject', 'org.jenkinsci.plugins.workflow.job.WorkflowJob']);

/** A wall shows a few names and commits per job; a build that brought in hundreds is cut here. */
const MAX_CULPRITS = 20;
const MAX_CHANGES = 20;

export interface JenkinsJobOptions {
  maxDepth: number;
  /** Whether a job's full name (as Jenkins spells it, or decoded) is shown. */
  selected(fullName: string, decodedName: string): boolean;
  /** Names the answer in shape errors: "Jenkins ci.example.com/api/json". */
  what: string;
  /**
   * What the walk does between slices of work, given the jobs so far. Left out, it gives the event
   * loop a turn; the worker thread (jobs-worker.ts) sends the new jobs on instead.
   */
  betweenSlices?(jobsSoFar: readonly BuildJob[]): Promise<void> | void;
}

/**
 * A big answer (thousands of jobs, megabytes) is walked in slices of this much work: between them the
 * event loop gets a turn, or the worker thread sends the jobs so far (see betweenSlices).
 */
const SLICE_MS = 5;

/**
 * Every job in the answer (`/api/json`, root or view) as a BuildJob (brokenSince still null:
 * withBrokenSince fills it), walking folders, multibranch projects and organization folders down to
 * `maxDepth` levels. Each item is checked against jenkinsItem as it is reached; a wrong one fails the
 * poll naming its path from the root. A container at the last level that still holds jobs fails it
 * naming the bound, rather than dropping them.
 */
export async function jenkinsJobs(answer: unknown, options: JenkinsJobOptions): Promise<BuildJob[]> {
  const root = parseUpstreamShape(jenkinsRoot, answer, options.what);
  const jobs: BuildJob[] = [];
  let sliceStart = performance.now();
  const visit = async (list: readonly unknown[], rawPath: string[], shownPath: string[], depth: number) => {
    for (const raw of list) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await (options.betweenSlices ? options.betweenSlices(jobs) : setImmediate());
        sliceStart = performance.now();
      }
      const checked = jenkinsItem.safeParse(raw);
      if (!checked.success) {
        // the whole tree's schema finds the same first problem and words it with its full path
        parseUpstreamShape(jenkinsJobTree, answer, options.what);
        throw new Error(`${options.what}: ${checked.error.issues[0]?.message ?? 'unexpected shape'}`);
      }
      const item = checked.data;
      const rawNames = [...rawPath, item.name];
      const shown = [...shownPath, decodedName(item.name)];
      const fullName = rawNames.join('/');
      if (Array.isArray(item.jobs) || (!item.color && CONTAINER_CLASSES.has(item._class ?? ''))) {
        const children = item.jobs ?? [];
        if (children.length === 0) continue;
        if (depth >= options.maxDepth) {
          throw new Error(
            `Jenkins: the job tree is deeper than maxDepth (${options.maxDepth}): "${plainText(fullName, 200)}" holds jobs below that level — raise maxDepth, or point url at a view or folder further down`,
          );
        }
        await visit(children, rawNames, shown, depth + 1);
        continue;
      }
      if (!item.color) {
        if (JOB_CLASSES.has(item._class ?? '')) throw new Error(`Jenkins: job "${plainText(fullName, 200)}" came without a color`);
        continue; // an item that is neither a job nor a folder (a view-like plugin item): nothing to show
      }
      if (!options.selected(fullName, shown.join('/'))) continue;
      jobs.push(toBuildJob(item, item.color, plainText(fullName, 300), plainText(shown.join('/'), 200)));
    }
  };
  await visit(root.jobs, [], [], 1);
  return jobs;
}

function toBuildJob(item: JenkinsItem, color: string, key: string, name: string): BuildJob {
  const colour = jobColour(color, key);
  const last = item.lastBuild ?? null;
  const running = colour.building || last?.building === true;
  // the running build's ball is the previous build's colour, so it tells how the last finished one ended
  const lastResult =
    buildResult(item.lastCompletedBuild?.result, key) ?? (running ? colour.result : (buildResult(last?.result, key) ?? colour.result));
  const lastRunning = last?.building === true || (running && (last?.result ?? null) === null);
  return {
    key,
    name,
    url: linkUrl(item.url),
    status: colour.status === 'disabled' ? 'disabled' : running ? 'building' : colour.status,
    lastResult,
    number: last ? String(last.number) : null,
    startedAt: last ? last.timestamp : null,
    finishedAt: last && !lastRunning ? last.timestamp + Math.max(0, last.duration ?? 0) : null,
    durationMs: last && !lastRunning ? (last.duration ?? null) : null,
    estimatedMs: last?.estimatedDuration !== undefined && last.estimatedDuration !== null && last.estimatedDuration > 0 ? last.estimatedDuration : null,
    culprits: last ? culprits(last) : [],
    changes: last ? changes(last) : [],
    // rebuilding after a failure: the streak is at least as old as the failed build that finished last
    brokenSince: running && (lastResult === 'failed' || lastResult === 'unstable') ? completedAt(item.lastCompletedBuild) : null,
  };
}

function completedAt(build: JenkinsItem['lastCompletedBuild']): number | null {
  return build && typeof build.timestamp === 'number' ? build.timestamp + Math.max(0, build.duration ?? 0) : null;
}

function culprits(build: JenkinsBuild): string[] {
  const names = (build.culprits ?? []).map((u) => plainText(u.fullName ?? '', 80)).filter((n) => n !== '');
  return [...new Set(names)].slice(0, MAX_CULPRITS);
}

/** Commits of a freestyle run (`changeSet`) and of a Pipeline run (`changeSets`, one per checkout). */
function changes(build: JenkinsBuild): BuildChange[] {
  const sets = [...(build.changeSet ? [build.changeSet] : []), ...(build.changeSets ?? [])];
  const out: BuildChange[] = [];
  for (const set of sets) {
    for (const entry of set.items ?? []) {
      if (out.length === MAX_CHANGES) return out;
      const author = plainText(entry.author?.fullName ?? '', 80);
      const revision = plainText(entry.commitId ?? '', 64);
      out.push({ revision: revision || null, author: author || null, message: plainText(entry.msg ?? '', 200) });
    }
  }
  return out;
}

/** Multibranch names are URL-encoded (`feature%2Flogin`); people know them decoded. */
function decodedName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The job's own page, as Jenkins gives it (never built from names: the double encoding); http(s) only. */
function linkUrl(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

/** Printable ASCII, single spaces between words: what plainLine would leave as it is. */
const ALREADY_PLAIN = /^[\x21-\x7e](?:[\x21-\x7e]| (?=[\x21-\x7e]))*$/;

/**
 * plainLine for the many short names and messages of a big Jenkins: most are plain ASCII already,
 * and one test of that is far cheaper than plainLine's replacements (2,000 jobs carry ~40,000 texts).
 */
function plainText(text: string, maxChars: number): string {
  return text.length <= maxChars && ALREADY_PLAIN.test(text) ? text : plainLine(text, maxChars);
}
