import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TileView } from '../shared/tile-view.js';
import { formatAge } from './relative-time.js';
import { hostStyles } from './host-styles.js';
import { STATUS_GLYPH, STATUS_WORD } from './theme.js';

/**
 * @summary The frame around every widget: title, status as colour + glyph + word, the age of the
 * data, and an unmissable stale/error band with the reason. The widget itself goes in the slot.
 */
@customElement('radiator-tile')
export class RadiatorTile extends LitElement {
  @property({ attribute: false }) view!: TileView;
  /** Current time on the server's clock (epoch ms), ticked by the board. */
  @property({ type: Number }) now = Date.now();

  static override styles = [
    hostStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-width: 0;
        min-height: 0;
        container-type: size;
        /* the board's type size; container queries below measure in it, so 1080p and 4K behave alike */
        font-size: clamp(14px, 2.6vh, 90px);
        background: var(--tile-bg);
        border: 1px solid var(--tile-border);
        border-top: 0.9cqmin solid var(--status-colour, var(--unknown));
        border-radius: 0.8vmin;
        overflow: hidden;
        position: relative;
      }
      header {
        display: flex;
        align-items: center;
        gap: 2.5cqw;
        padding: 1.6cqmin 3cqmin 0.6cqmin;
        font-size: max(var(--text-min), min(1em, 12cqmin));
        line-height: 1.15;
        white-space: nowrap;
      }
      .badge {
        font-weight: 700;
        color: var(--status-colour);
        flex: none;
      }
      .title {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        font-weight: 600;
      }
      .age {
        flex: none;
        color: var(--fg-dim);
        font-size: max(0.75em, var(--text-min));
      }
      .body {
        flex: 1;
        min-height: 0;
        position: relative;
        display: flex;
      }
      .body ::slotted(*) {
        flex: 1;
        min-width: 0;
        min-height: 0;
      }
      /* narrow tiles: glyph without the word, a shorter age, so the title keeps its room */
      @container (max-width: 19em) {
        .badge .word,
        .age .long {
          display: none;
        }
      }
      :host([stale]) .body {
        filter: grayscale(0.85) brightness(0.7);
      }
      :host([stale]) {
        border-top-style: dashed;
      }
      :host([stale]) .badge {
        color: var(--unknown);
      }
      .stale {
        display: flex;
        align-items: center;
        gap: 2cqmin;
        padding: 1.2cqmin 3cqmin;
        font-size: clamp(var(--text-min), min(2.5vh, 8cqmin), 80px);
        line-height: 1.2;
        background: repeating-linear-gradient(135deg, #3a2f12 0 1.2cqmin, #2a230e 1.2cqmin 2.4cqmin);
        color: #ffd580;
        border-top: 1px solid #6b5416;
      }
      .stale strong {
        flex: none;
        letter-spacing: 0.05em;
      }
      .stale span {
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The frame's colour and state live on the host, where the board's CSS and the tests read them. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('view') || !this.view) return;
    this.style.setProperty('--status-colour', `var(--${this.view.status})`);
    this.toggleAttribute('stale', this.view.stale);
    this.dataset.status = this.view.status;
  }

  override render() {
    const v = this.view;
    if (!v) return nothing;
    const age = v.updatedAt ? formatAge(this.now - Date.parse(v.updatedAt)) : null;
    return html`
      <header>
        <span class="badge" title=${STATUS_WORD[v.status]}>${STATUS_GLYPH[v.status]}<span class="word"> ${STATUS_WORD[v.status]}</span></span>
        <span class="title">${v.title}</span>
        ${v.widget === 'clock' ? nothing : html`<span class="age">${age ? html`<span class="long">updated </span>${age} ago` : 'no data yet'}</span>`}
      </header>
      <div class="body"><slot></slot></div>
      ${v.stale || v.reason
        ? html`<div class="stale" role="status">
            <strong>${v.stale ? '⚠ STALE' : '⚠'}</strong><span>${v.reason ?? 'data is not current'}</span>
          </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-tile': RadiatorTile;
  }
}
