import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RiskTileView } from '../shared/tile-view.js';
import { headlineMessageStyles, idleMessageSizes, lineFitStyles, listFooterStyles, widgetHostStyles } from './host-styles.js';
import { noDataYet } from './no-data-yet.js';
import { ResizeController } from './resize-controller.js';
import { drawRatingCells, drawRpnBar } from './risk-bars.js';
import { fitModesToSize } from './risk-fit.js';
import { riskRowFont } from './risk-layout.js';
import { riskMode, riskProblems } from './risk-mode.js';
import { riskStyles } from './risk-styles.js';
import { STATUS_GLYPH } from './theme.js';
import { TickingClock } from './ticking-clock.js';

/**
 * @summary FMEA failure modes ranked by risk now, for reading across a room: the top modes, those
 * happening now first (pulsing red, with what shows it and for how long), each with severity,
 * occurrence and detection as ten-cell scales and its RPN as a bar, the assessed value marked where
 * the evidence moved it ("O 5 · assessed 2"), its effect, next preventative action and why it moved.
 * On a small tile (or with `compact`) one line per mode. What does not fit is left out whole and
 * counted. File and signal problems show above the list. The server decides every rating, rank and
 * tone; this only lays them out. A mode is risk-mode.ts, its scales and bars are drawn by
 * risk-bars.ts, the fitting is risk-fit.ts (its rules risk-layout.ts), the styles risk-styles.ts.
 */
@customElement('radiator-risk')
export class RadiatorRisk extends LitElement {
  @property({ attribute: false }) view!: RiskTileView;
  /** Server time minus display time, in ms, so "happening for 3 min" is right on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** How long a mode has been happening moves between server updates. */
  private readonly clock = new TickingClock(this, 5_000);

  static override styles = [widgetHostStyles, headlineMessageStyles, idleMessageSizes, listFooterStyles, lineFitStyles, riskStyles];

  constructor() {
    super();
    // on a new size: full cards or one line per mode, and which parts no longer fit
    new ResizeController(this, () => this.fitToSize());
  }

  /** The row font follows how many modes share the tile; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const data = changed.has('view') ? this.view?.data : undefined;
    if (!data) return;
    this.style.setProperty('--row-font', riskRowFont(data.modes.length));
  }

  protected override updated(): void {
    this.drawBars();
    this.fitToSize();
  }

  /** d3 draws the scales into the SVGs the template keeps; each carries its numbers as data attributes. */
  private drawBars(): void {
    const num = (el: SVGSVGElement, name: string) => Number(el.dataset[name] ?? 0);
    for (const el of this.renderRoot.querySelectorAll<SVGSVGElement>('svg.cells')) drawRatingCells(el, num(el, 'live'), num(el, 'assessed'));
    for (const el of this.renderRoot.querySelectorAll<SVGSVGElement>('svg.rpn-bar')) drawRpnBar(el, num(el, 'live'), num(el, 'assessed'), num(el, 'scale'));
  }

  private fitToSize(): void {
    const data = this.view?.data;
    if (data) fitModesToSize(this, this.renderRoot, data);
  }

  /** The server says what the tile leads with (`data.headline`); this only lays it out. */
  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    if (data.headline === 'waiting') {
return noDataYet(view.reason, 'waiting for the FMEA files to be read');
    }
    if (data.headline === 'no-modes') {
      return html`<div class="idle s-unknown" data-part="no-modes">
        <div class="big">${STATUS_GLYPH.unknown} No failure modes</div>
        <div class="sub">${view.reason ?? 'the FMEA files list none'}</div>
      </div>`;
    }
    const now = this.clock.now + this.offsetMs;
    return html`
      ${data.problems.length ? riskProblems(data.problems, data.moreProblems) : nothing}
      <div class="list" data-part="modes">${repeat(data.modes, (m) => m.key, (m) => riskMode(m, data.rpnScale, now))}</div>
      <div class="footer" data-part="counts">
        ${data.happening ? html`<span class="count now" data-drop="3">${STATUS_GLYPH.critical} ${data.happening} happening now</span>` : nothing}
        <span class="count" data-drop="2">${data.total} failure mode${data.total === 1 ? '' : 's'}</span>
        <span data-drop="1">by RPN = S × O × D</span>
        <span class="more" hidden></span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-risk': RadiatorRisk;
  }
}
