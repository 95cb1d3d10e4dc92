import type { BoardSnapshot, TileUpdate } from './board.js';

export type JoinResult = { ok: true } | { ok: false; error: string };

/** Everything the server emits. Only src/server/hub emits these. */
export interface ServerToClientEvents {
  /** The whole board, sent once after each board:join. */
  'board:snapshot': (snapshot: BoardSnapshot) => void;
  /** Only the tiles whose view changed since the last update. */
  'tile:update': (update: TileUpdate) => void;
}

export interface ClientToServerEvents {
  'board:join': (boardId: string, ack: (result: JoinResult) => void) => void;
  'board:leave': (boardId: string) => void;
}
