/** The run fields asked for the last build: everything a BuildJob shows, commits from both SCM shapes. */
const CHANGE_ITEMS = 'items[commitId,author[fullName],msg]';
const LAST_BUILD = `lastBuild[number,result,building,timestamp,duration,estimatedDuration,culprits[fullName],changeSet[${CHANGE_ITEMS}],changeSets[${CHANGE_ITEMS}]]`;
const LAST_COMPLETED = 'lastCompletedBuild[number,result,timestamp,duration]';
const JOB_FIELDS = `_class,name,url,color,${LAST_BUILD},${LAST_COMPLETED}`;

/**
 * The `tree=` expression for one request that returns every job down to `maxDepth` levels of folders:
 * Jenkins does not recurse by itself, so the job fields are spelled out once per level. Below the last
 * level only the children's names are asked for, so that a tree deeper than the bound is noticed (and
 * reported) instead of silently cut off.
 */
export function jenkinsTreeQuery(maxDepth: number): string {
  let level = 'jobs[name]';
  for (let depth = maxDepth; depth >= 1; depth--) level = `jobs[${JOB_FIELDS},${level}]`;
  return level;
}
