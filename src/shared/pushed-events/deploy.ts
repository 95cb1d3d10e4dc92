import { z } from 'zod';
import { eventEnvelope, instant, nameText, plainText, webLink } from './event-fields.js';

/** Where a deploy is in its life: `started`, `progress` reports while it runs, then one of the outcomes. */
export const DEPLOY_STATUSES = ['started', 'progress', 'succeeded', 'failed', 'rolled_back'] as const;
export type DeployEventStatus = (typeof DEPLOY_STATUSES)[number];

/**
 * One step of a deploy as the deploy tool reports it (`kind: "deploy"`). The events of one deploy are
 * tied together by `deploy` (the tool's own run id), else by the ticket id, else by env + what is
 * deployed + version. A deploy names what it deploys: a `manifest` (the whole system's release) or a
 * `service`, or both.
 */
export const deployEventSchema = z
  .object({
    kind: z.literal('deploy'),
    ...eventEnvelope,
    deploy: plainText(100).optional().describe('The deploy tool\'s id for this run; ties started/progress/outcome together'),
    env: nameText(60).describe('The environment deployed to, e.g. "dev", "staging", "prod"'),
    service: nameText(100).optional().describe('The service deployed, when the deploy is per service'),
    manifest: nameText(100).optional().describe('The manifest id naming the whole system deployed, e.g. "M-4411"'),
    version: plainText(100).optional().describe('The version deployed, e.g. "2.14.1" or a commit'),
    status: z.enum(DEPLOY_STATUSES),
    progress: z
      .union([z.number().min(0).max(1), plainText(100)])
      .optional()
      .describe('How far it got: 0–1, or the name of the step running now'),
    by: plainText(100).optional().describe('Who (or what) started it'),
    ticket: z
      .object({ id: plainText(60), url: webLink.optional() })
      .strict()
      .optional()
      .describe('The ticket the deploy tool opened for this deploy'),
    hosts: z.array(nameText(255)).max(1_000).optional().describe('Hosts the deploy touches: their monitoring problems are expected while it runs'),
    startedAt: instant.optional().describe('When the deploy started; default the time of its first event'),
    at: instant.optional().describe('When this event happened; default when it arrived'),
    timeoutSeconds: z.number().int().min(1).max(7 * 86_400).optional().describe('A deploy not finished this long after it started is stalled; default the source\'s'),
    message: plainText(300).optional().describe('What to show with the outcome, e.g. why it failed'),
  })
  .strict()
  .refine((event) => event.service !== undefined || event.manifest !== undefined, {
    message: 'a deploy names what it deploys: give "manifest", "service" or both',
    path: ['manifest'],
  });

export type DeployEvent = z.infer<typeof deployEventSchema>;
