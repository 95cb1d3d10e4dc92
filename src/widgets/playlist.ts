import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PlaylistInfo } from '../shared/board.js';
import './board.js';

/**
 * @summary Rotates one board element through a playlist's boards, each for `every`; the board
 * keeps its socket and only switches rooms, so the rotation costs no reconnects.
 */
@customElement('radiator-playlist')
export class RadiatorPlaylist extends LitElement {
  @property({ attribute: 'playlist-id' }) playlistId = '';
  @state() private playlist: PlaylistInfo | null = null;
  @state() private index = 0;
  @state() private error: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  static override styles = css`
    :host { display: block; width: 100%; height: 100%; }
    .error { color: #f85149; font-size: 4vh; margin: 20vh auto; text-align: center; }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async load(): Promise<void> {
    try {
      const res = await fetch(`/api/v1/playlists/${encodeURIComponent(this.playlistId)}`);
      const body = (await res.json()) as PlaylistInfo & { error?: string };
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      this.playlist = body;
      clearInterval(this.timer);
      this.timer = setInterval(() => (this.index = (this.index + 1) % body.boards.length), body.everyMs);
    } catch (err) {
      this.error = `cannot load playlist "${this.playlistId}": ${(err as Error).message}; retrying`;
      setTimeout(() => void this.load(), 10_000);
    }
  }

  override render() {
    if (!this.playlist) return html`<div class="error">${this.error ?? ''}</div>`;
    const boards = this.playlist.boards;
    const caption = boards.length > 1 ? `${this.playlist.title} · ${this.index + 1}/${boards.length}` : '';
    return html`<radiator-board board-id=${boards[this.index]!} caption=${caption}></radiator-board>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-playlist': RadiatorPlaylist;
  }
}
