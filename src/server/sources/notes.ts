import { createHash } from 'node:crypto';
import { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';
import { noteEventSchema, type NoteEvent } from '../../shared/pushed-events/note.js';
import type { NoteRecord, NotesReading } from '../readings/notes.js';
import { definePushedSourceKind } from './source-kind.js';

/** How long a note shows when its sender gives no `expiresAt`: one hour after `at`. */
export const DEFAULT_NOTE_LIFETIME_MS = 3_600_000;

/**
 * Banner texts for the boards ("Maintenance 22:00–23:00", "Checkout degraded, we are on it") sent as
 * `note` events. A note is known by its `note` name (else by its board and text): a later event with
 * the same one replaces it (new text, level or expiry), and one whose `expiresAt` has passed clears it
 * early. Not by the event `id`: that is the idempotency key, and a repeated id is dropped as a retry.
 * Expired notes drop out; the newest `maxNotes` are kept.
 */
export const notesSource = definePushedSourceKind({
  kind: 'notes',
  description: 'Banner texts pushed as `note` events, shown above a board\'s tiles (or every board\'s) until they expire.',
  produces: 'notes',
  event: 'note',
  options: z.object({
    maxNotes: z.number().int().min(1).max(100).default(20).describe('How many notes are kept, newest first; an older one drops out when a new one comes'),
  }),
  payload: noteEventSchema,
  checkEvent(event, { boardIds }) {
    if (event.board === undefined || event.board === null || boardIds.includes(event.board)) return [];
    // accepted, it would show nowhere: a typo in a board id must not look like a note on the wall
    return [{ path: ['board'], message: `no board ${JSON.stringify(plainLine(event.board, 100))} (boards: ${boardIds.join(', ')}); leave "board" out to show the note on every board` }];
  },
  receive(options, events, context): NotesReading {
    const now = context.now();
    let notes = context.previous?.notes ?? [];
    for (const event of events) {
      const note = noteOf(event, now);
      // the last word on a note makes it the newest, so the bound never drops the one just updated
      notes = [note, ...notes.filter((kept) => kept.key !== note.key)];
    }
    return { type: 'notes', at: now, notes: notes.filter((note) => note.expiresAt > now).slice(0, options.maxNotes) };
  },
});

function noteOf(event: NoteEvent, arrivedAt: number): NoteRecord {
  const at = event.at ?? arrivedAt;
  return {
    key: event.note ?? keyOf(event),
    board: event.board ?? null,
    text: event.text,
    level: event.level,
    at,
    expiresAt: event.expiresAt ?? at + DEFAULT_NOTE_LIFETIME_MS,
  };
}

/** A note sent without an id is known by where it shows and what it says: sending it again renews it. */
function keyOf(event: NoteEvent): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([event.board ?? null, event.text]))
    .digest('hex');
  return `text-${digest.slice(0, 16)}`;
}
