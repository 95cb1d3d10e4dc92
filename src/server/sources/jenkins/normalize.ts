import type { BuildChange, BuildJob } from '../../readings/builds.js';
import { plainLine } from '../../plain-text.js';
import { buildResult, jobColour } from './job-status.js';
import type { JenkinsBuild, JenkinsItem } from './job-tree.js';

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
}

/**
 * Every job in the tree as a BuildJob (brokenSince still null: withBrokenSince fills it), walking
 * folders, multibranch projects and organization folders down to `maxDepth` levels. A container at
 * the last level that still holds jobs fails the poll naming the bound, rather than dropping them.
 */
export function jenkinsJobs(items: readonly JenkinsItem[], options: JenkinsJobOptions): BuildJob[] {
  const jobs: BuildJob[] = [];
  const visit = (list: readonly JenkinsItem[], rawPath: string[], shownPath: string[], depth: number) => {
    for (const item of list) {
      const raw = [...rawPath, item.name];
      const shown = [...shownPath, decodedName(item.name)];
      const fullName = raw.join('/');
      if (Array.isArray(item.jobs) || (!item.color && CONTAINER_CLASSES.has(item._class ?? ''))) {
        const children = item.jobs ?? [];
        if (children.length === 0) continue;
        if (depth >= options.maxDepth) {
          throw new Error(
            `Jenkins: the job tree is deeper than maxDepth (${options.maxDepth}): "${plainLine(fullName, 200)}" holds jobs below that level — raise maxDepth, or point url at a view or folder further down`,
          );
        }
        visit(children, raw, shown, depth + 1);
        continue;
      }
      if (!item.color) {
        if (JOB_CLASSES.has(item._class ?? '')) throw new Error(`Jenkins: job "${plainLine(fullName, 200)}" came without a color`);
        continue; // an item that is neither a job nor a folder (a view-like plugin item): nothing to show
      }
      if (!options.selected(fullName, shown.join('/'))) continue;
      jobs.push(toBuildJob(item, item.color, plainLine(fullName, 300), plainLine(shown.join('/'), 200)));
    }
  };
  visit(items, [], [], 1);
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
    brokenSince: null,
  };
}

function culprits(build: JenkinsBuild): string[] {
  const names = (build.culprits ?? []).map((u) => plainLine(u.fullName ?? '', 80)).filter((n) => n !== '');
  return [...new Set(names)].slice(0, MAX_CULPRITS);
}

/** Commits of a freestyle run (`changeSet`) and of a Pipeline run (`changeSets`, one per checkout). */
function changes(build: JenkinsBuild): BuildChange[] {
  const sets = [...(build.changeSet ? [build.changeSet] : []), ...(build.changeSets ?? [])];
  const out: BuildChange[] = [];
  for (const set of sets) {
    for (const entry of set.items ?? []) {
      if (out.length === MAX_CHANGES) return out;
      const author = plainLine(entry.author?.fullName ?? '', 80);
      const revision = plainLine(entry.commitId ?? '', 64);
      out.push({ revision: revision || null, author: author || null, message: plainLine(entry.msg ?? '', 200) });
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
