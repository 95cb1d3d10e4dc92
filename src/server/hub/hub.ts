import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { BoardNote } from '../../shared/board.js';
import type { TileView } from '../../shared/tile-view.js';
import type { ClientToServerEvents, JoinResult, ServerToClientEvents } from '../../shared/events.js';
import type { Logger } from '../logger.js';
import type { BoardCatalog } from '../boards/board-catalog.js';
import { quotedId, readBoardId } from './client-payloads.js';
import { DEFAULT_DISPLAY_LIMITS, JoinBudget, type DisplayLimits } from './display-limits.js';
import { SnapshotFanout } from './snapshot-fanout.js';
import { UpdateFanout } from './update-fanout.js';
import { emitBoardMessage, mergeBoardMessages, type BoardMessage } from './board-messages.js';

const room = (boardId: string) => `board:${boardId}`;
const boardOfRoom = (name: string) => (name.startsWith('board:') ? name.slice('board:'.length) : null);

/** Displays only send board ids; a larger message is not a display talking. */
const MAX_MESSAGE_BYTES = 16 * 1024;
/**
 * A display that stops reading (a hung browser, a dead link the OS has not noticed yet) would make
 * every update pile up in memory: past this many queued packets it is disconnected, and gets a
 * fresh snapshot when it reconnects.
 */
const MAX_QUEUED_PACKETS = 256;

/** A Socket.IO adapter (how rooms and broadcasts reach sockets): in-memory by default, Redis for several instances. */
export type SocketAdapter = ServerOptions['adapter'];

export interface HubOptions {
  limits: DisplayLimits;
  logger: Logger;
  adapter?: SocketAdapter;
  /** Told of every broadcast and of the bytes handed to display connections (the /metrics counters). */
  observer?: HubObserver;
}

export interface HubObserver {
  emitted(boardId: string, event: 'board:snapshot' | 'tile:update', views: number): void;
  bytesHandedToDisplays(bytes: number): void;
}

type DisplaySocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * The only place that emits to displays: one Socket.IO room per board, a snapshot on join,
 * then `tile:update` with only the changed tiles. Everything a display sends is validated, budgeted
 * and handled so that no message can end the process or hold up the other walls.
 */
export class Hub {
  private readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private readonly snapshotListeners = new Set<(boardId: string, views: readonly TileView[], notes: readonly BoardNote[]) => void>();
  private readonly fanout: SnapshotFanout;
  /** Updates to boards with many displays, a slice of them per turn (in-memory adapter only: see `deliver`). */
  private readonly updates: UpdateFanout<BoardMessage>;
  private readonly budget: JoinBudget;
  private readonly options: HubOptions;
  /** Per display, packets handed to its connection since its transport last drained. */
  private readonly queued = new Map<string, number>();

  constructor(
    httpServer: HttpServer,
    private readonly catalog: BoardCatalog,
    private readonly now: () => number,
    options: Partial<HubOptions> & Pick<HubOptions, 'logger'>,
  ) {
    this.options = { limits: DEFAULT_DISPLAY_LIMITS, ...options };
    this.budget = new JoinBudget(this.options.limits);
    this.fanout = new SnapshotFanout((boardId, displayIds) => this.sendSnapshot(boardId, displayIds));
    this.updates = new UpdateFanout<BoardMessage>({
      send: (boardId, slice, message) => {
        // those that left the board or went away since it was published get nothing
        const still = this.io.sockets.adapter.rooms.get(room(boardId));
        const to = slice.filter((id) => still?.has(id));
        if (to.length > 0) emitBoardMessage(this.io.to(to), message); // never an empty list: that would be every socket
      },
      merge: mergeBoardMessages,
      resync: (boardId, displays) => {
        this.options.logger.warn(`board ${boardId}: updates fell behind its ${displays.length} displays; sending them the board afresh`);
        for (const id of displays) this.fanout.request(boardId, id);
      },
      onError: (boardId, err) =>
        this.options.logger.error(`board ${boardId}: cannot send an update: ${err instanceof Error ? (err.stack ?? err.message) : 'non-error thrown'}`),
    });
    this.io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
      ...(this.options.adapter ? { adapter: this.options.adapter } : {}),
      serveClient: false,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      // wall displays sit on flaky Wi-Fi for weeks: detect dead links within a minute
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
    this.io.on('connection', (socket) => {
      this.queued.set(socket.id, 0);
      socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
        this.queued.set(socket.id, (this.queued.get(socket.id) ?? 0) + 1);
        if (packet.type === 'message') this.options.observer?.bytesHandedToDisplays(packetBytes(packet.data));
      });
      socket.conn.on('drain', () => this.queued.set(socket.id, 0));
      socket.on('board:join', (rawBoardId: unknown, rawAck: unknown) => {
        const ack = typeof rawAck === 'function' ? (result: JoinResult) => void rawAck(result) : () => {};
        this.handle(socket, 'board:join', () => this.join(socket, rawBoardId, ack), ack);
      });
      socket.on('board:leave', (rawBoardId: unknown) => {
        this.handle(socket, 'board:leave', () => this.leave(socket, rawBoardId));
      });
      socket.on('disconnect', () => {
        this.fanout.cancel(socket.id);
        this.budget.forget(socket.id);
        this.queued.delete(socket.id);
      });
    });
  }

  publish(boardId: string, views: TileView[]): void {
    if (views.length === 0) return;
    this.disconnectStuckDisplays(boardId);
    this.deliver(boardId, { event: 'tile:update', update: { boardId, views, serverTime: new Date(this.now()).toISOString() } });
    this.options.observer?.emitted(boardId, 'tile:update', views.length);
  }

  /** A board's banners changed: every display of it gets the whole list. */
  publishNotes(boardId: string, notes: BoardNote[]): void {
    this.deliver(boardId, { event: 'board:notes', update: { boardId, notes, serverTime: new Date(this.now()).toISOString() } });
  }

  /** Told of every snapshot sent, so whoever computes deltas knows what a new display has. */
  onSnapshot(listener: (boardId: string, views: readonly TileView[], notes: readonly BoardNote[]) => void): () => void {
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
    this.fanout.stop();
    this.updates.stop();
    return new Promise((resolve) => {
      this.io.close(() => resolve());
    });
  }

  /** Runs one handler; whatever it throws is answered to that display alone and logged. */
  private handle(socket: DisplaySocket, event: string, run: () => Promise<void> | void, ack?: (result: JoinResult) => void): void {
    const fail = (err: unknown) => {
      this.options.logger.error(`display ${socket.id}: ${event} failed: ${err instanceof Error ? (err.stack ?? err.message) : 'non-error thrown'}`);
      ack?.({ ok: false, error: `${event} failed on the server` });
    };
    try {
      const pending = run();
      if (pending) pending.catch(fail);
    } catch (err) {
      fail(err);
    }
  }

  private async join(socket: DisplaySocket, rawBoardId: unknown, ack: (result: JoinResult) => void): Promise<void> {
    const id = readBoardId('board:join', rawBoardId);
    if (!id.ok) return ack({ ok: false, error: id.error });
    const { boardId } = id;
    if (!this.catalog.has(boardId)) {
      return ack({ ok: false, error: `unknown board ${quotedId(boardId)}; known boards: ${this.catalog.boardIds().join(', ')}` });
    }
    const refused = await this.budget.take(socket.id);
    if (refused) return ack({ ok: false, error: refused });
    if (socket.disconnected) return;
    const watching = new Set([...this.boardsOf(socket), ...this.fanout.pendingFor(socket.id)]);
    if (!watching.has(boardId) && watching.size >= this.options.limits.maxBoardsPerDisplay) {
      return ack({
        ok: false,
        error: `a display may watch at most ${this.options.limits.maxBoardsPerDisplay} boards at once; send board:leave for one of ${[...watching].join(', ')} first`,
      });
    }
    ack({ ok: true });
    this.fanout.request(boardId, socket.id);
  }

  private leave(socket: DisplaySocket, rawBoardId: unknown): void {
    const id = readBoardId('board:leave', rawBoardId);
    if (!id.ok) return;
    this.fanout.cancel(socket.id, id.boardId);
    void socket.leave(room(id.boardId));
  }

  /**
   * One snapshot for every display that asked for this board in the same turn. The displays enter
   * the room in the same synchronous step as the snapshot goes out, so no update can reach them
   * before the snapshot it applies to; the broadcast encodes the snapshot once for all of them.
   */
  private sendSnapshot(boardId: string, displayIds: readonly string[]): void {
    try {
      const snapshot = this.catalog.snapshot(boardId, this.now());
      const sockets = displayIds.map((id) => this.io.sockets.sockets.get(id)).filter((s): s is DisplaySocket => s !== undefined && s.connected);
      if (sockets.length === 0) return;
      for (const socket of sockets) void socket.join(room(boardId));
      this.io.to(sockets.map((s) => s.id)).emit('board:snapshot', snapshot);
      this.updates.superseded(boardId, sockets.map((s) => s.id));
      this.options.observer?.emitted(boardId, 'board:snapshot', snapshot.views.length);
      for (const listener of this.snapshotListeners) listener(boardId, snapshot.views, snapshot.notes);
    } catch (err) {
      this.options.logger.error(`board ${boardId}: cannot send snapshot: ${err instanceof Error ? (err.stack ?? err.message) : 'non-error thrown'}`);
    }
  }

  /**
   * One message to every display of a board: through UpdateFanout, a slice of them per turn, with the
   * in-memory adapter; with another (several instances), through the room, which reaches the displays
   * connected to the other instances too.
   */
  private deliver(boardId: string, message: BoardMessage): void {
    if (this.options.adapter) {
      emitBoardMessage(this.io.to(room(boardId)), message);
      return;
    }
    this.updates.publish(boardId, [...(this.io.sockets.adapter.rooms.get(room(boardId)) ?? [])], message);
  }

  private boardsOf(socket: DisplaySocket): string[] {
    return [...socket.rooms].map(boardOfRoom).filter((b): b is string => b !== null);
  }

  private disconnectStuckDisplays(boardId: string): void {
    for (const id of this.io.sockets.adapter.rooms.get(room(boardId)) ?? []) {
      const queued = this.queued.get(id) ?? 0;
      if (queued <= MAX_QUEUED_PACKETS) continue;
      this.options.logger.warn(`display ${id} on board ${boardId} stopped reading (${queued} packets queued); disconnecting it`);
      this.io.sockets.sockets.get(id)?.disconnect(true);
    }
  }
}

/** An engine.io packet's payload: the encoded Socket.IO message, text or binary. */
function packetBytes(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
