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

/** One item of a `jobs` list: a job (has `color`), or a folder, multibranch or org folder (has `jobs`). */
export interface JenkinsItem {
  _class?: string | null;
  name: string;
  url?: string | null;
  color?: string | null;
  lastBuild?: z.infer<typeof lastBuild> | null;
  lastCompletedBuild?: z.infer<typeof lastCompletedBuild> | null;
  jobs?: JenkinsItem[] | null;
}

export type JenkinsBuild = z.infer<typeof lastBuild>;
export type JenkinsCompletedBuild = z.infer<typeof lastCompletedBuild>;

const item: z.ZodType<JenkinsItem> = z.lazy(() =>
  z.looseObject({
    // Hudson and Jenkins before 2016 send no _class: the shape decides then
    _class: z.string().nullish(),
    name: z.string().min(1),
    url: z.string().nullish(),
    color: z.string().nullish(),
    lastBuild: lastBuild.nullish(),
    lastCompletedBuild: lastCompletedBuild.nullish(),
    jobs: z.array(item).nullish(),
  }),
);

/**
 * What the adapter relies on in `/api/json?tree=…` (root or view): a `jobs` list whose items are
 * jobs or containers of more. Unknown keys pass (Jenkins adds `_class` and plugins add more).
 */
export const jenkinsJobTree = z.looseObject({ jobs: z.array(item) });
