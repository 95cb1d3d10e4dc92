/**
 * The run fields asked for the last build: everything a BuildJob shows, commits from both SCM shapes.
 * Lists are cut by Jenkins (`{,20}`) to what a job shows, so a merge of hundreds of commits stays small.
 */
const CHANGE_ITEMS = 'items[commitId,author[fullName],msg]{,20}';
const LAST_BUILD = `lastBuild[number,result,building,timestamp,duration,estimatedDuration,culprits[fullName]{,20},changeSet[${CHANGE_ITEMS}],changeSets[${CHANGE_ITEMS}]{,5}]`;
const LAST_COMPLETED = 'lastCompletedBuild[number,result,timestamp,duration]';
const JOB_FIELDS = `_class,name,url,color,${LAST_BUILD},${LAST_COMPLETED}`;

/**
 * The `tree=` expression for one request that returns every job down to `maxDepth` levels of folders:
 * Jenkins does not recurse by itself, so the job fields are spelled out once per level. Below the last
 * level only the first child's name is asked for, so that a tree deeper than the bound is noticed (and
 * reported) instead of silently cut off.
 */
export function jenkinsTreeQuery(maxDepth: number): string {
  let level = 'jobs[name]{,1}';
  for (let depth = maxDepth; depth >= 1; depth--) level = `jobs[${JOB_FIELDS},${level}]`;
  return level;
}
