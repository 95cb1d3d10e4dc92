import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { select } from 'd3-selection';
import { area, line, type SeriesPoint as StackPoint } from 'd3-shape';
import type { GraphTileView } from '../shared/tile-view.js';
import type { Threshold } from '../shared/threshold.js';
import type { GraphSeries } from '../shared/views/graph.js';
import type { SeriesPoint } from '../shared/views/latency.js';
import { formatSi } from './format-si.js';
import { graphScales, PLOT, type GraphScales, type StackRow } from './graph-scales.js';
import { seriesColour } from './series-colours.js';
import { STATUS_GLYPH, themeStyles } from './theme.js';
import { thresholdText } from './threshold-text.js';

const hoursMinutes = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const withSeconds = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * @summary A time chart of several series (e.g. the load of every node, or CPU stacked by kind),
 * downsampled by the server. A legend names each series with its current value and, when it is not
 * ok, its status glyph and reason; warning/critical bands show when all series share them.
 */
@customElement('radiator-graph')
export class RadiatorGraph extends LitElement {
  @property({ attribute: false }) view!: GraphTileView;
  private scales: GraphScales | null = null;

  static override styles = [
    themeStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        container-type: size;
        padding: 0.5cqmin 2.5cqmin 1.5cqmin;
        box-sizing: border-box;
        gap: 1cqh;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em 1.6em;
        font-size: clamp(13px, min(var(--legend-size, 5cqh), 3cqw), 90px);
        line-height: 1.15;
        max-height: 34cqh;
        overflow: hidden;
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
        width: 0.9em;
        height: 0.32em;
        border-radius: 0.1em;
        background: var(--c);
        align-self: center;
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
        font-size: 0.8em;
        color: var(--critical);
        font-weight: 600;
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
        font-size: clamp(12px, min(4.6cqh, 3cqw), 64px);
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
        font-size: 0.8em;
        align-self: center;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
      }
      .grid line { stroke: var(--tile-border); stroke-width: 1; vector-effect: non-scaling-stroke; }
      .band-warning { fill: var(--band-warning); }
      .band-critical { fill: var(--band-critical); }
      .line { fill: none; stroke-width: clamp(2px, 0.45cqmin, 8px); vector-effect: non-scaling-stroke; stroke-linejoin: round; stroke-linecap: round; }
      .area { stroke: none; }
      .limits {
        position: absolute;
        right: 0.4em;
        top: 0.2em;
        font-size: 0.9em;
        color: var(--fg-dim);
        background: color-mix(in srgb, var(--tile-bg) 75%, transparent);
        padding: 0 0.3em;
        border-radius: 0.2em;
      }
      .empty {
        margin: auto;
        color: var(--fg-dim);
        font-size: 9cqmin;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('view')) this.scales = this.view?.data.series.length ? graphScales(this.view.data) : null;
  }

  override render() {
    const data = this.view?.data;
    const scales = this.scales;
    if (!data || !scales || data.series.length === 0) return html`<div class="empty">no data yet</div>`;
    // fewer series = larger legend; eight still readable from across the room
    this.style.setProperty('--legend-size', `${data.series.length <= 3 ? 5.5 : data.series.length <= 6 ? 5 : 4.6}cqh`);
    const pct = (yValue: number) => `${(scales.y(yValue) / PLOT) * 100}%`;
    const limits = [thresholdText(scales.warning), thresholdText(scales.critical)];
    const tickStep = scales.xTicks.length > 1 ? scales.xTicks[1]! - scales.xTicks[0]! : Infinity;
    const timeFormat = tickStep < 60_000 ? withSeconds : hoursMinutes;
    return html`
      <div class="legend">
        ${repeat(
          data.series,
          (s) => s.key,
          (s, i) => html`<div class="item" data-key=${s.key} data-status=${s.status} title=${s.group ? `${s.group}: ${s.label}` : s.label}>
            <span class="swatch" style=${`--c:${seriesColour(i)}`}></span>
            <span class="name">${s.label}</span>
            <span class="value s-${s.status === 'ok' ? 'plain' : s.status}"
              >${s.status === 'ok' ? nothing : `${STATUS_GLYPH[s.status]} `}${s.current === null && s.detail ? nothing : this.valueText(s, data.unit)}</span
            >
            ${s.detail && s.status !== 'unknown' ? html`<span class="detail">${s.detail}</span>` : nothing}
          </div>`,
        )}
        ${data.unit ? html`<span class="unit">${data.unit}</span>` : nothing}
      </div>
      <div class="chart">
        <div class="y" aria-hidden="true">
          ${scales.yTicks.map((t) => html`<span class="abs" style=${`top:${pct(t)}`}>${formatSi(t)}</span>`)}
          <span class="ghost">${widest(scales.yTicks)}</span>
        </div>
        <div class="plot">
          <svg viewBox="0 0 ${PLOT} ${PLOT}" preserveAspectRatio="none" role="img" aria-label=${`${this.view.title}: ${data.series.length} series`}>
            ${svg`<g class="bands"></g><g class="grid"></g><g class="areas"></g><g class="lines"></g>`}
          </svg>
          ${limits[0] || limits[1]
            ? html`<span class="limits">${[limits[0] && `warn ${limits[0]}`, limits[1] && `crit ${limits[1]}`].filter(Boolean).join(' · ')}</span>`
            : nothing}
        </div>
        <div class="x" aria-hidden="true">
          ${scales.xTicks.map((t) => html`<span style=${tickPosition(scales.x(t) / PLOT)}>${timeFormat.format(t)}</span>`)}
        </div>
      </div>
    `;
  }

  private valueText(s: GraphSeries, sharedUnit: string): string {
    const value = formatSi(s.current);
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

    chart
      .select('.bands')
      .selectAll<SVGRectElement, Band>('rect')
      .data(bands(scales.warning, scales.critical, y), (b) => b.id)
      .join('rect')
      .attr('class', (b) => `band-${b.level}`)
      .attr('x', 0)
      .attr('width', PLOT)
      .attr('y', (b) => b.y)
      .attr('height', (b) => b.height);

    const colourOf = new Map(data.series.map((s, i) => [s.key, seriesColour(i)]));
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
        .attr('class', 'line')
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
      .attr('class', 'line')
      .attr('stroke', (s) => colourOf.get(s.key)!)
      .attr('d', (s) => plotLine(s.points) ?? '');
  }
}

interface Band {
  id: string;
  level: 'warning' | 'critical';
  y: number;
  height: number;
}

/** Shaded regions outside the allowed ranges: above max and below min, critical over warning. */
function bands(warning: Threshold | null, critical: Threshold | null, y: GraphScales['y']): Band[] {
  const out: Band[] = [];
  const clamp = (v: number) => Math.max(0, Math.min(PLOT, v));
  for (const [level, range] of [['warning', warning], ['critical', critical]] as const) {
    if (range?.max != null) out.push({ id: `${level}-above`, level, y: 0, height: clamp(y(range.max)) });
    if (range?.min != null) {
      const top = clamp(y(range.min));
      out.push({ id: `${level}-below`, level, y: top, height: PLOT - top });
    }
  }
  return out;
}

/** Centred under its tick, except near the edges, where the label would be cut off. */
function tickPosition(fraction: number): string {
  const shift = fraction > 0.93 ? '-100%' : fraction < 0.07 ? '0' : '-50%';
  return `left:${fraction * 100}%;transform:translateX(${shift})`;
}

/** The longest tick label, to size the axis column once. */
function widest(ticks: number[]): string {
  return ticks.map(formatSi).reduce((a, b) => (b.length > a.length ? b : a), '');
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-graph': RadiatorGraph;
  }
}
