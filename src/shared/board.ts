import type { TileView } from './tile-view.js';

export interface BoardInfo {
  id: string;
  title: string;
  columns: number;
  rows: number;
}

/** Where a tile sits on the board grid; x and y count from 0, w and h in grid cells. */
export interface TilePlacement {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BoardSnapshot {
  board: BoardInfo;
  layout: TilePlacement[];
  views: TileView[];
  /** Server clock, so displays with a wrong clock still show correct "N s ago". */
  serverTime: string;
  /** Radiator's version; a display that reconnects to a newer one reloads itself. */
  serverVersion: string;
  /** The banners the board shows now, most urgent first (see BoardNote). */
  notes: BoardNote[];
}

/**
 * A banner shown above a board's tiles: a note pushed to a `notes` source for this board or for every
 * board, from its `at` until its `expiresAt`. The server decides which notes a board shows and when.
 */
export interface BoardNote {
  /** The `notes` source it came from. */
  source: string;
  /** The note's key within that source: the name the sender gave it (`note`), else a hash of its board and text. */
  key: string;
  /** The board it was sent for; null = every board. */
  board: string | null;
  text: string;
  level: 'info' | 'warning' | 'critical';
  /** Epoch ms. */
  at: number;
  /** Epoch ms; the banner goes when this passes. */
  expiresAt: number;
}

/** A board's banners after they changed (a note came, was updated or cleared, started or expired): the whole list. */
export interface BoardNotesUpdate {
  boardId: string;
  notes: BoardNote[];
  serverTime: string;
}

export interface TileUpdate {
  boardId: string;
  views: TileView[];
  serverTime: string;
}

export interface PlaylistInfo {
  id: string;
  title: string;
  boards: string[];
  /** How long each board stays on screen, in ms. */
  everyMs: number;
}
