import { z } from 'zod';
import { eventEnvelope, instant, plainText } from './event-fields.js';

/** One value of one series (`kind: "metric"`), e.g. a batch job's duration. */
export const metricEventSchema = z
  .object({
    kind: z.literal('metric'),
    ...eventEnvelope,
    series: plainText(200).describe('Series name, unique within the source; keys the history'),
    value: z.number().nullable().describe('The value; null = no value this time'),
    at: instant.optional().describe('When it was measured; default when it arrived'),
    unit: plainText(40).optional().describe('e.g. "ms", "%"'),
    label: plainText(200).optional().describe('Shown on tiles; default the series name'),
  })
  .strict();

export type MetricEvent = z.infer<typeof metricEventSchema>;
