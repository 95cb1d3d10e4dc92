import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PlaylistInfo } from '../shared/board.js';
import './board.js';
import { pageHostStyles } from './host-styles.js';

const RETRY_MS = 10_000;

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
  private rotation: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    pageHostStyles,
    css`
      .error { color: var(--critical); font-size: 4vh; margin: 20vh auto; text-align: center; }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** A playlist taken off the page stops rotating and stops retrying: nothing keeps running on a wall for weeks. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.rotation);
    clearTimeout(this.retry);
  }

  private async load(): Promise<void> {
    try {
      const res = await fetch(`/api/v1/playlists/${encodeURIComponent(this.playlistId)}`);
      const body = (await res.json()) as PlaylistInfo & { error?: string };
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      // the answer may come after the element left the page: then it starts nothing
      if (!this.isConnected) return;
      this.playlist = body;
      clearInterval(this.rotation);
      this.rotation = setInterval(() => (this.index = (this.index + 1) % body.boards.length), body.everyMs);
    } catch (err) {
      if (!this.isConnected) return;
      this.error = `cannot load playlist "${this.playlistId}": ${(err as Error).message}; retrying`;
      this.retry = setTimeout(() => void this.load(), RETRY_MS);
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
