import { z } from 'zod';
import { plainLine } from '../plain-text.js';

/**
 * Field schemas every pushed event kind is built from. Everything a client sends is hostile: text is
 * bounded and made one plain line (controls, escapes and bidi marks removed), times are checked.
 */

/** Text as the wall shows it: one plain line of at most `maxChars`, at least one visible character. */
export const plainText = (maxChars: number) =>
  z
    .string()
    .max(maxChars * 4, `expected at most ${maxChars} characters`)
    .transform((value) => plainLine(value, maxChars))
    .refine((value) => value.length > 0, 'expected text with at least one visible character');

/** A name that keys something (an environment, a service, a host): plain, no spaces at either end. */
export const nameText = (maxChars: number) => plainText(maxChars).refine((value) => !/^\s|\s$/.test(value), 'expected no spaces at either end');

/** When something happened: epoch milliseconds, or an ISO 8601 date-time with its offset. Becomes epoch ms. */
export const instant = z.union([
  z.number().int().min(946_684_800_000, 'expected epoch milliseconds after 2000').max(32_503_680_000_000, 'expected epoch milliseconds before 3000'),
  z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with an offset, e.g. "2026-12-01T12:00:00Z", or epoch milliseconds' }).transform((value) => Date.parse(value)),
]);

/** A link shown on the wall and opened by people: http(s) only, so no `javascript:` ever reaches an href. */
export const webLink = z
  .string()
  .max(2_000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'expected an http:// or https:// URL');

/**
 * What every event may carry besides its kind's fields: `id`, the sender's idempotency key (a retried
 * POST with the same id is stored and counted once), and `source`, the push source it is for (needed
 * only when the token may push this kind to more than one source).
 */
export const eventEnvelope = {
  id: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'expected printable ASCII without spaces').optional(),
  source: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a source id (letters, digits, "_", "." and "-")').optional(),
};
