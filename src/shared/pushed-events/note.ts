import { z } from 'zod';
import { eventEnvelope, instant, plainText } from './event-fields.js';

/** A banner for the wall (`kind: "note"`): "Maintenance 22:00–23:00", shown until it expires. */
export const noteEventSchema = z
  .object({
    kind: z.literal('note'),
    ...eventEnvelope,
    board: z.string().min(1).max(100).optional().describe('The board it is for; every board when left out'),
    text: plainText(200),
    level: z.enum(['info', 'warning', 'critical']).default('info'),
    at: instant.optional().describe('When it starts showing; default when it arrived'),
    expiresAt: instant.optional().describe('When it stops showing; default one hour after `at`'),
  })
  .strict();

export type NoteEvent = z.infer<typeof noteEventSchema>;
