import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { area, line } from 'd3-shape';
import type { NumberTileView } from '../shared/tile-view.js';
import type { SeriesPoint } from '../shared/views/latency.js';
import type { NumberChange } from '../shared/views/number.js';
import { formatSi } from './format-si.js';
import { formatValue } from './format-value.js';
import { formatAge } from './relative-time.js';
import { widgetHostStyles } from './host-styles.js';
import { STATUS_GLYPH } from './theme.js';
import { thresholdText } from './threshold-text.js';

const SPARK_W = 1000;
const SPARK_H = 300;
const ARROW: Record<NumberChange['direction'], string> = { up: '↑', down: '↓', flat: '→' };

/**
 * @summary One value, large, coloured and marked by its status, with its change since N minutes
 * ago (arrow, absolute and percent) over a faint sparkline of that period.
 */
@customElement('radiator-number')
export class RadiatorNumber extends LitElement {
  @property({ attribute: false }) view!: NumberTileView;

  static override styles = [
    widgetHostStyles,
    css`
      :host {
        display: grid;
        position: relative;
        padding: 0 3cqmin 2cqmin;
      }
      svg {
        position: absolute;
        left: 0;
        right: 0;
        bottom: 0;
        width: 100%;
        height: 45%;
        opacity: 0.5;
      }
      .line { fill: none; stroke: var(--spark); stroke-width: clamp(1.5px, 0.35cqmin, 6px); vector-effect: non-scaling-stroke; }
      .area { fill: var(--spark); opacity: 0.18; }
      .main {
        position: relative;
        display: flex;
        flex-direction: column;
        justify-content: center;
        align-items: center;
        text-align: center;
        min-width: 0;
        gap: 2cqh;
      }
      .value {
        font-size: max(var(--value-min), min(38cqh, 24cqw));
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        line-height: 1;
        white-space: nowrap;
      }
      .unit {
        font-size: max(0.38em, var(--text-min));
        font-weight: 500;
        color: var(--fg-dim);
        margin-left: 0.15em;
      }
      .glyph {
        font-size: 0.5em;
        vertical-align: 0.35em;
        margin-right: 0.15em;
      }
      .change,
      .meta,
      .detail {
        /* never below the wall's floor: a narrow tile ellipsizes instead */
        font-size: clamp(var(--text-min), min(11cqh, 6.5cqw), 90px);
        line-height: 1.15;
        max-width: 100%;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .change {
        font-variant-numeric: tabular-nums;
      }
      .change .since,
      .meta {
        color: var(--fg-dim);
      }
      .meta {
        font-size: clamp(var(--text-min), min(8cqh, 5cqw), 70px);
      }
      .detail {
        white-space: normal;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    const data = this.view?.data;
    if (!data || data.key === null) return html`<div class="main"><div class="meta">no data yet</div></div>`;
    const status = this.view.status;
    const limits = [thresholdText(data.warning), thresholdText(data.critical)];
    const meta = [data.label !== this.view.title ? data.label : null, limits[0] && `warn ${limits[0]}`, limits[1] && `crit ${limits[1]}`].filter(Boolean).join(' · ');
    return html`
      <svg viewBox="0 0 ${SPARK_W} ${SPARK_H}" preserveAspectRatio="none" aria-hidden="true" style=${`--spark: var(--${status === 'ok' ? 'fg-dim' : status})`}>${svg`<path class="area"></path><path class="line"></path>`}</svg>
      <div class="main">
        <div class="value s-${status}" data-status=${status}>
          <span class="glyph">${STATUS_GLYPH[status]}</span>${this.formatted(data.current)}<span class="unit">${data.unit}</span>
        </div>
        ${data.detail ? html`<div class="detail">${data.detail}</div>` : nothing}
        ${data.current === null ? nothing : html`<div class="change">${this.changeText(data.change, data.compareMs)}</div>`}
        ${meta ? html`<div class="meta">${meta}</div>` : nothing}
      </div>
    `;
  }

  private formatted(value: number | null): string {
    const decimals = this.view.data.decimals;
    if (value === null || decimals === null) return formatValue(value, 2);
    return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  private changeText(change: NumberChange | null, compareMs: number) {
    if (!change) return html`<span class="since">vs ${formatAge(compareMs)} ago: no data</span>`;
    const sign = change.delta > 0 ? '+' : change.delta < 0 ? '−' : '±';
    const percent = change.percent === null ? '' : ` (${sign}${Math.abs(change.percent).toLocaleString('en-US', { maximumFractionDigits: 1 })} %)`;
    return html`${ARROW[change.direction]} ${sign}${formatSi(Math.abs(change.delta))}${percent} <span class="since">in ${formatAge(change.spanMs)}</span>`;
  }

  protected override updated(): void {
    const root = this.renderRoot.querySelector<SVGSVGElement>('svg');
    if (!root || !this.view) return;
    const { points, compareMs } = this.view.data;
    const last = points.length ? points[points.length - 1]![0] : 0;
    const values = points.map((p) => p[1]).filter((v): v is number => v !== null);
    const lo = values.length ? Math.min(...values) : 0;
    const hi = values.length ? Math.max(...values) : 1;
    const x = scaleLinear().domain([last - compareMs, last]).range([0, SPARK_W]);
    // a flat series sits mid-height instead of hugging an edge
    const y = scaleLinear().domain(hi > lo ? [lo, hi] : [lo - 1, hi + 1]).range([SPARK_H * 0.95, SPARK_H * 0.1]);
    const defined = (p: SeriesPoint) => p[1] !== null;
    select(root).select('.line').attr('d', line<SeriesPoint>().defined(defined).x((p) => x(p[0])).y((p) => y(p[1]!))(points) ?? '');
    select(root).select('.area').attr('d', area<SeriesPoint>().defined(defined).x((p) => x(p[0])).y0(SPARK_H).y1((p) => y(p[1]!))(points) ?? '');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-number': RadiatorNumber;
  }
}
