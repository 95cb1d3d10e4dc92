import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import './board.js';
import { pageHostStyles } from './host-styles.js';
import './playlist.js';

/**
 * @summary The kiosk page: `/boards/:id` shows one board, `/playlists/:id` rotates several.
 */
@customElement('radiator-app')
export class RadiatorApp extends LitElement {
  static override styles = [
    pageHostStyles,
    css`
      p { color: var(--fg-dim); font: 3vh system-ui, sans-serif; margin: 20vh auto; text-align: center; }
      a { color: #58a6ff; }
    `,
  ];

  override render() {
    const [kind, id] = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (kind === 'boards' && id) return html`<radiator-board board-id=${id}></radiator-board>`;
    if (kind === 'playlists' && id) return html`<radiator-playlist playlist-id=${id}></radiator-playlist>`;
    return html`<p>Pick a board on the <a href="/">start page</a>.</p>`;
  }
}
