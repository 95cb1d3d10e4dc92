import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { GraphTileView } from '../shared/tile-view.js';
import { formatSi } from './format-si.js';
import { axisTimeFormat, tickRoomFor, widestTick, xTickStyle } from './graph-axes.js';
import { countHiddenLegend, graphLegend } from './graph-legend.js';
import { drawGraphChart } from './graph-lines.js';
import { DEFAULT_TICK_ROOM, graphScales, PLOT, type GraphScales, type TickRoom } from './graph-scales.js';
import { graphStyles } from './graph-styles.js';
import { ResizeController } from './resize-controller.js';
import { deployMarkLabels, deployMarkLines, deployMarkStyles, drawDeployMarks } from './deploy-marks.js';
import { widgetHostStyles } from './host-styles.js';
import { thresholdText } from './threshold-text.js';

/**
 * @summary A time chart of several series (e.g. the load of every node, or CPU stacked by kind),
 * downsampled by the server. A legend names each series with its current value and, when it is not
 * ok, its status glyph and reason; warning/critical bands show when all series share them, and
 * deploys (tile option `deploys`) as thin labelled lines. The legend is graph-legend.ts, the scales
 * graph-scales.ts and the axes' labels graph-axes.ts (both pure), the chart is drawn by
 * graph-lines.ts, its bands by threshold-bands.ts, its deploys by deploy-marks.ts; the styles
 * graph-styles.ts.
 */
@customElement('radiator-graph')
export class RadiatorGraph extends LitElement {
  @property({ attribute: false }) view!: GraphTileView;
  private scales: GraphScales | null = null;
  /** Tick labels the plot has room for at the current size; measured, so labels never overlap. */
  @state() private tickRoom: TickRoom = DEFAULT_TICK_ROOM;
  private tickRoomMeasured = false;

  static override styles = [widgetHostStyles, deployMarkStyles, graphStyles];

  constructor() {
    super();
    // on a new size: how many ticks fit, which legend entries do not, where deploy labels go
    new ResizeController(this, () => {
      this.measureTickRoom();
      countHiddenLegend(this.renderRoot);
      this.drawMarks();
    });
  }

  /** Room for tick labels (tickRoomFor), measured on the plot and the labels there are; only a change of room re-renders. */
  private measureTickRoom(): void {
    const plot = this.renderRoot.querySelector<HTMLElement>('.plot');
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!plot || !chart) return;
    this.tickRoomMeasured = true;
    const em = parseFloat(getComputedStyle(chart).fontSize) || 16;
    const labels = [...this.renderRoot.querySelectorAll<HTMLElement>('.x span')];
    const { x, y } = tickRoomFor(plot.clientWidth, plot.clientHeight, em, labels.map((l) => l.offsetWidth));
    if (x !== this.tickRoom.x || y !== this.tickRoom.y) this.tickRoom = { x, y };
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('view') || changed.has('tickRoom')) this.scales = this.view?.data.series.length ? graphScales(this.view.data, this.tickRoom) : null;
  }

  override render() {
    const data = this.view?.data;
    const scales = this.scales;
    if (!data || !scales || data.series.length === 0) return html`<div class="empty">no data yet</div>`;
    const pct = (yValue: number) => `${(scales.y(yValue) / PLOT) * 100}%`;
    const limits = [thresholdText(scales.warning), thresholdText(scales.critical)];
    const timeFormat = axisTimeFormat(scales.xTicks);
    return html`
      ${graphLegend(data)}
      <div class="chart">
        <div class="y" aria-hidden="true">
          ${scales.yTicks.map((t) => html`<span class="abs" style=${`top:${pct(t)}`}>${formatSi(t, this.view.data.base)}</span>`)}
          <span class="ghost">${widestTick(scales.yTicks, this.view.data.base)}</span>
        </div>
        <div class="plot">
          <svg viewBox="0 0 ${PLOT} ${PLOT}" preserveAspectRatio="none" role="img" aria-label=${`${this.view.title}: ${data.series.length} series`}>
            ${svg`<g class="bands"></g><g class="grid"></g>`}${deployMarkLines}${svg`<g class="areas"></g><g class="lines"></g>`}
          </svg>
          ${deployMarkLabels}
          ${limits[0] || limits[1]
            ? html`<span class="limits ${data.deployMarks.length ? 'start' : ''}">${[limits[0] && `warn ${limits[0]}`, limits[1] && `crit ${limits[1]}`].filter(Boolean).join(' · ')}</span>`
            : nothing}
        </div>
        <div class="x" aria-hidden="true">
          ${scales.xTicks.map((t) => html`<span style=${xTickStyle(scales.x(t) / PLOT)}>${timeFormat.format(t)}</span>`)}
        </div>
      </div>
    `;
  }

  /** Deploy lines, and their labels clear of the limits text. */
  private drawMarks(): void {
    const plot = this.renderRoot.querySelector('.plot');
    if (!this.view || !this.scales || !plot) return;
    const layer = { lines: plot.querySelector<SVGGElement>('.deploy-marks'), labels: plot.querySelector<HTMLElement>('.mark-labels'), width: PLOT, height: PLOT };
    drawDeployMarks({ ...layer, avoid: [...plot.querySelectorAll('.limits')] }, this.view.data.deployMarks, this.scales.x);
  }

  protected override updated(): void {
    const data = this.view?.data;
    const scales = this.scales;
    const root = this.renderRoot.querySelector<SVGSVGElement>('svg');
    if (!data || !scales || !root) return;
    drawGraphChart(root, data, scales);
    this.drawMarks();
    countHiddenLegend(this.renderRoot);
    // the first chart drawn: measure now (the resize observer only fires when the size changes)
    if (!this.tickRoomMeasured) this.measureTickRoom();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-graph': RadiatorGraph;
  }
}
