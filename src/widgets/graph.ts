import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { select } from 'd3-selection';
import { area, line, type SeriesPoint as StackPoint } from 'd3-shape';
import type { GraphTileView } from '../shared/tile-view.js';
import type { GraphSeries } from '../shared/views/graph.js';
import type { SeriesPoint } from '../shared/views/latency.js';
import { formatSi } from './format-si.js';
import { DEFAULT_TICK_ROOM, graphScales, PLOT, type GraphScales, type StackRow, type TickRoom } from './graph-scales.js';
import { ResizeController } from './resize-controller.js';
import { seriesStyle } from './series-colours.js';
import { deployMarkLabels, deployMarkLines, deployMarkStyles, drawDeployMarks } from './deploy-marks.js';
import { drawThresholdBands } from './threshold-bands.js';
import { widgetHostStyles } from './host-styles.js';
import { STATUS_GLYPH } from './theme.js';
import { thresholdText } from './threshold-text.js';

const hoursMinutes = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const withSeconds = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * @summary A time chart of several series (e.g. the load of every node, or CPU stacked by kind),
 * downsampled by the server. A legend names each series with its current value and, when it is not
 * ok, its status glyph and reason; warning/critical bands show when all series share them, and
 * deploys (tile option `deploys`) as thin labelled lines.
 */
@customElement('radiator-graph')
export class RadiatorGraph extends LitElement {
  @property({ attribute: false }) view!: GraphTileView;
  private scales: GraphScales | null = null;
  /** Tick labels the plot has room for at the current size; measured, so labels never overlap. */
  @state() private tickRoom: TickRoom = DEFAULT_TICK_ROOM;
  private tickRoomMeasured = false;

  static override styles = [
    widgetHostStyles,
    deployMarkStyles,
    css`
      :host {
        padding: 0.5cqmin 2.5cqmin 1.5cqmin;
        gap: 1cqh;
      }
      .legend {
        position: relative;
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em 1.4em;
        /* never below the wall's floor; a small tile shows fewer entries instead of smaller ones */
        font-size: clamp(var(--text-min), min(var(--legend-size, 5cqh), 3cqw), 90px);
        line-height: 1.2;
        /* whole lines only (1.2em each, 0.3em apart) within about two fifths of the tile */
        max-height: max(1.2em, round(down, 42cqh + 0.3em, 1.5em) - 0.3em);
        overflow: hidden;
        flex: none;
      }
      .more {
        position: absolute;
        right: 0;
        bottom: 0;
        padding-left: 0.8em;
        font-weight: 700;
        color: var(--fg);
        background: linear-gradient(to right, transparent, var(--tile-bg) 0.7em);
        white-space: nowrap;
      }
      .item {
        display: flex;
        align-items: baseline;
        gap: 0.35em;
        min-width: 0;
        max-width: 100%;
      }
      .swatch {
        flex: none;
        width: 1.2em;
        height: 0.3em;
        border-radius: 0.1em;
        background: var(--c);
        align-self: center;
      }
      .swatch.dash {
        border-radius: 0;
        background: repeating-linear-gradient(90deg, var(--c) 0 0.36em, transparent 0.36em 0.6em);
      }
      .swatch.dot {
        border-radius: 0;
        background: radial-gradient(circle closest-side, var(--c) 90%, transparent) 0 0 / 0.3em 0.3em repeat-x;
      }
      .name {
        flex: 0 1 auto;
        color: var(--fg-dim);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        min-width: 0;
      }
      .value {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .detail {
        /* the reason takes what room is left; the series name stays readable */
        flex: 1 1 0;
        font-size: max(0.8em, var(--text-min));
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        min-width: 0;
      }
      .chart {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        grid-template-rows: minmax(0, 1fr) auto;
        column-gap: 1.2cqmin;
        /* room for the half of the top and bottom tick labels that sticks out of the plot */
        padding-top: 0.55em;
        font-size: clamp(var(--text-min), min(4.6cqh, 3cqw), 64px);
        color: var(--fg-dim);
        font-variant-numeric: tabular-nums;
      }
      .y {
        position: relative;
        grid-row: 1;
        grid-column: 1;
        text-align: right;
      }
      .y span {
        display: block;
        transform: translateY(-50%);
        line-height: 1;
        white-space: nowrap;
      }
      .y span.abs {
        position: absolute;
        right: 0;
      }
      .y .ghost {
        visibility: hidden;
      }
      .plot {
        position: relative;
        grid-row: 1;
        grid-column: 2;
        min-height: 0;
      }
      svg {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        overflow: hidden;
      }
      .x {
        position: relative;
        grid-row: 2;
        grid-column: 2;
        height: 1.6em;
      }
      .x span {
        position: absolute;
        top: 0.55em;
        transform: translateX(-50%);
        white-space: nowrap;
        line-height: 1;
      }
      .unit {
        margin-left: auto;
        color: var(--fg-dim);
        font-size: max(0.8em, var(--text-min));
        align-self: center;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
      }
      .grid line { stroke: var(--tile-border); stroke-width: 1; vector-effect: non-scaling-stroke; }
      .line { fill: none; stroke-width: clamp(2px, 0.45cqmin, 8px); vector-effect: non-scaling-stroke; stroke-linejoin: round; stroke-linecap: round; }
      /* with a non-scaling stroke the dashes are measured on the screen, so vh keeps them alike at 1080p and 4K */
      .line.dash { stroke-dasharray: 1.3vh 0.8vh; stroke-linecap: butt; }
      .line.dot { stroke-dasharray: 0.01vh 0.75vh; stroke-width: clamp(3px, 0.6cqmin, 10px); }
      .area { stroke: none; }
      .limits {
        position: absolute;
        right: 0.4em;
        top: 0.2em;
        max-width: calc(100% - 0.8em);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        color: var(--fg-dim);
        background: color-mix(in srgb, var(--tile-bg) 75%, transparent);
        padding: 0 0.3em;
        border-radius: 0.2em;
      }
      /* the newest deploys are labelled at the top right: the limits make way for them */
      .limits.start {
        right: auto;
        left: 0.4em;
      }
      /* a one-column tile: the limits are shown as bands, their text would cover the chart */
      @container (max-width: 16em) {
        .limits {
          display: none;
        }
      }
    `,
  ];

  constructor() {
    super();
    // on a new size: how many ticks fit, which legend entries do not, where deploy labels go
    new ResizeController(this, () => {
      this.measureTickRoom();
      this.countHiddenLegend();
      this.drawMarks();
    });
  }

  /**
   * Room for tick labels: along x, the plot's width over the widest label plus a gap; along y, one
   * label per two lines of height. Only a change of room re-renders.
   */
  private measureTickRoom(): void {
    const plot = this.renderRoot.querySelector<HTMLElement>('.plot');
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (!plot || !chart) return;
    this.tickRoomMeasured = true;
    const em = parseFloat(getComputedStyle(chart).fontSize) || 16;
    const labels = [...this.renderRoot.querySelectorAll<HTMLElement>('.x span')];
    const label = Math.max(em * 3, ...labels.map((l) => l.offsetWidth));
    const x = Math.max(1, Math.min(DEFAULT_TICK_ROOM.x, Math.floor(plot.clientWidth / (label + em * 2))));
    const y = Math.max(2, Math.min(DEFAULT_TICK_ROOM.y, Math.floor(plot.clientHeight / (em * 2)) + 1));
    if (x !== this.tickRoom.x || y !== this.tickRoom.y) this.tickRoom = { x, y };
  }

  /**
   * A legend longer than its lines hides the entries past the last line; "+N" in its corner says how
   * many, so a series drawn in the chart is never silently unnamed. Written straight into the DOM
   * (no re-render): it depends on layout, not on the view.
   */
  private countHiddenLegend(): void {
    const legend = this.renderRoot.querySelector<HTMLElement>('.legend');
    const more = legend?.querySelector<HTMLElement>('.more');
    if (!legend || !more) return;
    const bottom = legend.clientHeight + 1;
    const hidden = [...legend.querySelectorAll<HTMLElement>('.item')].filter((item) => item.offsetTop + item.offsetHeight > bottom).length;
    more.hidden = hidden === 0;
    more.textContent = hidden ? `+${hidden}` : '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('view') || changed.has('tickRoom')) this.scales = this.view?.data.series.length ? graphScales(this.view.data, this.tickRoom) : null;
  }

  override render() {
    const data = this.view?.data;
    const scales = this.scales;
    if (!data || !scales || data.series.length === 0) return html`<div class="empty">no data yet</div>`;
    // fewer series = larger legend; eight still readable from across the room
    const legendSize = `${data.series.length <= 3 ? 5.5 : data.series.length <= 6 ? 5 : 4.6}cqh`;
    const pct = (yValue: number) => `${(scales.y(yValue) / PLOT) * 100}%`;
    const limits = [thresholdText(scales.warning), thresholdText(scales.critical)];
    const tickStep = scales.xTicks.length > 1 ? scales.xTicks[1]! - scales.xTicks[0]! : Infinity;
    const timeFormat = tickStep < 60_000 ? withSeconds : hoursMinutes;
    return html`
      <div class="legend" style=${`--legend-size: ${legendSize}`}>
        ${repeat(
          data.series,
          (s) => s.key,
          (s, i) => html`<div class="item" data-key=${s.key} data-status=${s.status} title=${s.group ? `${s.group}: ${s.label}` : s.label}>
            <span class="swatch ${seriesStyle(i).dash}" style=${`--c:${seriesStyle(i).colour}`}></span>
            <span class="name">${s.label}</span>
            <span class="value s-${s.status === 'ok' ? 'plain' : s.status}"
              >${s.status === 'ok' ? nothing : `${STATUS_GLYPH[s.status]} `}${s.current === null && s.detail ? nothing : this.valueText(s, data.unit)}</span
            >
            ${s.detail && s.status !== 'unknown' ? html`<span class="detail">${s.detail}</span>` : nothing}
          </div>`,
        )}
        ${data.unit ? html`<span class="unit">${data.unit}</span>` : nothing}
        <span class="more" hidden></span>
      </div>
      <div class="chart">
        <div class="y" aria-hidden="true">
          ${scales.yTicks.map((t) => html`<span class="abs" style=${`top:${pct(t)}`}>${formatSi(t, this.view.data.base)}</span>`)}
          <span class="ghost">${widest(scales.yTicks, this.view.data.base)}</span>
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
          ${scales.xTicks.map((t) => html`<span style=${tickPosition(scales.x(t) / PLOT)}>${timeFormat.format(t)}</span>`)}
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

  private valueText(s: GraphSeries, sharedUnit: string): string {
    const value = formatSi(s.current, this.view.data.base);
    return sharedUnit || !s.unit || s.current === null ? value : `${value} ${s.unit}`;
  }

  protected override updated(): void {
    const data = this.view?.data;
    const scales = this.scales;
    const root = this.renderRoot.querySelector<SVGSVGElement>('svg');
    if (!data || !scales || !root) return;
    const chart = select(root);
    const { x, y } = scales;

    chart
      .select('.grid')
      .selectAll<SVGLineElement, number>('line')
      .data(scales.yTicks, (t) => String(t))
      .join('line')
      .attr('x1', 0)
      .attr('x2', PLOT)
      .attr('y1', (t) => y(t))
      .attr('y2', (t) => y(t));

    drawThresholdBands(root.querySelector('.bands'), scales.warning, scales.critical, y, PLOT);
    this.drawMarks();

    this.countHiddenLegend();
    // the first chart drawn: measure now (the resize observer only fires when the size changes)
    if (!this.tickRoomMeasured) this.measureTickRoom();
    const styleOf = new Map(data.series.map((s, i) => [s.key, seriesStyle(i)]));
    const colourOf = new Map([...styleOf].map(([key, style]) => [key, style.colour]));
    if (data.stacked) {
      const stackedArea = area<StackPoint<StackRow>>()
        .defined((d) => d.data.any)
        .x((d) => x(d.data.t))
        .y0((d) => y(d[0]))
        .y1((d) => y(d[1]));
      const stackedTop = line<StackPoint<StackRow>>()
        .defined((d) => d.data.any)
        .x((d) => x(d.data.t))
        .y((d) => y(d[1]));
      chart
        .select('.areas')
        .selectAll<SVGPathElement, (typeof scales.layers)[number]>('path')
        .data(scales.layers, (l) => l.key)
        .join('path')
        .attr('class', 'area')
        .attr('fill', (l) => colourOf.get(l.key)!)
        .attr('fill-opacity', 0.5)
        .attr('d', (l) => stackedArea(l) ?? '');
      chart
        .select('.lines')
        .selectAll<SVGPathElement, (typeof scales.layers)[number]>('path')
        .data(scales.layers, (l) => l.key)
        .join('path')
        .attr('class', (l) => `line ${styleOf.get(l.key)!.dash}`)
        .attr('stroke', (l) => colourOf.get(l.key)!)
        .attr('d', (l) => stackedTop(l) ?? '');
      return;
    }
    const defined = (p: SeriesPoint) => p[1] !== null;
    const plotLine = line<SeriesPoint>().defined(defined).x((p) => x(p[0])).y((p) => y(p[1]!));
    const single = data.series.length === 1;
    const shade = area<SeriesPoint>().defined(defined).x((p) => x(p[0])).y0(PLOT).y1((p) => y(p[1]!));
    chart
      .select('.areas')
      .selectAll<SVGPathElement, GraphSeries>('path')
      // one series gets a soft area under its line; several would muddy each other
      .data(single ? data.series : [], (s) => s.key)
      .join('path')
      .attr('class', 'area')
      .attr('fill', (s) => colourOf.get(s.key)!)
      .attr('fill-opacity', 0.14)
      .attr('d', (s) => shade(s.points) ?? '');
    chart
      .select('.lines')
      .selectAll<SVGPathElement, GraphSeries>('path')
      .data(data.series, (s) => s.key)
      .join('path')
      .attr('class', (s) => `line ${styleOf.get(s.key)!.dash}`)
      .attr('stroke', (s) => colourOf.get(s.key)!)
      .attr('d', (s) => plotLine(s.points) ?? '');
  }
}

/** Centred under its tick, except near the edges, where the label would be cut off. */
function tickPosition(fraction: number): string {
  const shift = fraction > 0.93 ? '-100%' : fraction < 0.07 ? '0' : '-50%';
  return `left:${fraction * 100}%;transform:translateX(${shift})`;
}

/** The longest tick label, to size the axis column once. */
function widest(ticks: number[], base: 1000 | 1024): string {
  return ticks.map((t) => formatSi(t, base)).reduce((a, b) => (b.length > a.length ? b : a), '');
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-graph': RadiatorGraph;
  }
}
