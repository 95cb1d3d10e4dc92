import { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';
import type { MetricsReading } from '../readings/metrics.js';
import { definePushedSourceKind } from './source-kind.js';

const MAX_SAMPLES = 1_000;

/** A name or label as the wall shows it: one plain line, at least one visible character. */
const text = (maxChars: number) =>
  z
    .string()
    .max(maxChars * 4)
    .transform((value) => plainLine(value, maxChars))
    .refine((value) => value.length > 0, 'expected text with at least one visible character');

const sample = z
  .object({
    series: text(200).describe('Series name, unique within the push; keys the history'),
    value: z.number().nullable().describe('The value now; null = no value this time'),
    unit: text(40).optional().describe('e.g. "ms", "%"'),
    label: text(200).optional().describe('Shown on tiles; default the series name'),
  })
  .strict();

/**
 * Metrics sent to Radiator by code instead of polled (a CI job's timings, a batch job's counts): each
 * push is the source's whole reading at the moment it arrives, its samples becoming history points.
 * Series a push leaves out are not current any more (their history stays until it ages out).
 */
export const pushSource = definePushedSourceKind({
  kind: 'push',
  description: 'Metrics pushed to Radiator (no polling): each push is the source\'s reading at the time it arrives.',
  produces: 'metrics',
  event: 'metrics',
  options: z.object({}),
  payload: z
    .object({ samples: z.array(sample).min(1).max(MAX_SAMPLES) })
    .strict()
    .superRefine(({ samples }, ctx) => {
      const seen = new Set<string>();
      samples.forEach(({ series }, index) => {
        if (seen.has(series)) ctx.addIssue({ code: 'custom', path: ['samples', index, 'series'], message: `series "${series}" is given twice in this push` });
        seen.add(series);
      });
    }),
  receive(_options, payload, context): MetricsReading {
    return {
      type: 'metrics',
      // the time it arrived, not one the sender claims: a clock ahead would keep the data fresh forever
      at: context.now(),
      samples: payload.samples.map(({ series, value, unit, label }) => ({ series, value, unit: unit ?? '', label: label ?? series })),
    };
  },
});
