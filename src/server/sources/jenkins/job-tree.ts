import { z } from 'zod';

/** A user as Jenkins exports one in `culprits` and a commit's `author`. */
const user = z.looseObject({ fullName: z.string().nullish() });

/** A ChangeLogSet: `changeSet` on freestyle runs, each of `changeSets` on Pipeline runs. */
const changeLogSet = z.looseObject({
  items: z.array(z.looseObject({ commitId: z.string().nullish(), msg: z.string().nullish(), author: user.nullish() })).nullish(),
});

const lastBuild = z.looseObject({
  number: z.number().int(),
  /** null while the build runs */
  result: z.string().nullish(),
  building: z.boolean().nullish(),
  /** epoch ms of the start */
  timestamp: z.number(),
  /** ms; 0 while building */
  duration: z.number().nullish(),
  /** ms; -1 when unknown */
  estimatedDuration: z.number().nullish(),
  culprits: z.array(user).nullish(),
  changeSet: changeLogSet.nullish(),
  changeSets: z.array(changeLogSet).nullish(),
});

const lastCompletedBuild = z.looseObject({
  number: z.number().int(),
  result: z.string().nullish(),
  timestamp: z.number(),
  duration: z.number().nullish(),
});

export type JenkinsBuild = z.infer<typeof lastBuild>;

const itemFields = {
  // Hudson and Jenkins before 2016 send no _class: the shape decides then
  _class: z.string().nullish(),
  name: z.string().min(1),
  url: z.string().nullish(),
  color: z.string().nullish(),
  lastBuild: lastBuild.nullish(),
  lastCompletedBuild: lastCompletedBuild.nullish(),
};

/**
 * One item of a `jobs` list on its own: a job (has `color`), or a folder, multibranch or org folder
 * (has `jobs`, checked one by one as the walk reaches them, so a big tree is checked in slices).
 */
export const jenkinsItem = z.looseObject({ ...itemFields, jobs: z.array(z.unknown()).nullish() });
export type JenkinsItem = z.infer<typeof jenkinsItem>;

/** The root or a view: its `jobs`, each checked by jenkinsItem as the walk reaches it. */
export const jenkinsRoot = z.looseObject({ jobs: z.array(z.unknown()) });

interface JenkinsItemTree extends Omit<JenkinsItem, 'jobs'> {
  jobs?: JenkinsItemTree[] | null;
}
const itemTree: z.ZodType<JenkinsItemTree> = z.lazy(() => z.looseObject({ ...itemFields, jobs: z.array(itemTree).nullish() }));

/**
 * The whole answer in one schema: what the adapter relies on in `/api/json?tree=…`. Only used to
 * word a problem the walk found, with the full path from the root ("jobs[3].jobs[0].color").
 */
export const jenkinsJobTree = z.looseObject({ jobs: z.array(itemTree) });
