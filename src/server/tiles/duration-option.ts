import { z } from 'zod';
import { parseDurationMs } from '../config/duration.js';

/**
 * A tile option that is a duration: "30s", "10m", "2h" or a number of seconds. Kept as written (tile
 * options are parsed again when a board is built, so a transform to ms would be read twice); `durationMs`
 * turns it into ms.
 */
export const durationOption = z
  .union([z.number().positive(), z.string()])
  .superRefine((value, ctx) => {
    if (parseDurationMs(value) === null) ctx.addIssue({ code: 'custom', message: 'expected a duration such as "30s", "10m", "2h" or a number of seconds' });
  });

/** The option's value in ms (the option's schema has refused anything unreadable). */
export function durationMs(value: string | number): number {
  const ms = parseDurationMs(value);
  if (ms === null) throw new Error(`${JSON.stringify(value)} is not a duration`);
  return ms;
}
