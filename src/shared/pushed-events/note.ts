import { z } from 'zod';
import { eventEnvelope, instant, nameText, plainText } from './event-fields.js';

/**
 * A banner for the wall (`kind: "note"`): "Maintenance 22:00–23:00", shown until it expires. A note is
 * named by `note` (as a deploy by `deploy`), not by `id`: `id` is the idempotency key, so a second event
 * with the same `id` is a retry and is dropped, while one with the same `note` replaces the note.
 */
export const noteEventSchema = z
  .object({
    kind: z.literal('note'),
    ...eventEnvelope,
    note: nameText(100)
      .optional()
      .describe('Names the note: a later event with the same `note` replaces it (text, level, times); an `expiresAt` already past clears it. Without it, a note is known by its board and text'),
    board: z.string().min(1).max(100).optional().describe('The board it is for; every board when left out'),
    text: plainText(200),
    level: z.enum(['info', 'warning', 'critical']).default('info'),
    at: instant.optional().describe('When it starts showing; default when it arrived'),
    expiresAt: instant.optional().describe('When it stops showing; default one hour after `at`'),
  })
  .strict();

export type NoteEvent = z.infer<typeof noteEventSchema>;
