import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LatencyTileView } from '../shared/tile-view.js';
import type { LatencySeries } from '../shared/views/latency.js';
import { formatValue } from './format-value.js';
import { ResizeController } from './resize-controller.js';
import { drawSparkline, SPARK_H, SPARK_W } from './sparkline.js';
import { deployMarkLabels, deployMarkLines, deployMarkStyles } from './deploy-marks.js';
import { widgetHostStyles } from './host-styles.js';
import { STATUS_GLYPH } from './theme.js';

/**
 * @summary Response times: the current value large, coloured by its own thresholds, over a d3
 * sparkline of the window with warning/critical bands and deploy marks, and min/avg/p95 of the window.
 * One series fills the tile; several share it as rows (deploy labels on the first row's sparkline only).
 */
@customElement('radiator-latency')
export class RadiatorLatency extends LitElement {
  @property({ attribute: false }) view!: LatencyTileView;

  static override styles = [
    widgetHostStyles,
    deployMarkStyles,
    css`
      :host {
        padding: 0 3cqmin 2cqmin;
        gap: 1.5cqh;
      }
      .row {
        flex: 1;
        min-height: 0;
        /* each row is a container: its own height decides how its label is laid out */
        container: row / size;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        grid-template-rows: auto minmax(0, 1fr);
        column-gap: 0.8em;
        align-items: end;
        /* the label size (set per row from the number of rows); never below the wall's floor */
        font-size: clamp(var(--text-min), var(--label-size, 5cqh), 90px);
      }
      .value {
        grid-row: 1;
        grid-column: 1;
        /* cq units here are the row's: the value takes about 40 % of its row, at least the floor */
        font-size: clamp(var(--value-min), min(40cqh, 13cqw), 40cqw);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        line-height: 1;
        white-space: nowrap;
      }
      .unit {
        font-size: max(0.4em, var(--text-min));
        font-weight: 500;
        color: var(--fg-dim);
        margin-left: 0.15em;
      }
      .label {
        grid-row: 1;
        grid-column: 2;
        min-width: 0;
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        color: var(--fg-dim);
        line-height: 1.2;
      }
      .label > span {
        /* a long name or reason must ellipsize inside the tile, not run off its left edge */
        max-width: 100%;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .label .name {
        color: var(--fg);
        font-weight: 600;
      }
      /*
       * The statistics are the first text to go: one line, and each figure that does not fit on it
       * wraps onto a hidden second line (min first, then avg, then p95). The empty first item (a line
       * high, so the first line keeps its height) makes even the first figure wrap away rather than
       * show cut off.
       */
      .label > .stats {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        column-gap: 0.4em;
        height: 1.2em;
        overflow: hidden;
        align-self: stretch;
      }
      .label > .stats::before {
        content: '';
        width: 0;
        height: 1.2em;
        margin-right: -0.4em;
      }
      .stats > span {
        flex: none;
        white-space: nowrap;
      }
      .stats > span + span::before {
        content: '· ';
      }
      /* a short row (several series in a small tile): name, reason and statistics share one line */
      @container row (max-height: 5.5em) {
        .label {
          flex-direction: row;
          align-items: flex-end;
          justify-content: flex-end;
          column-gap: 0.5em;
        }
        .label > .name,
        .label > .detail {
          flex: 0 1 auto;
        }
        .label > .stats {
          flex: 1 1 0;
          align-self: auto;
        }
      }
      .spark {
        grid-row: 2;
        grid-column: 1 / span 2;
        position: relative;
        align-self: stretch;
        min-height: 0;
      }
      svg {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        display: block;
        overflow: hidden;
      }
      .line { fill: none; stroke: var(--series-colour); stroke-width: clamp(2px, 0.45cqmin, 8px); vector-effect: non-scaling-stroke; stroke-linejoin: round; }
      .area { fill: var(--series-colour); opacity: 0.14; }
    `,
  ];

  override render() {
    const series = this.view?.data.series ?? [];
    if (series.length === 0) return html`<div class="empty">no data yet</div>`;
    // labels grow with the room each row gets; the floor in the CSS keeps them readable when it is little
    const labelSize = `min(${Math.min(11 / series.length + 2, 8)}cqh, 4.2cqw)`;
    return repeat(
      series,
      (s) => s.key,
      (s, i) => html`
        <div class="row" data-key=${s.key} data-status=${s.status} style=${`--series-colour: var(--${s.status}); --label-size: ${labelSize}`}>
          <div class="value s-${s.status}">${STATUS_GLYPH[s.status]} ${formatValue(s.current)}<span class="unit">${s.unit}</span></div>
          <div class="label">
            ${series.length > 1 || s.label !== this.view.title ? html`<span class="name">${s.label}</span>` : nothing}
            ${s.detail ? html`<span class="detail">${s.detail}</span>` : nothing}
            <span class="stats">${this.stats(s)}</span>
          </div>
          <div class="spark">
            <svg viewBox="0 0 ${SPARK_W} ${SPARK_H}" preserveAspectRatio="none" aria-hidden="true">
              ${svg`<rect class="band-warning band-warning-high"></rect><rect class="band-critical band-critical-high"></rect><rect class="band-warning band-warning-low"></rect><rect class="band-critical band-critical-low"></rect>`}${deployMarkLines}${svg`<path class="area"></path><path class="line"></path>`}
            </svg>
            ${i === 0 ? deployMarkLabels : nothing}
          </div>
        </div>
      `,
    );
  }

  /** Most telling first: when the line is short, min goes first, then avg. */
  private stats(s: LatencySeries) {
    const u = s.unit ? ` ${s.unit}` : '';
    return html`<span>p95 ${formatValue(s.p95)}${u}</span><span>avg ${formatValue(s.avg)}</span><span>min ${formatValue(s.min)}</span>`;
  }

  constructor() {
    super();
    // the deploy labels are laid out in pixels: a new size lays them out again
    new ResizeController(this, () => this.drawSparklines());
  }

  protected override updated(): void {
    this.drawSparklines();
  }

  private drawSparklines(): void {
    const data = this.view?.data;
    for (const s of data?.series ?? []) {
      const row = this.renderRoot.querySelector(`.row[data-key="${CSS.escape(s.key)}"]`);
      const el = row?.querySelector<SVGSVGElement>('svg');
      if (!data || !row || !el) continue;
      const markLabels = row.querySelector<HTMLElement>('.mark-labels');
      drawSparkline(el, { points: s.points, windowMs: data.windowMs, warning: s.warning, critical: s.critical, deployMarks: data.deployMarks, markLabels });
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-latency': RadiatorLatency;
  }
}
