import type { BroadcastOperator } from 'socket.io';
import type { BoardNotesUpdate, TileUpdate } from '../../shared/board.js';
import type { ServerToClientEvents } from '../../shared/events.js';

/** What the hub sends to every display of a board after its snapshot. */
export type BoardMessage = { event: 'tile:update'; update: TileUpdate } | { event: 'board:notes'; update: BoardNotesUpdate };

/**
 * Two messages not yet sent, as one: tile updates by tile (the newer view of a tile replaces the
 * older in its place), banners by the newer list (each carries the whole list). Null for a tile
 * update and a banner list, which travel as different events.
 */
export function mergeBoardMessages(older: BoardMessage, newer: BoardMessage): BoardMessage | null {
  if (older.event === 'tile:update' && newer.event === 'tile:update') {
    const views = new Map(older.update.views.map((view) => [view.id, view]));
    for (const view of newer.update.views) views.set(view.id, view);
    return { event: 'tile:update', update: { ...newer.update, views: [...views.values()] } };
  }
  if (older.event === 'board:notes' && newer.event === 'board:notes') return newer;
  return null;
}

export function emitBoardMessage(to: BroadcastOperator<ServerToClientEvents, unknown>, message: BoardMessage): void {
  if (message.event === 'tile:update') to.emit('tile:update', message.update);
  else to.emit('board:notes', message.update);
}
