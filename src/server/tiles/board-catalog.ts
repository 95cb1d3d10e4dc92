import type { BoardInfo, BoardSnapshot, PlaylistInfo, TilePlacement } from '../../shared/board.js';
import type { TileView } from '../../shared/tile-view.js';
import type { RadiatorConfig } from '../config/schema.js';
import { parseDurationMs } from '../config/duration.js';
import type { LiveStore } from '../store/store-ports.js';
import { projectTile } from './project-tile.js';
import { bindTile, type BoundTile, type RegisteredTileKind } from './registered-tile-kind.js';

/** The configured boards and playlists, and their current tile views computed from the store. */
export class BoardCatalog {
  /** Each board's tiles bound to their widget kinds once, options parsed. */
  private readonly tiles = new Map<string, BoundTile[]>();

  constructor(
    private readonly config: RadiatorConfig,
    private readonly store: LiveStore,
    private readonly version: string,
    tileKinds: readonly RegisteredTileKind[],
  ) {
    for (const [boardId, board] of Object.entries(config.boards)) this.tiles.set(boardId, board.tiles.map((tile) => bindTile(tile, tileKinds)));
  }

  boardIds(): string[] {
    return Object.keys(this.config.boards);
  }

  has(boardId: string): boolean {
    return Object.hasOwn(this.config.boards, boardId);
  }

  info(boardId: string): BoardInfo {
    const board = this.board(boardId);
    return { id: boardId, title: board.title, columns: board.columns, rows: board.rows };
  }

  layout(boardId: string): TilePlacement[] {
    return this.board(boardId).tiles.map(({ id, x, y, w, h }) => ({ id, x, y, w, h }));
  }

  sourceIds(): string[] {
    return Object.keys(this.config.sources);
  }

  /** The board's tile views; with `sourceId`, only the tiles that show that source. */
  views(boardId: string, now: number, sourceId?: string): TileView[] {
    const tiles = this.tiles.get(boardId);
    if (!tiles || !this.has(boardId)) throw new Error(`unknown board "${boardId}"`);
    return (sourceId === undefined ? tiles : tiles.filter((t) => t.tile.source === sourceId)).map((tile) => projectTile(tile, this.store, now));
  }

  snapshot(boardId: string, now: number): BoardSnapshot {
    return { board: this.info(boardId), layout: this.layout(boardId), views: this.views(boardId, now), serverTime: new Date(now).toISOString(), serverVersion: this.version };
  }

  /** Boards that show at least one tile of this source. */
  boardsShowing(sourceId: string): string[] {
    return Object.entries(this.config.boards)
      .filter(([, board]) => board.tiles.some((t) => t.source === sourceId))
      .map(([id]) => id);
  }

  playlists(): PlaylistInfo[] {
    return Object.keys(this.config.playlists).map((id) => this.playlist(id)!);
  }

  playlist(playlistId: string): PlaylistInfo | undefined {
    if (!Object.hasOwn(this.config.playlists, playlistId)) return undefined;
    const p = this.config.playlists[playlistId]!;
    return { id: playlistId, title: p.title ?? playlistId, boards: p.boards, everyMs: parseDurationMs(p.every) ?? 30_000 };
  }

  private board(boardId: string) {
    const board = this.config.boards[boardId];
    if (!board || !this.has(boardId)) throw new Error(`unknown board "${boardId}"`);
    return board;
  }
}
