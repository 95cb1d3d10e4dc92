import { z } from 'zod';
import { metricEventSchema } from '../../shared/pushed-events/metric.js';
import type { MetricsReading } from '../readings/metrics.js';
import { definePushedSourceKind } from './source-kind.js';

/**
 * Metrics sent to Radiator by code instead of polled (a CI job's timings, a batch job's counts) as
 * `metric` events: the events of one request are the source's whole reading at the moment they
 * arrive (the last value per series), their values becoming history points. Series a request leaves
 * out are not current any more (their history stays until it ages out).
 */
export const pushSource = definePushedSourceKind({
  kind: 'push',
  description: 'Metrics pushed to Radiator as `metric` events (no polling): each request is the source\'s reading at the time it arrives.',
  produces: 'metrics',
  event: 'metric',
  options: z.object({}),
  payload: metricEventSchema,
  receive(_options, events, context): MetricsReading {
    const latest = new Map(events.map((event) => [event.series, event]));
    return {
      type: 'metrics',
      // the time it arrived, not one the sender claims: a clock ahead would keep the data fresh forever
      at: context.now(),
      samples: [...latest.values()].map(({ series, value, unit, label }) => ({ series, value, unit: unit ?? '', label: label ?? series })),
    };
  },
});
