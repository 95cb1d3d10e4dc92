import type { BoardNote } from '../../shared/board.js';
import type { NoteLevel, NotesReading } from '../readings/notes.js';

/** What a `notes` source holds now: its id and its last reading. */
export interface NotesOfSource {
  source: string;
  reading: NotesReading;
}

const URGENCY: Record<NoteLevel, number> = { critical: 0, warning: 1, info: 2 };

/**
 * The banners `boardId` shows at `now`: notes for this board or for every board, from their `at`
 * until their `expiresAt` (time alone moves a note on or off the wall), most urgent first, then the
 * newest. Pure: the catalog reads the readings, live updates decide when to ask again.
 */
export function notesShownOn(boardId: string, sources: readonly NotesOfSource[], now: number): BoardNote[] {
  return sources
    .flatMap(({ source, reading }) =>
      reading.notes
        .filter((note) => (note.board === null || note.board === boardId) && note.at <= now && now < note.expiresAt)
        .map(({ key, board, text, level, at, expiresAt }): BoardNote => ({ source, key, board, text, level, at, expiresAt })),
    )
    .sort((a, b) => URGENCY[a.level] - URGENCY[b.level] || b.at - a.at);
}
