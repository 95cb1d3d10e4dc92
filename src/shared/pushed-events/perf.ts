import { z } from 'zod';
import { eventEnvelope, instant, plainText } from './event-fields.js';

/**
 * One result of a continuous performance test for one revision (`kind: "perf"`): a metric's value
 * and the time spent per instrumentation layer, with the commits the revision brought in.
 */
export const perfEventSchema = z
  .object({
    kind: z.literal('perf'),
    ...eventEnvelope,
    revision: plainText(100).describe('The revision tested, e.g. a commit id or "r7"'),
    at: instant.optional().describe('When the test ran; default when it arrived'),
    metric: plainText(100).describe('What was measured, e.g. "checkout p95"'),
    value: z.number().finite(),
    unit: plainText(20).optional(),
    higherIsBetter: z.boolean().default(false).describe('true for throughput, false (default) for timings'),
    layers: z
      .record(plainText(60), z.number().finite())
      .optional()
      .refine((layers) => layers === undefined || Object.keys(layers).length <= 50, 'expected at most 50 layers')
      .describe('Time per instrumentation layer, e.g. {"cpu": 120, "db": 340}'),
    newBaseline: z
      .boolean()
      .optional()
      .describe('true: this result is the new normal (an intended change): it ends a regression, and later results are judged against it and those after it'),
    commits: z
      .array(z.object({ id: plainText(80), author: plainText(100).optional(), message: plainText(300).optional() }).strict())
      .max(200)
      .optional(),
  })
  .strict();

export type PerfEvent = z.infer<typeof perfEventSchema>;
