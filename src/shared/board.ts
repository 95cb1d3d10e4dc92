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
