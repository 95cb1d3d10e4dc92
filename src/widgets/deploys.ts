import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DeploysTileView } from '../shared/tile-view.js';
import { deployLane } from './deploy-lane.js';
import { deploysStyles } from './deploys-styles.js';
import { fitLanesToSize } from './deploys-fit.js';
import { headlineMessageStyles, idleMessageSizes, lineFitStyles, widgetHostStyles } from './host-styles.js';
import { noDataYet } from './no-data-yet.js';
import { promotionStep } from './promotion-step.js';
import { ResizeController } from './resize-controller.js';
import { STATUS_GLYPH } from './theme.js';
import { TickingClock } from './ticking-clock.js';

/**
 * @summary Deploys per environment for reading across a room: one lane per environment side by
 * side in promotion order, each with its state as colour, glyph and word (red while a failed or
 * rolled-back deploy is not followed by a success, amber while a deploy is stalled), what runs there
 * now and since when, a deploy in progress with its step, progress and elapsed time (ticking here),
 * and the last outcomes; under the lanes how far each environment is behind the one before ("prod
 * 2 manifests behind staging · M-4409 since Tue"). On a tile too narrow for columns each lane is one
 * row. Whatever does not fit is left out whole, never clipped. The server decides every state; this
 * only lays it out. A lane is deploy-lane.ts, a promotion step promotion-step.ts (their words
 * deploy-words.ts), the fitting deploys-fit.ts (its rules deploys-layout.ts), the styles
 * deploys-styles.ts.
 */
@customElement('radiator-deploys')
export class RadiatorDeploys extends LitElement {
  @property({ attribute: false }) view!: DeploysTileView;
  /** Server time minus display time, in ms, so elapsed times are right on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** Elapsed times of running deploys move between server updates, which only come when something changed. */
  private readonly clock = new TickingClock(this, 1_000);

  static override styles = [widgetHostStyles, headlineMessageStyles, idleMessageSizes, lineFitStyles, deploysStyles];

  constructor() {
    super();
    // on a new size: columns or rows, and which parts no longer fit
    new ResizeController(this, () => this.fitToSize());
  }

  /** The lane count sizes the type; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('view') || !this.view) return;
    this.style.setProperty('--lanes', String(Math.max(1, this.view.data.lanes.length)));
  }

  protected override updated(): void {
    // also on the clock's ticks: a longer "12 min ago" may wrap a card's title onto a second line
    this.fitToSize();
  }

  private fitToSize(): void {
    fitLanesToSize(this, this.renderRoot, this.view?.data.lanes.length ?? 1);
  }

  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    if (data.headline === 'waiting') {
return noDataYet(view.reason, 'waiting for the first deploy');
    }
    if (data.lanes.length === 0) {
      return html`<div class="idle s-unknown" data-part="no-deploys">
        <div class="big">${STATUS_GLYPH.unknown} No deploys</div>
        <div class="sub">${view.reason ?? 'none reported yet'}</div>
      </div>`;
    }
    const now = this.clock.now + this.offsetMs;
    return html`
      <div class="lanes" data-part="lanes">${repeat(data.lanes, (l) => l.env, (l) => deployLane(l, now))}</div>
      ${data.promotion.length
        ? html`<div class="promotion" data-part="promotion">${repeat(data.promotion, (s) => s.env, (s) => promotionStep(s, now))}</div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-deploys': RadiatorDeploys;
  }
}
