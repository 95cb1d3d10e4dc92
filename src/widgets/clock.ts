import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { TickingClock } from './ticking-clock.js';
import type { ClockTileView } from '../shared/tile-view.js';
import { widgetHostStyles } from './host-styles.js';

/**
 * @summary A large clock, optionally in another time zone. It ticks in the browser (one timer,
 * removed when the element leaves the page), corrected by the server's clock offset.
 */
@customElement('radiator-clock')
export class RadiatorClock extends LitElement {
  @property({ attribute: false }) view!: ClockTileView;
  /** Server time minus display time, in ms, so a TV with a wrong clock still shows the right time. */
  @property({ type: Number }) offsetMs = 0;
  private readonly clock = new TickingClock(this, 1000);

  static override styles = [
    widgetHostStyles,
    css`
      :host {
        align-items: center;
        justify-content: center;
      }
      .time {
        font-size: min(42cqh, 19cqw);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        line-height: 1;
      }
      .seconds {
        font-size: 0.45em;
        color: var(--fg-dim);
      }
      .caption {
        max-width: 96cqw;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-size: min(14cqh, 8cqw);
        color: var(--fg-dim);
        margin-top: 3cqh;
      }
    `,
  ];

  override render() {
    const data = this.view?.data;
    if (!data) return nothing;
    const when = new Date(this.clock.now + this.offsetMs);
    const zone = data.timeZone ?? undefined;
    const hm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(when);
    const ss = new Intl.DateTimeFormat('en-GB', { second: '2-digit', timeZone: zone }).format(when).padStart(2, '0');
    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).format(when);
    return html`
      <div class="time">${hm}${data.showSeconds ? html`<span class="seconds">:${ss}</span>` : nothing}</div>
      <div class="caption">${day}${data.label ? ` · ${data.label}` : ''}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-clock': RadiatorClock;
  }
}
