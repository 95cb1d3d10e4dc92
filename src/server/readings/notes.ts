import { z } from 'zod';
import { defineReadingKind } from './reading-kind.js';

export type NoteLevel = 'info' | 'warning' | 'critical';

/** One banner text as the wall keeps it, folded from its `note` events (the last one wins). */
export interface NoteRecord {
  /** The note's identity: the name the sender gave it (`note`), else a hash of its board and text. */
  key: string;
  /** The board it is for; null = every board. */
  board: string | null;
  text: string;
  level: NoteLevel;
  /** Epoch ms from when it shows (the sender's, else when it arrived). */
  at: number;
  /** Epoch ms when it stops showing. */
  expiresAt: number;
}

/** The notes a `notes` source holds: not expired when last pushed, newest (last sent) first, bounded. */
export interface NotesReading {
  type: 'notes';
  /** Epoch ms of the last push. */
  at: number;
  notes: NoteRecord[];
}

declare module './reading-kind.js' {
  interface ReadingTypes {
    notes: NotesReading;
  }
}

const noteRecord = z.looseObject({
  key: z.string(),
  board: z.string().nullable(),
  text: z.string(),
  level: z.enum(['info', 'warning', 'critical']),
  at: z.number(),
  expiresAt: z.number(),
});

export const notesReading = defineReadingKind({
  type: 'notes',
  description: 'Banner texts for boards (one board or all), each with a level and a time it expires; newest first.',
  schema: z.looseObject({ type: z.literal('notes'), at: z.number(), notes: z.array(noteRecord) }),
});
