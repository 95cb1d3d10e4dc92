import type { BoardNotesUpdate, BoardSnapshot, TileUpdate } from './board.js';

export type JoinResult = { ok: true } | { ok: false; error: string };

/** Everything the server emits. Only src/server/hub emits these. */
export interface ServerToClientEvents {
  /** The whole board, sent once after each board:join. */
  'board:snapshot': (snapshot: BoardSnapshot) => void;
  /** Only the tiles whose view changed since the last update. */
  'tile:update': (update: TileUpdate) => void;
  /** The board's banners, whole, whenever they change (the snapshot carries them at first). */
  'board:notes': (update: BoardNotesUpdate) => void;
}

export interface ClientToServerEvents {
  'board:join': (boardId: string, ack: (result: JoinResult) => void) => void;
  'board:leave': (boardId: string) => void;
}
