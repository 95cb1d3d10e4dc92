import { z } from 'zod';
import type { ClockData } from '../../shared/views/clock.js';
import { defineTileKind } from './tile-kind.js';

export const clockTile = defineTileKind({
  widget: 'clock',
  description: 'The current time (optionally in another time zone), ticking in the browser.',
  consumes: null,
  options: z
    .object({
      timeZone: z
        .string()
        .refine(isTimeZone, 'an IANA time zone such as "Europe/Berlin" or "UTC"')
        .optional()
        .describe('IANA time zone; default the display\'s own'),
      label: z.string().optional().describe('Caption under the time, e.g. a city'),
      showSeconds: z.boolean().default(true),
    })
    .strict(),
  project({ options }) {
    const data: ClockData = {
      timeZone: options.timeZone ?? null,
      label: options.label ?? null,
      showSeconds: options.showSeconds,
    };
    return { status: 'ok', data };
  },
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
