import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { TileView } from '../../shared/tile-view.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';
import type { BoardCatalog } from '../tiles/board-catalog.js';

const room = (boardId: string) => `board:${boardId}`;

/**
 * The only place that emits to displays: one Socket.IO room per board, a snapshot on join,
 * then `tile:update` with only the changed tiles.
 */
export class Hub {
  private readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private readonly snapshotListeners = new Set<(boardId: string, views: readonly TileView[]) => void>();

  constructor(
    httpServer: HttpServer,
    private readonly catalog: BoardCatalog,
    private readonly now: () => number,
  ) {
    this.io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
      serveClient: false,
      // wall displays sit on flaky Wi-Fi for weeks: detect dead links within a minute
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
    this.io.on('connection', (socket) => {
      socket.on('board:join', (boardId, ack) => {
        const reply = typeof ack === 'function' ? ack : () => {};
        if (typeof boardId !== 'string' || !this.catalog.has(boardId)) {
          reply({ ok: false, error: `unknown board "${String(boardId)}"; known boards: ${this.catalog.boardIds().join(', ')}` });
          return;
        }
        void socket.join(room(boardId));
        reply({ ok: true });
        const snapshot = this.catalog.snapshot(boardId, this.now());
        socket.emit('board:snapshot', snapshot);
        for (const listener of this.snapshotListeners) listener(boardId, snapshot.views);
      });
      socket.on('board:leave', (boardId) => {
        if (typeof boardId === 'string') void socket.leave(room(boardId));
      });
    });
  }

  publish(boardId: string, views: TileView[]): void {
    if (views.length === 0) return;
    this.io.to(room(boardId)).emit('tile:update', { boardId, views, serverTime: new Date(this.now()).toISOString() });
  }

  /** Told of every snapshot sent, so whoever computes deltas knows what a new display has. */
  onSnapshot(listener: (boardId: string, views: readonly TileView[]) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  hasViewers(boardId: string): boolean {
    return (this.io.sockets.adapter.rooms.get(room(boardId))?.size ?? 0) > 0;
  }

  /** Number of displays currently showing each board. */
  viewers(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const id of this.catalog.boardIds()) out[id] = this.io.sockets.adapter.rooms.get(room(id))?.size ?? 0;
    return out;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.io.close(() => resolve());
    });
  }
}
