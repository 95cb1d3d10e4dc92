import { z } from 'zod';
import { deployEventSchema } from '../../shared/pushed-events/deploy.js';
import { parseDurationMs } from '../config/duration.js';
import type { DeploysReading } from '../readings/deploys.js';
import { foldDeployEvents } from './deploys/fold.js';
import { definePushedSourceKind } from './source-kind.js';

const stallAfter = z
  .union([z.number().positive(), z.string()])
  .default('30m')
  .describe('A deploy that has not finished this long after it started is stalled, unless its events give timeoutSeconds: "30m", "2h" or a number of seconds')
  .superRefine((value, ctx) => {
    if (parseDurationMs(value) === null) ctx.addIssue({ code: 'custom', message: 'expected a duration such as "30m", "2h" or a number of seconds' });
  });

const options = z.object({
  keepPerEnv: z.number().int().min(1).max(500).default(30).describe('Deploys kept per environment, the newest; the last success of each thing deployed is kept besides'),
  stallAfter,
});

/**
 * Deploys as the deploy tool reports them (`deploy` events, src/shared/pushed-events/deploy.ts):
 * each event joins the deploy it belongs to (its run id, else its ticket, else environment, what and
 * version) and moves it on, started → progress → succeeded | failed | rolled_back. The reading keeps
 * a bounded number per environment, newest first; whether a running deploy has stalled is for the
 * tiles to judge against the time now, from its `timeoutMs`.
 */
export const deploysSource = definePushedSourceKind({
  kind: 'deploys',
  description: 'Deploys pushed by the deploy tool as `deploy` events (no polling): per environment what was deployed, by whom, with which ticket, its progress and outcome.',
  produces: 'deploys',
  event: 'deploy',
  options,
  payload: deployEventSchema,
  receive(options, events, context): DeploysReading {
    const stallAfterMs = parseDurationMs(options.stallAfter) ?? 30 * 60_000;
    // the time they arrived, not one the sender claims, times the reading (as for every pushed source)
    return foldDeployEvents(context.previous, events, { keepPerEnv: options.keepPerEnv, stallAfterMs }, context.now());
  },
});
