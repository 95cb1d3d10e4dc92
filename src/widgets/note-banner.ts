import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { BoardNote } from '../shared/board.js';
import { hostStyles } from './host-styles.js';
import { TickingClock } from './ticking-clock.js';

type NoteLevel = BoardNote['level'];

/** Colour AND glyph AND word per level, as for statuses: it reads for colour-blind viewers and on washed-out TVs. */
export const NOTE_GLYPH: Record<NoteLevel, string> = { info: 'ℹ', warning: '▲', critical: '✖' };
export const NOTE_WORD: Record<NoteLevel, string> = { info: 'INFO', warning: 'WARNING', critical: 'CRITICAL' };

/** Rows the strip may take; past that the last row turns through the rest, so the tiles keep most of the screen. */
export const NOTE_ROWS = 3;
/** How long each of the turning notes stays in the last row. */
export const NOTE_TURN_MS = 8_000;
/** Texts longer than this get the smaller size, so 200 characters still fit in three lines at 1080p. */
const LONG_TEXT = 100;

/**
 * @summary The board's banner strip: one row per note (level colour + glyph + word, the text, when it
 * ends), most urgent first as the server sent them, above the tiles. At most NOTE_ROWS rows; with more
 * notes the last row turns through the rest. Hidden without notes; it takes its room from the grid.
 */
@customElement('radiator-note-banner')
export class RadiatorNoteBanner extends LitElement {
  /** The notes the board shows now, as the server decided (BoardSnapshot.notes, board:notes). */
  @property({ attribute: false }) notes: readonly BoardNote[] = [];
  private readonly clock = new TickingClock(this, NOTE_TURN_MS);

  static override styles = [
    hostStyles,
    css`
      :host {
        --note-info: #58a6ff;
        display: flex;
        flex-direction: column;
        flex: none;
        gap: 0.6vmin;
      }
      :host([hidden]) {
        display: none;
      }
      .note {
        display: flex;
        align-items: center;
        gap: 1.6vmin;
        padding: 0.7vh 1.4vmin;
        border-radius: 0.8vmin;
        border-left: 1.2vmin solid var(--level);
        background: color-mix(in srgb, var(--level) 16%, var(--tile-bg));
        font-size: 3vh;
        line-height: 1.2;
      }
      .note[data-level='info'] { --level: var(--note-info); }
      .note[data-level='warning'] { --level: var(--warning); }
      .note[data-level='critical'] { --level: var(--critical); }
      .badge {
        flex: none;
        color: var(--level);
        font-weight: 800;
        white-space: nowrap;
      }
      .text {
        flex: 1;
        min-width: 0;
        font-weight: 600;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 3;
        overflow: hidden;
      }
      .note.long .text {
        font-size: max(var(--value-min), 0.87em);
      }
      .end {
        flex: none;
        color: var(--fg-dim);
        font-size: max(var(--text-min), 0.75em);
        white-space: nowrap;
      }
    `,
  ];

  protected override willUpdate(): void {
    this.hidden = this.notes.length === 0;
    this.setAttribute('role', 'status');
  }

  override render() {
    if (this.notes.length === 0) return nothing;
    return repeat(
      this.shown(),
      ({ note }) => `${note.source}/${note.key}`,
      ({ note, turn }) => html`
        <div class="note ${note.text.length > LONG_TEXT ? 'long' : ''}" data-level=${note.level} data-note=${`${note.source}/${note.key}`}>
          <span class="badge">${NOTE_GLYPH[note.level]} ${NOTE_WORD[note.level]}</span>
          <span class="text">${note.text}</span>
          <span class="end">${turn ? `${turn} · ` : ''}until ${untilText(note.expiresAt, this.clock.now)}</span>
        </div>
      `,
    );
  }

  /** The rows on screen now: every note when they fit, else the first ones and one of the rest in turn ("4/6"). */
  private shown(): { note: BoardNote; turn: string | null }[] {
    const notes = this.notes;
    if (notes.length <= NOTE_ROWS) return notes.map((note) => ({ note, turn: null }));
    const fixed = notes.slice(0, NOTE_ROWS - 1).map((note) => ({ note, turn: null }));
    const turning = notes.slice(NOTE_ROWS - 1);
    const index = Math.floor(this.clock.now / NOTE_TURN_MS) % turning.length;
    return [...fixed, { note: turning[index]!, turn: `${NOTE_ROWS + index}/${notes.length}` }];
  }
}

const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short' });
const dayAndMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** "23:00" today, "Tue 09:00" within the week, else "12 Mar 09:00": 24-hour, in the wall's own time zone, as the clock and graphs. */
function untilText(at: number, now: number): string {
  const time = timeOfDay.format(at);
  if (new Date(at).toDateString() === new Date(now).toDateString()) return time;
  return `${(at - now < 6 * 86_400_000 ? weekday : dayAndMonth).format(at)} ${time}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-note-banner': RadiatorNoteBanner;
  }
}
