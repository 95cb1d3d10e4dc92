import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { TickingClock } from './ticking-clock.js';
import { repeat } from 'lit/directives/repeat.js';
import { io, type Socket } from 'socket.io-client';
import type { BoardInfo, BoardNote, BoardNotesUpdate, BoardSnapshot, TilePlacement, TileUpdate } from '../shared/board.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/events.js';
import type { TileView } from '../shared/tile-view.js';
import { CONNECTION_TEXT, type ConnectionState } from './connection-state.js';
import { hostStyles } from './host-styles.js';
import './note-banner.js';
import './tile-frame.js';
import { widgetTemplate } from './widget-registry.js';

/**
 * @summary A whole board: owns the one socket, joins the board's room, lays tiles out on a CSS grid
 * that fills the screen exactly, applies the snapshot and then each delta, and shows the state of
 * the connection. Tiles never talk to the server themselves.
 */
@customElement('radiator-board')
export class RadiatorBoard extends LitElement {
  @property({ attribute: 'board-id' }) boardId = '';
  /** Extra text for the header, e.g. the playlist position. */
  @property() caption = '';
  @state() private info: BoardInfo | null = null;
  @state() private layout: TilePlacement[] = [];
  @state() private views = new Map<string, TileView>();
  @state() private notes: readonly BoardNote[] = [];
  @state() private connection: ConnectionState = 'connecting';
  @state() private error: string | null = null;
  private readonly clock = new TickingClock(this, 1000);
  private offsetMs = 0;
  private serverVersion: string | null = null;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private joined: string | null = null;

  static override styles = [
    hostStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        width: 100%;
        height: 100%;
        background: var(--bg);
        color: var(--fg);
        padding: 0.8vmin;
        gap: 0.8vmin;
        overflow: hidden;
      }
      header {
        flex: none;
        display: flex;
        align-items: center;
        gap: 2vmin;
        height: 4.2vh;
        padding: 0 0.6vmin;
        font-size: 2.9vh;
        white-space: nowrap;
      }
      h1 {
        font-size: 1em;
        margin: 0;
        font-weight: 700;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .caption {
        color: var(--fg-dim);
        font-size: 0.8em;
      }
      .link {
        margin-left: auto;
        display: flex;
        align-items: center;
        gap: 0.6vmin;
        font-size: 0.8em;
        color: var(--fg-dim);
      }
      .dot {
        width: 1.5vh;
        height: 1.5vh;
        border-radius: 50%;
        background: var(--unknown);
      }
      :host([connection='live']) .dot { background: var(--ok); }
      :host([connection='offline']) .dot,
      :host([connection='reconnecting']) .dot { background: var(--critical); animation: blink 1s steps(2) infinite; }
      :host([connection='offline']) .link,
      :host([connection='reconnecting']) .link { color: var(--critical); font-weight: 700; }
      @keyframes blink { 50% { opacity: 0.2; } }
      main {
        flex: 1;
        min-height: 0;
        display: grid;
        gap: 0.8vmin;
      }
      .error {
        margin: auto;
        font-size: 4vh;
        color: var(--critical);
        text-align: center;
        max-width: 80vw;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket', 'polling'] });
    this.socket = socket;
    socket.on('connect', () => {
      this.connection = 'live';
      this.joined = null;
      this.join();
    });
    socket.on('disconnect', () => (this.connection = 'reconnecting'));
    socket.io.on('reconnect_attempt', (attempt) => {
      if (attempt > 3) this.connection = 'offline';
    });
    socket.on('board:snapshot', (snapshot) => this.applySnapshot(snapshot));
    socket.on('tile:update', (update) => this.applyUpdate(update));
    socket.on('board:notes', (update) => this.applyNotes(update));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.socket?.close();
    this.socket = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('boardId') && this.socket?.connected) this.join();
    this.setAttribute('connection', this.connection);
  }

  private join(): void {
    const socket = this.socket;
    if (!socket || !this.boardId || this.joined === this.boardId) return;
    if (this.joined) socket.emit('board:leave', this.joined);
    const boardId = this.boardId;
    this.joined = boardId;
    socket.emit('board:join', boardId, (result) => {
      this.error = result.ok ? null : result.error;
    });
  }

  private applySnapshot(snapshot: BoardSnapshot): void {
    if (snapshot.board.id !== this.boardId) return;
    // a wall display runs for weeks: when it reconnects to an upgraded server, load the new app
    if (this.serverVersion && snapshot.serverVersion !== this.serverVersion) {
      location.reload();
      return;
    }
    this.serverVersion = snapshot.serverVersion;
    this.offsetMs = Date.parse(snapshot.serverTime) - Date.now();
    this.info = snapshot.board;
    this.layout = snapshot.layout;
    this.views = new Map(snapshot.views.map((v) => [v.id, v]));
    this.notes = snapshot.notes;
    document.title = `${snapshot.board.title} · Radiator`;
  }

  private applyUpdate(update: TileUpdate): void {
    if (update.boardId !== this.boardId) return;
    this.offsetMs = Date.parse(update.serverTime) - Date.now();
    const next = new Map(this.views);
    for (const view of update.views) next.set(view.id, view);
    this.views = next;
  }

  private applyNotes(update: BoardNotesUpdate): void {
    if (update.boardId !== this.boardId) return;
    this.notes = update.notes;
  }

  override render() {
    if (this.error) return html`<div class="error">${this.error}</div>`;
    const info = this.info;
    const serverNow = this.clock.now + this.offsetMs;
    return html`
      <header>
        <h1>${info?.title ?? this.boardId}</h1>
        ${this.caption ? html`<span class="caption">${this.caption}</span>` : nothing}
        <span class="link" role="status"><span class="dot"></span>${CONNECTION_TEXT[this.connection]}</span>
      </header>
      <radiator-note-banner .notes=${this.notes}></radiator-note-banner>
      <main style=${info ? `grid-template-columns: repeat(${info.columns}, minmax(0, 1fr)); grid-template-rows: repeat(${info.rows}, minmax(0, 1fr));` : ''}>
        ${repeat(
          this.layout,
          (t) => t.id,
          (t) => {
            const view = this.views.get(t.id);
            if (!view) return nothing;
            return html`<radiator-tile
              data-tile=${t.id}
              style=${`grid-column: ${t.x + 1} / span ${t.w}; grid-row: ${t.y + 1} / span ${t.h};`}
              .view=${view}
              .now=${serverNow}
              >${widgetTemplate(view, this.offsetMs)}</radiator-tile
            >`;
          },
        )}
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-board': RadiatorBoard;
  }
}
