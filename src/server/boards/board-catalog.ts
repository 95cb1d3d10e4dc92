import type { BoardInfo, BoardNote, BoardSnapshot, PlaylistInfo, TilePlacement } from '../../shared/board.js';
import type { TileView } from '../../shared/tile-view.js';
import { isReadingOf } from '../readings/reading-kind.js';
import type { LiveStore } from '../store/store-ports.js';
import { projectTile } from '../tiles/project-tile.js';
import type { BoundTile } from '../tiles/registered-tile-kind.js';
import type { Board, BoardModel } from './board-model.js';
import { notesShownOn, type NotesOfSource } from './board-notes.js';

/**
 * The boards and playlists (board-model.ts), and their current tile views computed from the store.
 * What it hands out is a copy: callers may keep or change it without touching the model.
 */
export class BoardCatalog {
  /** Per source, the boards with at least one of its tiles. */
  private readonly showing = new Map<string, string[]>();

  constructor(
    private readonly model: BoardModel,
    private readonly store: LiveStore,
    private readonly version: string,
  ) {
    for (const [boardId, board] of model.boards) {
      for (const source of new Set(board.tiles.flatMap((t) => readBy(t)))) {
        this.showing.set(source, [...(this.showing.get(source) ?? []), boardId]);
      }
    }
  }

  boardIds(): string[] {
    return [...this.model.boards.keys()];
  }

  has(boardId: string): boolean {
    return this.model.boards.has(boardId);
  }

  info(boardId: string): BoardInfo {
    return { ...this.board(boardId).info };
  }

  layout(boardId: string): TilePlacement[] {
    return this.board(boardId).layout.map((placement) => ({ ...placement }));
  }

  sourceIds(): string[] {
    return [...this.model.sourceIds];
  }

  /** The board's tile views; with `sourceId`, only the tiles that read that source (their own or a related one). */
  views(boardId: string, now: number, sourceId?: string): TileView[] {
    const { tiles } = this.board(boardId);
    return (sourceId === undefined ? tiles : tiles.filter((t) => readBy(t).includes(sourceId))).map((tile) => projectTile(tile, this.store, now));
  }

  /** The views of the board's tiles that change with time alone (see TileKind.timed); [] when it has none. */
  timedViews(boardId: string, now: number): TileView[] {
    return this.board(boardId).tiles.filter((t) => t.timed).map((tile) => projectTile(tile, this.store, now));
  }

  /** Boards with a tile whose view changes with time alone. */
  timedBoards(): string[] {
    return [...this.model.boards].filter(([, board]) => board.tiles.some((t) => t.timed)).map(([id]) => id);
  }

  snapshot(boardId: string, now: number): BoardSnapshot {
    return { board: this.info(boardId), layout: this.layout(boardId), views: this.views(boardId, now), serverTime: new Date(now).toISOString(), serverVersion: this.version, notes: this.notes(boardId, now) };
  }

  /** The banners the board shows at `now`, from every source whose reading is notes (board-notes.ts). */
  notes(boardId: string, now: number): BoardNote[] {
    const sources = this.model.sourceIds.flatMap((source): NotesOfSource[] => {
      const reading = this.store.reading(source);
      return reading !== null && isReadingOf('notes', reading) ? [{ source, reading }] : [];
    });
    return notesShownOn(boardId, sources, now);
  }

  /** Does this source hold banner notes (its last reading is of the notes kind)? */
  holdsNotes(sourceId: string): boolean {
    const reading = this.store.reading(sourceId);
    return reading !== null && isReadingOf('notes', reading);
  }

  /** Boards with at least one tile that reads this source (as its own or a related one). */
  boardsShowing(sourceId: string): string[] {
    return [...(this.showing.get(sourceId) ?? [])];
  }

  playlists(): PlaylistInfo[] {
    return [...this.model.playlists.values()].map(copyOf);
  }

  playlist(playlistId: string): PlaylistInfo | undefined {
    const playlist = this.model.playlists.get(playlistId);
    return playlist && copyOf(playlist);
  }

  private board(boardId: string): Board {
    const board = this.model.boards.get(boardId);
    if (!board) throw new Error(`unknown board "${boardId}"`);
    return board;
  }
}

/** Every source a tile reads: its own and the related ones its options name. */
function readBy(bound: BoundTile): string[] {
  return bound.tile.source === null ? [...bound.related] : [bound.tile.source, ...bound.related];
}

function copyOf(playlist: Readonly<PlaylistInfo>): PlaylistInfo {
  return { ...playlist, boards: [...playlist.boards] };
}
